import { checkColumnValue, checkLabel, schemaDefaultOf, storedValue } from './column-values.js';
import { rowInvalidStructure } from '../http/errors.js';
import type { StoredColumn } from './model.js';
import { Operator, operatorProblem, type CurrentValue } from './operators/index.js';

function checkValue(column: StoredColumn, value: unknown): unknown {
  // utopia skips NULL only for optional columns; a NULL in a required one (bulk updates) fails its validator.
  if ((value === null || value === undefined) && !column.required) return null;
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

/** How `checkRowStructure` reads the document. */
export interface StructureOptions {
  /** Fill missing or null optional columns with their default, as a create does. */
  readonly applyDefaults?: boolean;
  /**
   * Check only the keys given and skip the required check (utopia's `PartialStructure`, used by bulk
   * updates); a NULL in a required column then fails as a wrong type.
   */
  readonly partial?: boolean;
  /** The stored row the document replaces: operators predict overflow, length and bounds from it. */
  readonly stored?: Readonly<Record<string, unknown>>;
}

/**
 * Validates a row document against the available columns in the order utopia's Structure validator checks
 * (required, then unknown keys, then each value in document order) and returns the values to store; operator
 * values are checked against their column and kept for the writer to compute. `values` holds only column
 * keys (system fields are handled by the caller).
 *
 * @throws ApiError `row_invalid_structure` with Appwrite's `Invalid document structure: ...` message.
 */
export function checkRowStructure(
  columns: readonly StoredColumn[],
  values: Readonly<Record<string, unknown>>,
  options: StructureOptions = {},
): Record<string, unknown> {
  const byKey = new Map<string, StoredColumn>();
  const doc: Record<string, unknown> = { ...values };
  for (const column of columns) {
    byKey.set(column.key, column);
    if (options.partial === true) continue;
    const fallback = options.applyDefaults === true ? schemaDefaultOf(column) : null;
    if (fallback !== null && (doc[column.key] === undefined || doc[column.key] === null)) doc[column.key] = fallback;
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
    if (column === undefined) continue;
    if (value instanceof Operator) {
      const current: CurrentValue | undefined = options.stored === undefined ? undefined : { value: options.stored[key] ?? null };
      const problem = operatorProblem(value, key, column, current);
      if (problem !== null) throw rowInvalidStructure(problem);
      out[key] = value;
    } else {
      out[key] = checkValue(column, value);
    }
  }
  return out;
}
