import { afterAll, beforeAll, beforeEach } from 'vitest';
import { defineTable } from '../../../src/schema/table-definition.js';
import type { Database } from '../../../src/server/database.js';
import { ServerORM } from '../../../src/server/server-orm.js';
import { startAppwriteEmulator, type AppwriteEmulator } from '../../../src/testing/index.js';
import { queryCacheOf } from '../../../src/server/database-impl.js';

/** Every relation type: oneToOne (one-way), manyToOne (two-way), oneToMany (two-way), manyToMany (two-way). */
export const companies = defineTable({
  name: 'companies',
  schema: {
    name: { type: 'string', required: true, size: 64 },
    offices: { type: 'relationship', table: 'offices', relation: 'oneToMany', twoWay: true, twoWayKey: 'company', onDelete: 'restrict' },
  },
});
export const offices = defineTable({ name: 'offices', schema: { city: { type: 'string', required: true, size: 64 } } });
export const profiles = defineTable({ name: 'profiles', schema: { bio: { type: 'string', size: 200 } } });
export const authors = defineTable({
  name: 'authors',
  schema: {
    name: { type: 'string', required: true, size: 64 },
    profile: { type: 'relationship', table: 'profiles', relation: 'oneToOne', onDelete: 'cascade' },
    company: { type: 'relationship', table: 'companies', relation: 'manyToOne', twoWay: true, twoWayKey: 'authors', onDelete: 'setNull' },
  },
});
export const posts = defineTable({
  name: 'posts',
  schema: {
    title: { type: 'string', required: true, size: 200 },
    author: { type: 'relationship', table: 'authors', relation: 'manyToOne', twoWay: true, twoWayKey: 'posts', onDelete: 'cascade' },
    tags: { type: 'relationship', table: 'tags', relation: 'manyToMany', twoWay: true, twoWayKey: 'posts', onDelete: 'setNull' },
  },
});
export const tags = defineTable({ name: 'tags', schema: { label: { type: 'string', required: true, size: 32 } } });

export const tables = [companies, offices, profiles, authors, posts, tags] as const;
export type Tables = typeof tables;

export interface RelationsFixture {
  readonly emu: AppwriteEmulator;
  readonly db: Database<Tables>;
  readonly orm: ServerORM;
  /** listRows / getRow requests the emulator received for a table. */
  reads(tableId: string): number;
}

/**
 * One emulator per file, migrated by `init` (relationship columns created after the tables), and rows
 * seeded before each test: company c1 with office o1, author a1 (profile p1, company c1) with posts k1, k2
 * (k1 tagged t1), author a2 without posts.
 */
export function useRelationsFixture(databaseId = 'rel'): RelationsFixture {
  const state: { emu?: AppwriteEmulator; db?: Database<Tables>; orm?: ServerORM } = {};
  beforeAll(async () => {
    state.emu = await startAppwriteEmulator({ columnDelayMs: 1 });
    state.orm = new ServerORM({ endpoint: state.emu.endpoint, projectId: state.emu.projectId, apiKey: state.emu.apiKey, databaseId, autoMigrate: true });
    state.db = await state.orm.init(tables);
  });
  afterAll(async () => {
    await state.db?.close();
    await state.emu?.close();
  });
  beforeEach(async () => {
    const db = state.db as Database<Tables>;
    for (const name of ['posts', 'authors', 'profiles', 'tags', 'offices', 'companies'] as const) {
      const table = db.table(name);
      for (const row of await table.all({ cache: false })) await table.delete(row.$id).catch(() => undefined);
    }
    await db.table('offices').create({ city: 'Oslo' }, { id: 'o1' });
    await db.table('companies').create({ name: 'Acme', offices: ['o1'] }, { id: 'c1' });
    await db.table('profiles').create({ bio: 'writes' }, { id: 'p1' });
    await db.table('authors').create({ name: 'Ann', profile: 'p1', company: 'c1' }, { id: 'a1' });
    await db.table('authors').create({ name: 'Bob' }, { id: 'a2' });
    await db.table('tags').create({ label: 'news' }, { id: 't1' });
    await db.table('posts').create({ title: 'Hello', author: 'a1', tags: ['t1'] }, { id: 'k1' });
    await db.table('posts').create({ title: 'Again', author: 'a1' }, { id: 'k2' });
    queryCacheOf(db).clear();
    state.emu?.requests.clear();
  });
  return {
    get emu() { return state.emu as AppwriteEmulator; },
    get db() { return state.db as Database<Tables>; },
    get orm() { return state.orm as ServerORM; },
    reads(tableId) {
      const emu = state.emu as AppwriteEmulator;
      return emu.requests.count({ operation: 'listRows', tableId }) + emu.requests.count({ operation: 'getRow', tableId });
    },
  };
}
