import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/server/database.js';
import { ServerORM } from '../../../src/server/server-orm.js';
import { startAppwriteEmulator, type AppwriteEmulator } from '../../../src/testing/index.js';

// A column named `i` whose values look like legacy query strings: a filter object on it and a query()
// call with that string as its filters must stay two different queries.
const notes = {
  name: 'notes',
  schema: {
    name: { type: 'string', required: true, size: 64 },
    i: { type: 'string', size: 64 },
  },
} as const;

let emu: AppwriteEmulator;
let db: Database<readonly [typeof notes]>;

beforeAll(async () => {
  emu = await startAppwriteEmulator({ columnDelayMs: 0 });
  const orm = new ServerORM({ endpoint: emu.endpoint, projectId: emu.projectId, apiKey: emu.apiKey, databaseId: 'spellings', autoMigrate: true });
  db = await orm.init([notes] as const);
  await db.table('notes').create({ name: 'a' }, { id: 'a' });
  await db.table('notes').create({ name: 'b', i: 'x' }, { id: 'b' });
});
afterAll(async () => {
  await db.close();
  await emu.close();
});

describe('query spellings that serialise alike', () => {
  it('answers query(string) with its own rows after find({ i: sameString })', async () => {
    const table = db.table('notes');
    expect(await table.find({ i: 'equal("name", "a")' })).toEqual([]);
    const rows = await table.query('equal("name", "a")');
    expect(rows.map((row) => row.$id)).toEqual(['a']);
  });

  it('answers find({ i: sameString }) with its own rows after query(string)', async () => {
    const table = db.table('notes');
    expect((await table.query('equal("name", "b")')).map((row) => row.$id)).toEqual(['b']);
    expect(await table.find({ i: 'equal("name", "b")' })).toEqual([]);
  });
});
