import { Client, ID, TablesDB } from 'node-appwrite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAppwriteEmulator, type AppwriteEmulator } from 'appwrite-orm/testing';

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
