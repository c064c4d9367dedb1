import type { StoredIndex, StoredTable } from './model.js';

function sameIndex(a: StoredIndex, b: StoredIndex): boolean {
  return a.columns.length === b.columns.length && a.columns.every((key, position) => key === b.columns[position] && a.orders[position] === b.orders[position]);
}

/**
 * What Appwrite's database worker does to the indexes of a deleted column: removes the column from each
 * index (with its order and length), drops the indexes left empty, then drops an index that became the
 * same as an earlier one (Workers/Databases.php).
 */
export function dropFromIndexes(table: StoredTable, key: string): void {
  const kept: StoredIndex[] = [];
  for (const index of table.indexes) {
    const position = index.columns.indexOf(key);
    if (position >= 0) {
      index.columns = index.columns.filter((_, at) => at !== position);
      index.orders = index.orders.filter((_, at) => at !== position);
      index.lengths = index.lengths.filter((_, at) => at !== position);
      if (index.columns.length === 0 || kept.some((other) => sameIndex(other, index))) continue;
    }
    kept.push(index);
  }
  table.indexes = kept;
}
