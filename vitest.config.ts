import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (entry: string) => fileURLToPath(new URL(`./src/${entry}/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Docs examples and the example app import the package by name, as users do; tests run them on the sources.
    // A name also matches its subpaths: `appwrite-orm/testing/msw` comes before `appwrite-orm/testing`.
    alias: {
      'appwrite-orm/server': source('server'),
      'appwrite-orm/express': source('express'),
      'appwrite-orm/testing/msw': fileURLToPath(new URL('./src/testing/msw.ts', import.meta.url)),
      'appwrite-orm/testing': source('testing'),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
