import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    'server/index': 'src/server/index.ts',
    'express/index': 'src/express/index.ts',
    'testing/index': 'src/testing/index.ts',
    'testing/msw': 'src/testing/msw.ts',
    'cli/main': 'src/cli/main.ts',
    // The command line in both formats: the bin loads the one matching the user's project (one library copy).
    'cli/run-cli': 'src/cli/run-cli.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
  // import.meta.url in the CommonJS build (the testing/msw entry resolves optional msw from its own location).
  shims: true,
  external: ['express', 'ioredis', 'msw', 'tsx', 'prom-client'],
});
