import { ApiError } from '../http/api-error.js';
import { argumentInvalid } from '../http/errors.js';
import type { StoredTable } from './model.js';

type Definition = Readonly<Record<string, unknown>>;

/** User indexes a table may have: MariaDB's 64 less Appwrite's 6 internal ones. */
export const INDEX_LIMIT = 58;
const TYPES = new Set(['key', 'fulltext', 'unique', 'spatial']);
const ORDERS: readonly unknown[] = ['ASC', 'DESC', null, ''];
const SYSTEM_ATTRIBUTES = new Set(['$id', '$createdAt', '$updatedAt']);
const invalid = argumentInvalid;

function checkPerAttribute(name: 'orders' | 'lengths', values: unknown, key: string, count: number): void {
  if (values === undefined || values === null) return;
  if (!Array.isArray(values) || values.length !== count) {
    const length = Array.isArray(values) ? values.length : 0;
    throw invalid(`Index '${key}': ${name} array length (${length}) must match attributes array length (${count})`);
  }
  for (const value of values) {
    if (name === 'orders' && !ORDERS.includes(value)) throw invalid(`Invalid order '${String(value)}' in index '${key}'. Must be 'ASC' or 'DESC'`);
    if (name === 'lengths' && value !== null && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) {
      throw invalid(`Invalid length '${String(value)}' in index '${key}'. Must be a non-negative integer or null`);
    }
  }
}

/**
 * Checks a createTable request's inline indexes as Appwrite 1.9 does before creating anything
 * (Validator/Indexes.php, then utopia's attribute lookup): at most 58, `attributes` (not `columns`) naming
 * inline columns or `$id`/`$createdAt`/`$updatedAt`, one upper-case order and one length per attribute.
 *
 * @throws ApiError 400 `general_argument_invalid`, or `column_index_invalid` for an unknown attribute.
 */
export function checkInlineIndexes(definitions: readonly Definition[], table: StoredTable): void {
  if (definitions.length > INDEX_LIMIT) throw invalid(`Maximum of ${INDEX_LIMIT} indexes allowed`);
  const seen = new Set<string>();
  definitions.forEach((definition, position) => {
    const { key, type, attributes } = definition;
    if (typeof key !== 'string') throw invalid(`Index at position ${position} is missing required field 'key'`);
    if (typeof type !== 'string' || !TYPES.has(type)) throw invalid(`Invalid type for index '${key}': ${String(type)}`);
    if (seen.has(key)) throw invalid(`Duplicate index key: ${key}`);
    seen.add(key);
    if (!Array.isArray(attributes)) throw invalid(`Index at position ${position} is missing required field 'attributes' (must be an array)`);
    if (attributes.length === 0) throw invalid(`Index '${key}' must have at least one attribute`);
    checkPerAttribute('orders', definition.orders, key, attributes.length);
    checkPerAttribute('lengths', definition.lengths, key, attributes.length);
  });
  for (const definition of definitions) {
    for (const attribute of definition.attributes as unknown[]) {
      const known = typeof attribute === 'string' && (SYSTEM_ATTRIBUTES.has(attribute) || table.columns.some((column) => column.key === attribute));
      if (!known) throw new ApiError('column_index_invalid', `Invalid index attribute "${String(attribute)}" not found`, 400);
    }
  }
}
