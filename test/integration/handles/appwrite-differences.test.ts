import { Query } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { AppwriteError } from '../../../src/errors/appwrite-error.js';
import { ConfigError } from '../../../src/errors/config-error.js';
import { ConflictError } from '../../../src/errors/conflict-error.js';
import { NotFoundError } from '../../../src/errors/not-found-error.js';
import { ValidationError } from '../../../src/errors/validation-error.js';
import { isOperatorString } from '../../../src/query/operator-strings.js';
import { notes, products, useHandlesFixture } from './handles-fixture.js';
import { itLocal } from '../../helpers/appwrite-target.js';

const fx = useHandlesFixture({ seedRows: 3 });

const REPLACE = '{"method":"stringReplace","values":["Product","Gone"]}';

describe('what differs on a real Appwrite', () => {
  it('bulkUpsert returns every row it was given, unchanged ones included', async () => {
    const table = fx.db.table('products');
    const rows = [0, 1, 2].map((i) => ({ $id: `p${i}`, name: `Product ${i}`, price: i, category: i % 2 === 0 ? 'office' : 'garden' }));
    const first = await table.bulkUpsert(rows);
    expect(first.map((row) => row.$id)).toEqual(['p0', 'p1', 'p2']);
    const again = await table.bulkUpsert([...rows, { $id: 'p9', name: 'New', price: 9, category: 'office' }]);
    expect(again.map((row) => row.$id)).toEqual(['p0', 'p1', 'p2', 'p9']);
    expect(again[1]).toMatchObject({ name: 'Product 1', price: 1 });
  });

  itLocal('increment or decrement of a missing row is a NotFoundError, also when Appwrite says column_not_found', async () => {
    const table = fx.db.table('products');
    await expect(table.increment('missing', 'stock')).rejects.toThrow(NotFoundError);
    fx.emu.faults.add({ operation: 'decrementRowColumn', status: 404, type: 'column_not_found', message: "Column with the requested key 'stock' could not be found.", times: 1 });
    await expect(table.decrement('missing', 'stock')).rejects.toMatchObject({ code: 'E_NOT_FOUND', context: { table: 'products', rowId: 'missing' } });
    // The row exists: then the column really is missing, and the error says so.
    fx.emu.faults.add({ operation: 'incrementRowColumn', status: 404, type: 'column_not_found', times: 1 });
    const error = await table.increment('p0', 'stock').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppwriteError);
    expect(error).toMatchObject({ type: 'column_not_found' });
  });

  it('increment on an optional column without a default is refused before any request', async () => {
    const rated = { ...products, schema: { ...products.schema, rating: { type: 'float' } } } as const;
    const db = fx.open({ tables: [rated, notes] });
    const table = db.table('products') as unknown as { increment(id: string, column: string): Promise<unknown>; decrement(id: string, column: string): Promise<unknown> };
    await expect(table.increment('p0', 'rating')).rejects.toThrow(/field "rating": increment needs a column that always holds a number/);
    await expect(table.decrement('p0', 'rating')).rejects.toThrow(ValidationError);
    expect(fx.emu.requests.count()).toBe(0);
  });

  itLocal('bulk methods on a user view are refused before any request', async () => {
    const view = fx.db.as({ jwt: fx.emu.createJwt('alice') }).table('notes');
    const calls: readonly [string, () => Promise<unknown>][] = [
      ['bulkCreate', () => view.bulkCreate([{ text: 'a' }])],
      ['bulkUpsert', () => view.bulkUpsert([{ $id: 'n1', text: 'a' }])],
      ['bulkUpdate', () => view.bulkUpdate([{ id: 'n1', data: { text: 'b' } }])],
      ['bulkDelete', () => view.bulkDelete(['n1'])],
      ['updateWhere', () => view.updateWhere({ text: 'a' }, { text: 'b' })],
      ['deleteWhere', () => view.deleteWhere({ text: 'a' })],
    ];
    for (const [method, call] of calls) {
      const error = await call().catch((caught: unknown) => caught);
      expect(error, method).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toContain(`${method}() on table "notes" needs the API key`);
    }
    expect(fx.emu.requests.count()).toBe(0);
  });

  it('operator-shaped text is refused where Appwrite would execute it, and stored as text by create', async () => {
    const table = fx.db.table('products');
    const calls: readonly [string, () => Promise<unknown>][] = [
      ['update', () => table.update('p0', { name: REPLACE })],
      ['upsert', () => table.upsert('p0', { name: REPLACE, price: 1, category: 'office' })],
      ['bulkUpdate', () => table.bulkUpdate([{ id: 'p0', data: { category: ' {"method": "toggle", "values": []}' } }])],
      ['bulkUpsert', () => table.bulkUpsert([{ $id: 'p0', name: 'ok', price: 1, category: 'office', tags: ['x', '{"method":"toggle"}'] }])],
      ['updateWhere', () => table.updateWhere({ category: 'office' }, { name: REPLACE })],
    ];
    for (const [method, call] of calls) {
      const error = await call().catch((caught: unknown) => caught);
      expect(error, method).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).message).toContain(`Operator-shaped value in ${method}() for table "products"`);
    }
    expect(fx.emu.requests.count()).toBe(0);
    const created = await table.create({ name: REPLACE, price: 1, category: 'office' }, { id: 'literal' });
    expect(created.name).toBe(REPLACE);
    await expect(table.update('p1', { name: '{"method":"notAnOperator"}' })).resolves.toMatchObject({ name: '{"method":"notAnOperator"}' });
    expect(isOperatorString('{"method":"dateSetNow"}')).toBe(true);
    expect(isOperatorString('{"method":"dateSetNow"')).toBe(false);
    expect(isOperatorString('["method"]')).toBe(false);
  });

  itLocal('a create whose answer was lost returns the row it wrote, not a ConflictError', async () => {
    const table = fx.db.table('products');
    // The first attempt is written, then answered too late; the retry meets the row it wrote.
    fx.emu.faults.add({ operation: 'createRow', responseDelayMs: 300, times: 1 });
    const row = await table.create({ name: 'Pen', price: 2, category: 'office', publishedAt: new Date('2024-01-01T00:00:00Z') }, { id: 'pen', timeoutMs: 100 });
    expect(row).toMatchObject({ $id: 'pen', name: 'Pen', price: 2 });
    expect(fx.count('createRow')).toBe(2);
    expect(fx.count('getRow')).toBe(1);
    expect(await table.count([Query.equal('$id', 'pen')])).toBe(1);
  });

  itLocal('a retried create that meets another row with its id still fails with ConflictError', async () => {
    const table = fx.db.table('products');
    fx.emu.faults.add({ operation: 'createRow', status: 503, times: 1 });
    const error = await table.create({ name: 'Not product 0', price: 2, category: 'office' }, { id: 'p0' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect((await table.getOrFail('p0')).name).toBe('Product 0');
  });
});
