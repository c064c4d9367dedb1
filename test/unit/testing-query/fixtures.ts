import { Query } from 'node-appwrite';
import type { StoredColumn, StoredIndex, StoredRow, StoredTable } from '../../../src/testing/store/model.js';
import { parseQueries, type ParsedQuery } from '../../../src/testing/store/query/index.js';

const STAMP = '2024-01-01T00:00:00.000+00:00';

export function column(key: string, type: StoredColumn['type'], extra: Partial<StoredColumn> = {}): StoredColumn {
  return {
    key, type, status: 'available', error: '', required: false, array: false, default: null,
    $createdAt: STAMP, $updatedAt: STAMP, ...extra,
  };
}

export function index(key: string, type: StoredIndex['type'], columns: string[], extra: Partial<StoredIndex> = {}): StoredIndex {
  return { key, type, status: 'available', error: '', columns, orders: [], lengths: [], $createdAt: STAMP, $updatedAt: STAMP, ...extra };
}

/** A table with one column of each kind the engine distinguishes. */
export const table: StoredTable = {
  $id: 'people', databaseId: 'main', name: 'people', enabled: true, rowSecurity: false, $permissions: [],
  $createdAt: STAMP, $updatedAt: STAMP,
  columns: [
    column('name', 'string', { size: 100 }),
    column('bio', 'text'),
    column('age', 'integer', { min: 0, max: 200 }),
    column('big', 'integer'),
    column('score', 'double'),
    column('active', 'boolean'),
    column('born', 'datetime', { format: 'datetime' }),
    column('tags', 'string', { array: true, size: 20 }),
    column('nums', 'integer', { array: true }),
    column('secret', 'string', { size: 50, encrypt: true }),
    column('pending', 'string', { size: 10, status: 'processing' }),
  ],
  indexes: [index('bio_ft', 'fulltext', ['bio']), index('name_key', 'key', ['name'])],
};

const COLUMNS = ['name', 'bio', 'age', 'big', 'score', 'active', 'born', 'tags', 'nums', 'secret'];

/** A stored row with every column null unless given. */
export function row(sequence: number, data: Record<string, unknown> = {}): StoredRow {
  const base: StoredRow = {
    $id: `r${sequence}`, $sequence: sequence, $permissions: [],
    $createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, sequence)).toISOString().replace('Z', '+00:00'),
    $updatedAt: STAMP,
  };
  for (const key of COLUMNS) base[key] = null;
  return { ...base, ...data };
}

/** Parses queries built with the real SDK's `Query` helpers. */
export function q(...queries: string[]): ParsedQuery[] {
  return parseQueries(queries);
}

export { Query };

/** The error an engine call throws, for asserting its type, message and code. */
export function errorOf(fn: () => unknown): { type: string; message: string; code: number } {
  try {
    fn();
  } catch (error) {
    const e = error as { type: string; message: string; code: number };
    return { type: e.type, message: e.message, code: e.code };
  }
  throw new Error('expected an error');
}
