import { Client, TablesDB } from 'node-appwrite';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startAppwriteEmulator, type AppwriteEmulator, type AppwriteEmulatorOptions } from '../../src/testing/index.js';

/** How a test client authenticates: the emulator's API key (default), a user JWT, or nothing (guest). */
export type TestCredentials = { readonly jwt: string } | { readonly apiKey: string } | 'guest';

export interface EmulatorFixture {
  /** The running emulator (available inside tests and hooks). */
  readonly emu: AppwriteEmulator;
  /** A node-appwrite client on the emulator. */
  client(credentials?: TestCredentials): Client;
  /** A node-appwrite TablesDB on the emulator. */
  tablesDb(credentials?: TestCredentials): TablesDB;
}

/**
 * Starts an emulator for the enclosing test file or `describe` (beforeAll) and closes it (afterAll).
 * `resetBetweenTests` drops all data, logs and faults before each test.
 *
 * @example
 * ```ts
 * const fixture = useEmulator({ columnDelayMs: 10 });
 * it('creates a database', async () => {
 *   await fixture.tablesDb().create({ databaseId: 'main', name: 'Main' });
 * });
 * ```
 */
export function useEmulator(options: AppwriteEmulatorOptions & { readonly resetBetweenTests?: boolean } = {}): EmulatorFixture {
  let current: AppwriteEmulator | undefined;
  beforeAll(async () => {
    current = await startAppwriteEmulator({ columnDelayMs: 10, ...options });
  });
  afterAll(async () => {
    await current?.close();
    current = undefined;
  });
  if (options.resetBetweenTests === true) {
    beforeEach(() => {
      current?.reset();
    });
  }
  const fixture: EmulatorFixture = {
    get emu(): AppwriteEmulator {
      if (current === undefined) throw new Error('The emulator runs only inside tests and hooks of this file.');
      return current;
    },
    client(credentials = { apiKey: fixture.emu.apiKey }) {
      const client = new Client().setEndpoint(fixture.emu.endpoint).setProject(fixture.emu.projectId);
      if (credentials === 'guest') return client;
      return 'jwt' in credentials ? client.setJWT(credentials.jwt) : client.setKey(credentials.apiKey);
    },
    tablesDb(credentials) {
      return new TablesDB(fixture.client(credentials));
    },
  };
  return fixture;
}

/**
 * Polls `check` until it returns true (bounded: `timeoutMs`, default 2 s), for asynchronous states such as a
 * column becoming available.
 */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Waits until every column and index of a table is `available`. */
export async function waitForSchema(tablesDb: TablesDB, databaseId: string, tableId: string, timeoutMs = 2000): Promise<void> {
  await waitUntil(async () => {
    const table = await tablesDb.getTable({ databaseId, tableId });
    return [...table.columns, ...table.indexes].every((item) => (item as { status: string }).status === 'available');
  }, timeoutMs);
}
