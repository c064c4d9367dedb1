import { AppwriteException, Client, TablesDB } from 'node-appwrite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QueryError } from '../../../src/errors/query-error.js';
import { ValidationError } from '../../../src/errors/validation-error.js';
import type { Database } from '../../../src/server/database.js';
import { ServerORM } from '../../../src/server/server-orm.js';
import { startAppwriteEmulator, type AppwriteEmulator } from '../../../src/testing/index.js';

const events = {
  name: 'events',
  schema: {
    title: { type: 'string', required: true, size: 64 },
    at: { type: 'datetime' },
    site: { type: 'url' },
  },
} as const;

let emu: AppwriteEmulator;
let db: Database<readonly [typeof events]>;
let raw: TablesDB;

beforeAll(async () => {
  emu = await startAppwriteEmulator({ columnDelayMs: 0 });
  const orm = new ServerORM({ endpoint: emu.endpoint, projectId: emu.projectId, apiKey: emu.apiKey, databaseId: 'hostile', autoMigrate: true });
  db = await orm.init([events] as const);
  raw = new TablesDB(new Client().setEndpoint(emu.endpoint).setProject(emu.projectId).setKey(emu.apiKey));
  await db.table('events').create({ title: 'seed' }, { id: 'seed' });
});
afterAll(async () => {
  await db.close();
  await emu.close();
});
beforeEach(() => {
  emu.requests.clear();
});

async function refusedBeforeSending(write: () => Promise<unknown>, type: typeof ValidationError | typeof QueryError = ValidationError): Promise<Error> {
  const error = await write().then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(type);
  expect(emu.requests.count()).toBe(0);
  return error as Error;
}

/** What the local server answers to a row written with the SDK directly, bypassing the ORM's checks. */
async function serverAnswer(data: Record<string, unknown>): Promise<string> {
  try {
    const row = await raw.createRow({ databaseId: 'hostile', tableId: 'events', rowId: `r${Math.random().toString(36).slice(2, 10)}`, data: { title: 'raw', ...data } });
    return `stored ${JSON.stringify(Object.fromEntries(Object.keys(data).map((key) => [key, row[key]])))}`;
  } catch (error) {
    if (error instanceof AppwriteException) return `${error.code} ${error.type}`;
    throw error;
  }
}

describe('rows Appwrite refuses are refused before any request', () => {
  it.each([
    ['a Date in year 10000', new Date('+010000-01-01T00:00:00Z')],
    ['a string in year 10000', '10000-01-01T00:00:00Z'],
    ['a date before year 1000 (the MariaDB minimum)', '0999-12-31T00:00:00Z'],
    ['a relative word', 'tomorrow'],
    ['an impossible day', '2024-02-30'],
  ])('datetime: %s', async (_label, at) => {
    const error = await refusedBeforeSending(() => db.table('events').create({ title: 'x', at }));
    expect(error.message).toContain('"at"');
  });

  it('the local server refuses the same out-of-range dates (400 row_invalid_structure)', async () => {
    expect(await serverAnswer({ at: '+010000-01-01T00:00:00.000Z' })).toBe('400 row_invalid_structure');
    expect(await serverAnswer({ at: '0999-12-31T00:00:00.000Z' })).toBe('400 row_invalid_structure');
    expect(await serverAnswer({ at: '9999-12-31T23:59:59.000Z' })).toBe('stored {"at":"9999-12-31T23:59:59.000+00:00"}');
  });

  it.each([
    ['{}', {}],
    ['a Date', new Date()],
    ['only undefined fields', { at: undefined }],
  ])('update(id, %s) with no permissions', async (_label, data) => {
    const error = await refusedBeforeSending(() => db.table('events').update('seed', data as never));
    expect(error.message).toContain('events');
  });

  it('updateWhere with no field, and create with no field', async () => {
    await refusedBeforeSending(() => db.table('events').updateWhere({ title: 'seed' }, {}));
    await refusedBeforeSending(() => db.table('events').create({} as never));
  });

  it('an empty update that changes permissions is sent, as Appwrite takes it', async () => {
    await db.table('events').update('seed', {}, { permissions: ['read("any")'] });
    expect(emu.requests.count({ operation: 'updateRow' })).toBe(1);
  });

  it('a string holding a lone surrogate, in a row or a query', async () => {
    const halfEmoji = '👍'.slice(0, 1);
    const error = await refusedBeforeSending(() => db.table('events').create({ title: `thumbs ${halfEmoji}` }));
    expect(error.message).toContain('lone UTF-16 surrogate');
    await refusedBeforeSending(() => db.table('events').find({ title: halfEmoji }), QueryError);
    await refusedBeforeSending(() => db.table('events').find(JSON.stringify({ method: 'equal', attribute: 'title', values: [halfEmoji] })), QueryError);
    const whole = await db.table('events').create({ title: 'thumbs 👍' });
    expect(whole.title).toBe('thumbs 👍');
  });
});

describe('the ORM and the local server decide alike, as Appwrite validators do', () => {
  it('a date that spells its month is stored as its UTC instant', async () => {
    const row = await db.table('events').create({ title: 'lenient', at: 'March 7, 2024' });
    expect(row.at).toBe('2024-03-07T00:00:00.000+00:00');
    expect(await serverAnswer({ at: 'March 7, 2024' })).toBe('stored {"at":"2024-03-07T00:00:00.000+00:00"}');
    expect(await serverAnswer({ at: 'Thu, 07 Mar 2024 10:00:00 GMT' })).toBe('stored {"at":"2024-03-07T10:00:00.000+00:00"}');
  });

  it('mailto: URLs are taken (PHP lets mailto:, news: and file: go without a host)', async () => {
    const row = await db.table('events').create({ title: 'mail', site: 'mailto:team@example.com' });
    expect(row.site).toBe('mailto:team@example.com');
    expect(await serverAnswer({ site: 'mailto:team@example.com' })).toBe('stored {"site":"mailto:team@example.com"}');
    expect(await serverAnswer({ site: 'ftp://files.example.com/a' })).toBe('stored {"site":"ftp://files.example.com/a"}');
  });

  it.each(['javascript:alert(1)', 'https://exa mple.com', 'https://ex_ample.com', 'https://café.example', 'http://'])(
    '%s is refused by both',
    async (site) => {
      await refusedBeforeSending(() => db.table('events').create({ title: 'bad', site }));
      expect(await serverAnswer({ site })).toBe('400 row_invalid_structure');
    },
  );
});
