import { Client, TablesDB } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors/config-error.js';
import { ValidationError } from '../../../src/errors/validation-error.js';
import { tableSpec } from '../../../src/schema/desired-spec.js';
import { checkId } from '../../../src/appwrite/appwrite-ids.js';
import { resolveConfig } from '../../../src/server/config.js';
import { MigrationGateway } from '../../../src/appwrite/migration-gateway.js';
import { useHandlesFixture } from './handles-fixture.js';
import { itLocal } from '../../helpers/appwrite-target.js';

const fx = useHandlesFixture({ seedRows: 2 });

/** Ids Appwrite refuses, each of which node-appwrite would put into a URL path as it is. */
const BAD_IDS: readonly unknown[] = ['', '.', '..', '%2E%2E', 'a/b', 'a?b', 'x'.repeat(37), 'café', '_a', '-a', undefined];

function quoted(id: unknown): string {
  return typeof id === 'string' ? JSON.stringify(id) : String(id);
}

describe('ids are checked before any request', () => {
  it('accepts what Appwrite accepts', () => {
    for (const id of ['a', 'A.b-c_d', '0', 'x'.repeat(36), '6b01f3a30003216f0a31']) {
      expect(checkId(id, { table: 't', method: 'get' })).toBe(id);
    }
    expect(checkId('unique()', { table: 't', method: 'create', allowUnique: true })).toBe('unique()');
    expect(() => checkId('unique()', { table: 't', method: 'update' })).toThrow(ValidationError);
  });

  it('every row method refuses a bad id with a ValidationError naming the table, the method and the quoted id', async () => {
    const products = fx.db.table('products');
    const valid = { name: 'Pen', price: 2, category: 'office' };
    const calls: readonly [string, (id: never) => Promise<unknown>][] = [
      ['get', (id) => products.get(id)],
      ['getOrFail', (id) => products.getOrFail(id)],
      ['update', (id) => products.update(id, { price: 3 })],
      ['upsert', (id) => products.upsert(id, valid)],
      ['delete', (id) => products.delete(id)],
      ['increment', (id) => products.increment(id, 'stock')],
      ['decrement', (id) => products.decrement(id, 'stock')],
      ['create', (id) => products.create(valid, { id })],
      ['bulkCreate', (id) => products.bulkCreate([{ ...valid, $id: id }])],
      ['bulkUpsert', (id) => products.bulkUpsert([{ ...valid, $id: id }])],
      ['bulkUpdate', (id) => products.bulkUpdate([{ id, data: { price: 1 } }])],
      ['bulkDelete', (id) => products.bulkDelete([id])],
    ];
    for (const [method, call] of calls) {
      for (const id of BAD_IDS) {
        // bulkCreate gives rows without an id a new one: an absent $id is not an error there.
        if (id === undefined && (method === 'create' || method === 'bulkCreate')) continue;
        const error = await call(id as never).then(() => undefined, (caught: unknown) => caught);
        expect(error, `${method}(${quoted(id)})`).toBeInstanceOf(ValidationError);
        const message = (error as ValidationError).message;
        expect(message).toContain('"products"');
        expect(message).toContain(`${method}()`);
        expect(message).toContain(quoted(id).slice(0, 20));
      }
    }
    expect(fx.emu.requests.count()).toBe(0);
    expect(fx.db.stats().total.misses).toBe(0);
  });

  it('get(undefined) is refused at once, not sent and retried', async () => {
    await expect(fx.db.table('products').get(undefined as never)).rejects.toThrow(/Invalid row id in get\(\) for table "products".*undefined/);
    expect(fx.emu.requests.count()).toBe(0);
  });

  itLocal('views acting as a user check ids the same way', async () => {
    const view = fx.db.as({ jwt: fx.emu.createJwt('alice') }).table('notes');
    await expect(view.get('..')).rejects.toThrow(ValidationError);
    await expect(view.delete('..')).rejects.toThrow('delete()');
    await expect(view.update('', { text: 'x' })).rejects.toThrow('update()');
    expect(fx.emu.requests.count()).toBe(0);
  });

  it('the migration gateway checks database, table, column and index ids', async () => {
    const client = new Client().setEndpoint(fx.emu.endpoint).setProject(fx.emu.projectId).setKey(fx.emu.apiKey);
    const gateway = new MigrationGateway(new TablesDB(client), 'shop');
    await expect(gateway.deleteTable('..')).rejects.toThrow(/Invalid table id in deleteTable\(\) for table "\.\."/);
    await expect(gateway.readTable('')).rejects.toThrow(ValidationError);
    await expect(gateway.deleteColumn('products', '..')).rejects.toThrow('Invalid column key in deleteColumn()');
    await expect(gateway.deleteIndex('products', 'a/b')).rejects.toThrow('Invalid index key in deleteIndex()');
    const spec = tableSpec({ name: 'ok', schema: { '..': { type: 'string', size: 8 } } } as never);
    await expect(gateway.createTable(spec)).rejects.toThrow('Invalid column key in createTable()');
    await expect(new MigrationGateway(new TablesDB(client), '..').readState()).rejects.toThrow('Invalid database id in listTables()');
    expect(fx.emu.requests.count()).toBe(0);
  });

  it('a bad databaseId is a ConfigError', () => {
    const base = { endpoint: fx.emu.endpoint, projectId: 'p', apiKey: 'k' };
    expect(() => resolveConfig({ ...base, databaseId: '..' })).toThrow(ConfigError);
    expect(() => fx.open({ tables: [{ name: 'a/b', schema: { x: { type: 'string', size: 8 } } }] })).toThrow(ConfigError);
  });
});
