import { ApiError } from '../http/api-error.js';
import { argumentInvalid } from '../http/errors.js';
import { isValidKey, KEY_DESCRIPTION } from './ids.js';
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
  if (!Array.isArray(values)) throw invalid(`Index '${key}' ${name} must be an array`);
  if (values.length !== count) throw invalid(`Index '${key}': ${name} array length (${values.length}) must match attributes array length (${count})`);
  for (const value of values) {
    if (name === 'orders' && !ORDERS.includes(value)) throw invalid(`Invalid order '${String(value)}' in index '${key}'. Must be 'ASC' or 'DESC'`);
    if (name === 'lengths' && value !== null && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) {
      throw invalid(`Invalid length in index '${key}': must be a non-negative integer or null`);
    }
  }
}

/** Validator/Indexes.php's checks of one index, in its order (:69-177). */
function checkDefinition(definition: Definition, position: number, seen: Set<string>): void {
  const { key, type, attributes } = definition;
  if (typeof key !== 'string') throw invalid(`Index at position ${position} is missing required field 'key'`);
  if (typeof type !== 'string') throw invalid(`Index at position ${position} is missing required field 'type'`);
  if (!Array.isArray(attributes)) throw invalid(`Index at position ${position} is missing required field 'attributes' (must be an array)`);
  if (!isValidKey(key)) throw invalid(`Invalid key for index at position ${position}: ${KEY_DESCRIPTION}`);
  if (seen.has(key)) throw invalid(`Duplicate index key: ${key}`);
  seen.add(key);
  if (!TYPES.has(type)) throw invalid(`Invalid type for index '${key}': ${type}`);
  if (attributes.length === 0) throw invalid(`Index '${key}' must have at least one attribute`);
  if (attributes.length > 100) throw invalid(`Index '${key}' cannot have more than 100 attributes`);
  attributes.forEach((attribute: unknown, index) => {
    if (typeof attribute !== 'string') throw invalid(`Invalid attribute at position ${index} in index '${key}': must be a string`);
    if (!isValidKey(attribute) && !SYSTEM_ATTRIBUTES.has(attribute)) throw invalid(`Invalid attribute name '${String(attribute)}' in index '${key}'`);
  });
  checkPerAttribute('orders', definition.orders, key, attributes.length);
  checkPerAttribute('lengths', definition.lengths, key, attributes.length);
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
  definitions.forEach((definition, position) => checkDefinition(definition, position, seen));
  for (const definition of definitions) {
    for (const attribute of definition.attributes as unknown[]) {
      const known = typeof attribute === 'string' && (SYSTEM_ATTRIBUTES.has(attribute) || table.columns.some((column) => column.key === attribute));
      if (!known) throw new ApiError('column_index_invalid', `Invalid index attribute "${String(attribute)}" not found`, 400);
    }
  }
}
