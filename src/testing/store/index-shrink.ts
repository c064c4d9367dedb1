import type { StoredIndex, StoredTable } from './model.js';

/** PHP's string form of an array entry, which `array_diff` compares. */
function phpText(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === false) return '';
  return value === true ? '1' : String(value);
}

/**
 * PHP `array_values(array_diff($list, isset($list[$at]) ? [$list[$at]] : []))`: removes every entry equal
 * (as text) to the one at `at`, not only that one; nothing when that entry is null or absent.
 */
function withoutValueAt<T extends string | number>(list: readonly T[], at: number): T[] {
  const removed = list[at];
  if (removed === undefined || removed === null) return [...list];
  return list.filter((item) => phpText(item) !== phpText(removed));
}

/** PHP `===` between two lists: same length, same entries in the same order, same types. */
function identical(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, position) => item === b[position]);
}

/**
 * What Appwrite's database worker does to the indexes of a deleted column (Workers/Databases.php): for each
 * index using it, the column goes from `attributes`, and every length and order equal to the column's own
 * goes too (`array_diff`, so `lengths: [0, 0, 0]` becomes `[]`); an index left without columns is dropped;
 * one whose columns and orders now equal another index's (as that index stands at that moment) is dropped.
 * utopia's own copy of the index loses the column but keeps every length (`schemaLengths`).
 */
export function dropFromIndexes(table: StoredTable, key: string): void {
  const dropped = new Set<StoredIndex>();
  for (const index of table.indexes) {
    const position = index.columns.indexOf(key);
    if (position < 0) continue;
    const columns = withoutValueAt(index.columns, position);
    const lengths = withoutValueAt(index.lengths, position);
    const orders = withoutValueAt(index.orders, position);
    if (columns.length === 0) {
      dropped.add(index);
      continue;
    }
    index.schemaLengths ??= [...index.lengths];
    index.columns = columns;
    index.lengths = lengths;
    index.orders = orders;
    const duplicate = table.indexes.some((other) => other.key !== index.key
      && identical(other.columns, index.columns) && identical(other.orders, index.orders));
    if (duplicate) dropped.add(index);
  }
  table.indexes = table.indexes.filter((index) => !dropped.has(index));
}
