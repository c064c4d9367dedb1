import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (entry: string) => fileURLToPath(new URL(`./src/${entry}/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Docs examples and the example app import the package by name, as users do; tests run them on the sources.
    alias: {
      'appwrite-orm/server': source('server'),
      'appwrite-orm/express': source('express'),
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
