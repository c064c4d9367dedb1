import { describe, expect, it } from 'vitest';
import { defineTable } from '../../../src/schema/table-definition.js';
import { ServerORM } from '../../../src/server/server-orm.js';
import { useEmulator } from '../../helpers/emulator.js';

const tables = [
  defineTable({
    name: 'users',
    schema: { email: { type: 'string', required: true, size: 128 }, name: { type: 'string', required: true, size: 64 }, plan: { type: 'string', size: 16 } },
    indexes: [{ key: 'by_email', type: 'unique', attributes: ['email'] }],
  }),
] as const;

const fixture = useEmulator({ columnDelayMs: 0 });
let databases = 0;

async function instances(count: number) {
  const databaseId = `defaults${++databases}`;
  const config = { endpoint: fixture.emu.endpoint, projectId: fixture.emu.projectId, apiKey: fixture.emu.apiKey, databaseId };
  await new ServerORM({ ...config, cache: false }).migrate(tables);
  return Promise.all(Array.from({ length: count }, () => new ServerORM({ ...config, autoValidate: false }).init(tables)));
}

describe('findOrCreate, getOrDefault and findOneOrDefault', () => {
  it('findOrCreate reads through the cache, creates on a miss, and returns the existing row after', async () => {
    const [db] = await instances(1);
    const users = db!.table('users');
    const first = await users.findOrCreate({ email: 'ada@example.com' }, { name: 'Ada' });
    expect(first).toMatchObject({ created: true, row: { email: 'ada@example.com', name: 'Ada', plan: null } });
    const again = await users.findOrCreate({ email: 'ada@example.com' }, { name: 'Someone else' });
    expect(again).toEqual({ created: false, row: first.row });
    await expect(users.findOrCreate({ email: ['a', 'b'] }, { name: 'x' })).rejects.toThrow('findOrCreate() takes one value per column, not a list');
  });

  it('is safe under a race between instances: one creates, the others get its row', async () => {
    const racers = await instances(3);
    fixture.emu.requests.clear();
    const results = await Promise.all(racers.map((db) => db.table('users').findOrCreate({ email: 'race@example.com' }, { name: 'Racer' })));
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.row.$id)).size).toBe(1);
    expect(fixture.emu.requests.list({ operation: 'createRow' }).filter((request) => request.status === 201)).toHaveLength(1);
  });

  it('getOrDefault and findOneOrDefault stand in a frozen default row without writing it', async () => {
    const [db] = await instances(1);
    const users = db!.table('users');
    fixture.emu.requests.clear();
    const missing = await users.getOrDefault('nobody', { email: 'none', name: 'Guest', plan: 'free' });
    expect(missing).toEqual({ $id: 'nobody', email: 'none', name: 'Guest', plan: 'free' });
    expect(Object.isFrozen(missing)).toBe(true);
    expect(await users.findOneOrDefault({ email: 'x@example.com' }, { name: 'Guest' })).toEqual({ email: 'x@example.com', name: 'Guest' });
    expect(fixture.emu.requests.count({ operation: 'createRow' })).toBe(0);

    const ada = await users.create({ email: 'ada@example.com', name: 'Ada' }, { id: 'ada' });
    expect(await users.getOrDefault('ada', { email: 'none', name: 'Guest' })).toEqual(ada);
    expect(await users.findOneOrDefault({ email: 'ada@example.com' }, { name: 'Guest' })).toEqual(ada);
  });
});
