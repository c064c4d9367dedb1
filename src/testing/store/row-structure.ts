import { checkColumnValue, checkLabel, storedValue } from './column-values.js';
import { rowInvalidStructure } from '../http/errors.js';
import type { StoredColumn } from './model.js';

function checkValue(column: StoredColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // Relationship values are checked and linked by the relationships module; the stored link passes through.
  if (column.type === 'relationship') return value;
  const label = checkLabel(column);
  if (column.array) {
    if (!column.required && Array.isArray(value) && value.length === 0) return value;
    if (!Array.isArray(value)) throw rowInvalidStructure(`Attribute "${column.key}" must be an array`);
    return value.map((item: unknown, index) => {
      if (item === null && !column.required) return null;
      const problem = checkColumnValue(column, item);
      if (problem !== null) throw rowInvalidStructure(`Attribute "${column.key}['${index}']" has invalid ${label}. ${problem}`);
      return storedValue(column, item);
    });
  }
  const problem = checkColumnValue(column, value);
  if (problem !== null) throw rowInvalidStructure(`Attribute "${column.key}" has invalid ${label}. ${problem}`);
  return storedValue(column, value);
}

/**
 * Validates a row's column values against the available columns, in the order utopia's Structure validator
 * checks (required, then unknown keys, then each value), and returns the values to store. `values` holds only
 * column keys (system fields are handled by the caller); `applyDefaults` fills missing or null optional columns
 * with their default, as a create does.
 *
 * @throws ApiError `row_invalid_structure` with Appwrite's `Invalid document structure: ...` message.
 */
export function checkRowStructure(
  columns: readonly StoredColumn[],
  values: Readonly<Record<string, unknown>>,
  applyDefaults: boolean,
): Record<string, unknown> {
  const byKey = new Map<string, StoredColumn>();
  const doc: Record<string, unknown> = { ...values };
  for (const column of columns) {
    byKey.set(column.key, column);
    if (applyDefaults && (doc[column.key] === undefined || doc[column.key] === null) && column.default !== null) {
      doc[column.key] = column.default;
    }
    if (column.required && (doc[column.key] === undefined || doc[column.key] === null)) {
      throw rowInvalidStructure(`Missing required attribute "${column.key}"`);
    }
  }
  for (const key of Object.keys(doc)) {
    if (!byKey.has(key)) throw rowInvalidStructure(`Unknown attribute: "${key}"`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    const column = byKey.get(key);
    if (column !== undefined) out[key] = checkValue(column, value);
  }
  return out;
}
