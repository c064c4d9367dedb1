import { describe, expect, it } from 'vitest';
import { planTable } from '../../../src/cli/plan-table.js';
import type { MigrationStep } from '../../../src/schema/migration-plan.js';
import { columnField } from '../../../src/schema/migrations/column-field.js';
import { literal, migrationSource } from '../../../src/schema/migrations/migration-source.js';
import type { LiveColumn, LiveState } from '../../../src/schema/spec.js';

const live = (column: Partial<LiveColumn> & Pick<LiveColumn, 'key' | 'kind'>): LiveColumn => ({ required: false, array: false, default: null, status: 'available', error: '', ...column });

const state: LiveState = {
  databaseExists: true,
  tables: [
    {
      id: 'posts', name: 'posts', permissions: [], rowSecurity: false,
      columns: [live({ key: 'title', kind: 'string', size: 100 }), live({ key: 'old', kind: 'integer', min: 0 })],
      indexes: [{ key: 'by_old', type: 'key', columns: ['old'], orders: ['desc'], status: 'available', error: '' }],
    },
  ],
};

describe('migrationSource', () => {
  it('writes up in plan order and down reversed, restoring live definitions where it can', () => {
    const title = state.tables[0]?.columns[0];
    const old = state.tables[0]?.columns[1];
    const index = state.tables[0]?.indexes[0];
    if (title === undefined || old === undefined || index === undefined) throw new Error('fixture');
    const steps: MigrationStep[] = [
      { kind: 'deleteIndex', tableId: 'posts', index, reason: 'dependency', destructive: false },
      { kind: 'deleteColumn', tableId: 'posts', column: old, reason: 'removed', destructive: true },
      { kind: 'updateColumn', tableId: 'posts', column: { ...title, size: 300 }, changes: [{ property: 'size', from: 100, to: 300 }], destructive: false },
    ];
    const source = migrationSource({ steps, refused: [], notes: [] }, state);
    expect(source).toContain(`export async function up(m: Migrator): Promise<void> {
  await m.dropIndex('posts', 'by_old');
  await m.dropColumn('posts', 'old');
  await m.alterColumn('posts', 'title', { type: 'string', size: 300 });
}`);
    expect(source).toContain(`export async function down(m: Migrator): Promise<void> {
  await m.alterColumn('posts', 'title', { type: 'string', size: 100 });
  await m.addColumn('posts', 'old', { type: 'integer', min: 0 }); // its data is not restored
  await m.addIndex('posts', { key: 'by_old', type: 'key', attributes: ['old'], orders: ['desc'] });
}`);
  });

  it('writes a rename (renamedFrom) as renameColumn, with the property changes after it and before it going down', () => {
    const title = state.tables[0]?.columns[0];
    if (title === undefined) throw new Error('fixture');
    const steps: MigrationStep[] = [{
      kind: 'renameColumn', tableId: 'posts', from: 'title', column: { ...title, key: 'headline', size: 200 },
      changes: [{ property: 'size', from: 100, to: 200 }], destructive: false,
    }];
    const source = migrationSource({ steps, refused: [], notes: [] }, state);
    expect(source).toContain(`  await m.renameColumn('posts', 'title', 'headline');
  await m.alterColumn('posts', 'headline', { type: 'string', size: 200 });
}`);
    expect(source).toContain(`  await m.alterColumn('posts', 'headline', { type: 'string', size: 100 });
  await m.renameColumn('posts', 'headline', 'title');
}`);
  });

  it('declares text-type columns as they are (pull and generated migrations)', () => {
    expect(columnField(live({ key: 'sku', kind: 'varchar', size: 32, encrypt: false }))).toEqual({ type: 'varchar', size: 32 });
    expect(columnField(live({ key: 'body', kind: 'mediumtext', encrypt: true, required: true }))).toEqual({ type: 'mediumtext', encrypt: true, required: true });
  });

  it('writes values as one-line source: quotes escaped, plain keys bare', () => {
    expect(literal({ a: "it's", 'b-c': 'say "hi"', list: [1, null, true] })).toBe(`{ a: 'it\\'s', 'b-c': 'say "hi"', list: [1, null, true] }`);
  });
});

describe('planTable', () => {
  it('aligns operation, object, target and detail, with command-line hints', () => {
    const text = planTable({
      steps: [{ kind: 'createIndex', tableId: 'posts', index: { key: 'by_title', type: 'key', columns: ['title'], orders: ['asc'] }, destructive: false }],
      refused: [{ kind: 'removeColumn', tableId: 'posts', key: 'old', detail: 'integer', option: 'allowDestructive' }],
      notes: [{ kind: 'keptTable', tableId: 'legacy' }],
    });
    expect(text.split('\n')).toEqual([
      '  + index          posts.by_title  key(title)',
      '  ! remove column  posts.old       (integer) (pass --allow-destructive to allow it; data is lost)',
      '  = table          legacy          not declared; pass --drop-tables to delete it',
    ]);
  });
});
