import { Client, ID, TablesDB } from 'node-appwrite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { startAppwriteEmulator, type AppwriteEmulator } from 'appwrite-orm/testing';
import { mswHandlers } from 'appwrite-orm/testing/msw';

let emu: AppwriteEmulator;
let tablesDb: TablesDB;

beforeAll(async () => {
  emu = await startAppwriteEmulator();
  const client = new Client().setEndpoint(emu.endpoint).setProject(emu.projectId).setKey(emu.apiKey);
  tablesDb = new TablesDB(client);
});
afterAll(() => emu.close());

it('stores a row', async () => {
  await tablesDb.create({ databaseId: 'main', name: 'Main' });
  await tablesDb.createTable({
    databaseId: 'main', tableId: 'notes', name: 'Notes',
    columns: [{ key: 'text', type: 'string', size: 200, required: true }],   // inline: available at once
  });
  const row = await tablesDb.createRow({ databaseId: 'main', tableId: 'notes', rowId: ID.unique(), data: { text: 'hi' } });
  expect(row.$sequence).toBe('1');
});

it('serves the same routes to fetch clients through msw', async () => {
  const server = setupServer(...mswHandlers(emu));
  server.listen();
  try {
    const headers = { 'x-appwrite-project': emu.projectId, 'x-appwrite-key': emu.apiKey };
    // An origin nothing listens on: msw answers, from the emulator's data.
    const answer = await fetch('http://appwrite.test/v1/tablesdb/main', { headers });
    expect(await answer.json()).toMatchObject({ $id: 'main', name: 'Main' });
  } finally {
    server.close();
  }
});
