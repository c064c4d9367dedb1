import type { TableDefinition } from '../schema/table-definition.js';
import type { RowRecord } from '../appwrite/tables-db-adapter.js';

/**
 * True when a stored row holds every value that was sent for it (as Appwrite stores them: datetimes
 * compared as instants, integers whether they came back as number or BigInt). Columns not sent are not
 * compared (Appwrite filled their defaults), nor are permissions (Appwrite expands `write` into
 * `update` and `delete`). Used to recognise a create whose answer was lost.
 *
 * @example
 * ```ts
 * sameRowValues(products, { name: 'Pen', publishedAt: '2024-01-01T00:00:00.000Z' }, row); // row.publishedAt: '2024-01-01T00:00:00.000+00:00'
 * ```
 */
export function sameRowValues(definition: TableDefinition, sent: Readonly<Record<string, unknown>>, stored: RowRecord): boolean {
  return Object.entries(sent).every(([key, value]) => {
    const type = definition.schema[key]?.type;
    return sameValue(type === 'datetime' ? instant : plainValue, value, stored[key]);
  });
}

function sameValue(normalise: (value: unknown) => unknown, sent: unknown, stored: unknown): boolean {
  if (Array.isArray(sent) || Array.isArray(stored)) {
    if (!Array.isArray(sent) || !Array.isArray(stored) || sent.length !== stored.length) return false;
    return sent.every((item, index) => sameValue(normalise, item, (stored as readonly unknown[])[index]));
  }
  return normalise(sent) === normalise(stored);
}

function instant(value: unknown): unknown {
  return typeof value === 'string' ? Date.parse(value) : value;
}

function plainValue(value: unknown): unknown {
  return typeof value === 'bigint' || typeof value === 'number' ? String(value) : value;
}
