import { ConfigError } from '../errors/config-error.js';
import type { FieldDefinition } from './field-definition.js';
import { APPWRITE_KEY, checkField } from './field-check.js';
import { INDEX_LENGTH_LIMIT, indexLength, ROW_WIDTH_LIMIT, rowWidth } from './appwrite-limits.js';
import { tableId, type IndexDefinition, type TableDefinition } from './table-definition.js';

/** System attributes an index may name besides the declared fields. */
const SYSTEM_ATTRIBUTES = new Set(['$id', '$createdAt', '$updatedAt']);
const INDEX_TYPES = new Set(['key', 'unique', 'fulltext']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkIndexes(table: string, schema: Readonly<Record<string, FieldDefinition>>, indexes: unknown): void {
  if (indexes === undefined) return;
  const fail = (reason: string, key?: string, field?: string): never => {
    const where = key === undefined ? '' : `, index "${key}"`;
    throw new ConfigError(`Table "${table}"${where}: ${reason}`, field === undefined ? { table } : { table, field });
  };
  if (!Array.isArray(indexes)) return fail('indexes must be a list');
  const seen = new Set<string>();
  for (const index of indexes as unknown[]) {
    if (!isRecord(index) || typeof index.key !== 'string') return fail('every index needs a string key');
    const key = index.key;
    if (!APPWRITE_KEY.test(key)) fail('the key must be 1-36 characters of A-Z a-z 0-9 . _ - and start with a letter or digit', key);
    if (seen.has(key)) fail('declared twice', key);
    seen.add(key);
    if (typeof index.type !== 'string' || !INDEX_TYPES.has(index.type)) fail(`type must be one of key, unique, fulltext`, key);
    const attributes = index.attributes;
    if (!Array.isArray(attributes) || attributes.length === 0) return fail('attributes must be a non-empty list of field keys', key);
    if (new Set(attributes).size !== attributes.length) fail('an attribute is listed twice', key);
    for (const attribute of attributes as unknown[]) {
      const name = String(attribute);
      if (SYSTEM_ATTRIBUTES.has(name)) continue;
      const field = schema[name];
      if (field === undefined) fail(`unknown field "${name}"; declared fields: ${Object.keys(schema).join(', ')}`, key, name);
      if (field?.array === true) fail(`field "${name}" is an array; Appwrite cannot index array columns`, key, name);
    }
    const orders = index.orders;
    if (orders !== undefined && (!Array.isArray(orders) || orders.length !== attributes.length || orders.some((order) => order !== 'asc' && order !== 'desc'))) {
      fail(`orders must list 'asc' or 'desc' once per attribute (${attributes.length})`, key);
    }
    const lengths = index.lengths;
    if (lengths !== undefined && (!Array.isArray(lengths) || lengths.length !== attributes.length || lengths.some((length) => length !== null && (!Number.isInteger(length) || (length as number) < 0)))) {
      fail(`lengths must list a character count >= 0 (or null) once per attribute (${attributes.length})`, key);
    }
    if (index.type !== 'fulltext') {
      const length = indexLength(schema, index as unknown as IndexDefinition);
      if (length > INDEX_LENGTH_LIMIT) {
        fail(`the index covers ${length} characters, over Appwrite's ${INDEX_LENGTH_LIMIT}; give lengths (e.g. lengths: [${attributes.map(() => 191).join(', ')}]) or smaller string sizes`, key);
      }
    }
  }
}

/** A former key (`renamedFrom`) names no declared field and at most one field claims it. */
function checkRenames(table: string, schema: Readonly<Record<string, FieldDefinition>>): void {
  const claimed = new Map<string, string>();
  for (const [key, field] of Object.entries(schema)) {
    const from = field.renamedFrom;
    if (from === undefined) continue;
    const fail = (reason: string): never => {
      throw new ConfigError(`Table "${table}", field "${key}": ${reason}`, { table, field: key });
    };
    if (Object.hasOwn(schema, from)) fail(`renamedFrom "${from}" is the key of another declared field`);
    const other = claimed.get(from);
    if (other !== undefined) fail(`renamedFrom "${from}" is claimed by field "${other}" too`);
    claimed.set(from, key);
  }
}

function checkRowWidth(table: string, schema: Readonly<Record<string, FieldDefinition>>): void {
  const width = rowWidth(schema);
  if (width > ROW_WIDTH_LIMIT) {
    throw new ConfigError(
      `Table "${table}": a row takes ${width} bytes, over Appwrite's ${ROW_WIDTH_LIMIT} (each string character takes 4 bytes); use smaller string sizes, or sizes above 16381 (stored as text, 20 bytes)`,
      { table },
    );
  }
}

function checkTable(definition: unknown, position: number): TableDefinition {
  if (!isRecord(definition)) throw new ConfigError(`Table #${position}: the declaration must be an object with a name and a schema`);
  const name = definition.name;
  if (typeof name !== 'string' || name === '') throw new ConfigError(`Table #${position}: name must be a non-empty string`);
  const fail = (reason: string): never => {
    throw new ConfigError(`Table "${name}": ${reason}`, { table: name });
  };
  if (definition.id !== undefined && typeof definition.id !== 'string') fail('id must be a string');
  const id = tableId({ name, id: definition.id as string | undefined });
  if (!APPWRITE_KEY.test(id)) fail(`id "${id}" must be 1-36 characters of A-Z a-z 0-9 . _ - and start with a letter or digit (set id when the name does not fit)`);
  if (name.length > 128) fail('name must be at most 128 characters');
  const schema = definition.schema;
  if (!isRecord(schema)) return fail('schema must be an object of field declarations');
  for (const [key, field] of Object.entries(schema)) checkField(name, key, field);
  checkRenames(name, schema as Record<string, FieldDefinition>);
  checkIndexes(name, schema as Record<string, FieldDefinition>, definition.indexes);
  checkRowWidth(name, schema as Record<string, FieldDefinition>);
  const permissions = definition.permissions;
  if (permissions !== undefined && (!Array.isArray(permissions) || permissions.some((entry) => typeof entry !== 'string'))) {
    fail('permissions must be a list of Appwrite permission strings');
  }
  if (definition.rowSecurity !== undefined && typeof definition.rowSecurity !== 'boolean') fail('rowSecurity must be true or false');
  const cache = definition.cache;
  if (cache !== undefined && cache !== false) {
    const ttl = isRecord(cache) ? cache.ttl : fail('cache must be false or an object such as { ttl: 60000 }');
    if (ttl !== undefined && (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl < 0)) fail('cache.ttl must be a number of milliseconds >= 0');
  }
  return definition as unknown as TableDefinition;
}

/**
 * Cross-table checks of relationship fields: the related table is declared (and is another table: Appwrite
 * 1.9.0 fails to build a relationship of a table to itself), at most one manyToMany links a pair of tables,
 * and the key each relationship takes on the related table (`twoWayKey`, default this table's id; one-way
 * relationships take it too, hidden) clashes with no field or other relationship key there.
 */
function checkRelationships(tables: readonly TableDefinition[]): void {
  const byName = new Map(tables.map((table) => [table.name, table] as const));
  const keysOn = new Map(tables.map((table) => [table.name, new Set(Object.keys(table.schema))] as const));
  const pairs = new Set<string>();
  for (const table of tables) {
    for (const [key, field] of Object.entries(table.schema)) {
      if (field.type !== 'relationship') continue;
      const fail = (reason: string): never => {
        throw new ConfigError(`Table "${table.name}", field "${key}": ${reason}`, { table: table.name, field: key });
      };
      const related = byName.get(field.table);
      if (related === undefined) return fail(`related table "${field.table}" is not declared; declared tables: ${[...byName.keys()].join(', ')}`);
      if (related === table) fail('a relationship to its own table is not supported (Appwrite 1.9.0 fails to build it)');
      if (field.relation === 'manyToMany') {
        const pair = [table.name, related.name].sort().join('\u0000');
        if (pairs.has(pair)) fail(`a second manyToMany between "${table.name}" and "${related.name}"; Appwrite allows one per pair of tables`);
        pairs.add(pair);
      }
      const partnerKey = field.twoWayKey ?? tableId(table);
      const taken = keysOn.get(related.name) ?? new Set<string>();
      if (taken.has(partnerKey)) {
        fail(`its key on "${related.name}" ("${partnerKey}", set by twoWayKey${field.twoWayKey === undefined ? ', default the table id' : ''}) is already used there`);
      }
      taken.add(partnerKey);
      const former = field.twoWayKeyRenamedFrom;
      if (former === partnerKey) fail(`twoWayKeyRenamedFrom "${former}" is the key the relationship has on "${related.name}" already`);
      if (former !== undefined && Object.hasOwn(related.schema, former)) fail(`twoWayKeyRenamedFrom "${former}" is the key of a declared field of "${related.name}"`);
    }
  }
}

/**
 * Checks a list of table declarations before anything is sent to Appwrite: every field, index and table
 * setting, and that no two tables share a name or an id. Throws a {@link ConfigError} naming the table and
 * the field at the first problem.
 *
 * @example
 * ```ts
 * checkTableDefinitions([{ name: 'products', schema: { price: { type: 'float', min: 0, default: -1 } } }]);
 * // ConfigError: Table "products", field "price": default -1 is invalid: Too small: expected number to be >=0
 * ```
 */
export function checkTableDefinitions(tables: unknown): asserts tables is readonly TableDefinition[] {
  if (!Array.isArray(tables)) throw new ConfigError('Tables must be given as a list of table declarations');
  const names = new Set<string>();
  const ids = new Set<string>();
  (tables as unknown[]).forEach((definition, position) => {
    const table = checkTable(definition, position);
    const id = tableId(table);
    if (names.has(table.name)) throw new ConfigError(`Table "${table.name}" is declared twice`, { table: table.name });
    if (ids.has(id)) throw new ConfigError(`Table "${table.name}": id "${id}" is used by another declared table`, { table: table.name });
    names.add(table.name);
    ids.add(id);
  });
  checkRelationships(tables as readonly TableDefinition[]);
}
