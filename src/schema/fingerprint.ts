import { createHash } from 'node:crypto';
import type { TableDefinition } from './table-definition.js';

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
