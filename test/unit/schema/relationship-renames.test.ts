import { describe, expect, it } from 'vitest';
import { tableSpecs } from '../../../src/schema/desired-spec.js';
import { normaliseTable, type RawColumn, type RawTable } from '../../../src/schema/live-state.js';
import { planMigration } from '../../../src/schema/planner.js';
import type { TableDefinition } from '../../../src/schema/table-definition.js';

const relation = (key: string, relatedTable: string, twoWayKey: string, twoWay = false, side = 'parent'): RawColumn => ({
  key, type: 'relationship', status: 'available', error: '', required: false, array: false, relatedTable, relationType: 'manyToOne', twoWay, twoWayKey, onDelete: 'restrict', side,
});
const text = (key: string): RawColumn => ({ key, type: 'string', status: 'available', error: '', required: false, array: false, size: 64, default: null, encrypt: false });
const raw = (id: string, columns: RawColumn[]): RawTable => ({ $id: id, name: id, $permissions: [], rowSecurity: false, columns, indexes: [] });

function plan(desired: readonly TableDefinition[], live: readonly RawTable[]) {
  return planMigration({ databaseId: 'shop', databaseName: 'shop', desired: tableSpecs(desired), live: { databaseExists: true, tables: live.map(normaliseTable) } });
}

const authors = { name: 'authors', schema: { name: { type: 'string', size: 64 } } } as const satisfies TableDefinition;
const notes = { name: 'notes', schema: { ref: { type: 'relationship', table: 'posts', relation: 'manyToOne', twoWayKey: 'memo' } } } as const satisfies TableDefinition;
const live = [
  raw('authors', [text('name'), relation('posts', 'posts', 'author', true, 'child')]),
  raw('posts', [text('title'), relation('author', 'authors', 'posts', true)]),
  raw('notes', [relation('ref', 'posts', 'memo')]),
];

describe('planMigration: relationship renames', () => {
  it('plans the declared side renamed with newKey, and the related side first when twoWayKeyRenamedFrom says so', () => {
    const posts = { name: 'posts', schema: { title: { type: 'string', size: 64 }, writer: { type: 'relationship', table: 'authors', relation: 'manyToOne', twoWay: true, twoWayKey: 'works', renamedFrom: 'author', twoWayKeyRenamedFrom: 'posts' } } } as const satisfies TableDefinition;
    const result = plan([authors, posts, notes], live);
    expect(result.refused).toEqual([]);
    expect(result.steps.map((step) => step.kind === 'renameColumn' ? `${step.tableId}.${step.from} -> ${step.column.key}` : step.kind)).toEqual(['authors.posts -> works', 'posts.author -> writer']);
    expect(result.steps[0]).toMatchObject({ column: { relation: { side: 'child', relatedTable: 'posts', twoWayKey: 'writer' } } });
  });

  it('without twoWayKeyRenamedFrom a new twoWayKey is a type change; a key hidden by a one-way relationship is refused as a rename target', () => {
    const moved = { name: 'posts', schema: { title: { type: 'string', size: 64 }, author: { type: 'relationship', table: 'authors', relation: 'manyToOne', twoWay: true, twoWayKey: 'works' } } } as const satisfies TableDefinition;
    expect(plan([authors, moved, notes], live).refused).toMatchObject([{ kind: 'typeChange', tableId: 'posts', key: 'author' }]);
    const onto = { name: 'posts', schema: { title: { type: 'string', size: 64 }, memo: { type: 'relationship', table: 'authors', relation: 'manyToOne', twoWay: true, twoWayKey: 'posts', renamedFrom: 'author' } } } as const satisfies TableDefinition;
    // notes is left undeclared here (the declaration check would catch the clash between declared tables).
    expect(plan([authors, onto], live).refused).toEqual([{ kind: 'rename', tableId: 'posts', key: 'memo', detail: '"memo" is taken on posts by another relationship\'s key' }]);
  });
});
