import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * `npm run test:appwrite`: the integration tests of the ORM against the real Appwrite named by
 * APPWRITE_ENDPOINT, APPWRITE_PROJECT_ID and APPWRITE_API_KEY. Each test file works in a fresh database that
 * it deletes afterwards; tests that need the local server's controls are skipped with a note in their name
 * (the verbose reporter lists them). The local server's own conformance tests, the multi-process bridge tests
 * and the example/docs suites start a local server of their own and are not part of this run.
 */
const config = mergeConfig(base, defineConfig({
  test: {
    globalSetup: ['test/appwrite-setup.ts'],
    typecheck: { enabled: false },
    env: { APPWRITE_ORM_TEST_TARGET: 'appwrite' },
    reporters: ['verbose'],
    // A real server is further away than the loopback emulator; files run one at a time to be gentle with it.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
}));
// Replaced, not merged: mergeConfig would add these to the default run's list.
config.test = { ...config.test, include: ['test/integration/handles/**/*.test.ts'] };

export default config;
