import { createHash } from 'node:crypto';
import { RelationGraph } from './relation-graph.js';
import { tableId, type TableDefinition } from './table-definition.js';

const fingerprints = new WeakMap<TableDefinition, string>();

/** JSON with object keys sorted, so that two equal declarations written in another order hash the same. */
function canonical(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A short stable hash of what shapes a table's rows: its id, fields and indexes (not its permissions or
 * cache settings). Equal declarations give equal fingerprints whatever the key order; the cache puts it in
 * its keys so that rows cached under an older schema are never served under a newer one.
 *
 * @example
 * ```ts
 * schemaFingerprint(products); // e.g. '3f9a0c2d41b7e865'
 * ```
 */
export function schemaFingerprint(definition: TableDefinition): string {
  const cached = fingerprints.get(definition);
  if (cached !== undefined) return cached;
  const shape = { id: definition.id ?? definition.name, schema: definition.schema, indexes: definition.indexes ?? [] };
  const fingerprint = createHash('sha256').update(canonical(shape)).digest('hex').slice(0, 16);
  fingerprints.set(definition, fingerprint);
  return fingerprint;
}

/**
 * The fingerprint a table's cached reads are kept under in a database of `tables`: its own
 * {@link schemaFingerprint} with those of every table its relationships reach, directly or through others.
 * Its rows carry the keys other tables' two-way relationships give it, and reads with `with` hold related
 * rows, so renaming a relationship's side on the related table, or any field of a related table, must not
 * serve rows cached before either.
 *
 * @example
 * ```ts
 * readFingerprint(posts, [authors, posts]); // changes when authors' declaration changes
 * ```
 */
export function readFingerprint(definition: TableDefinition, tables: readonly TableDefinition[], graph: RelationGraph = new RelationGraph(tables)): string {
  const byId = new Map(tables.map((table) => [tableId(table), table] as const));
  const start = tableId(definition);
  const reached = new Set([start]);
  for (const id of reached) {
    for (const end of graph.ends(id)) reached.add(end.related);
  }
  if (reached.size === 1) return schemaFingerprint(definition);
  const parts = [...reached].sort().map((id) => `${id}:${id === start ? schemaFingerprint(definition) : fingerprintOf(byId.get(id))}`);
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);
}

function fingerprintOf(definition: TableDefinition | undefined): string {
  return definition === undefined ? '' : schemaFingerprint(definition);
}
