import { z } from 'zod';
import type { SchemaDefinition } from './field-definition.js';
import { fieldSchema } from './field-validator.js';
import type { InferInsert, InferUpdate, SerializedInsert, SerializedUpdate } from './infer.js';
import type { TableDefinition } from './table-definition.js';

/** The zod schemas derived from one table declaration. */
export interface RowSchemas<S extends SchemaDefinition = SchemaDefinition> {
  /** Full check for create: required fields present, unknown keys rejected, datetimes serialised to ISO strings. */
  readonly insert: z.ZodType<SerializedInsert<S>, InferInsert<S>>;
  /** Partial check for update: any subset of the fields, unknown keys rejected. */
  readonly update: z.ZodType<SerializedUpdate<S>, InferUpdate<S>>;
}

const cache = new WeakMap<TableDefinition, z.ZodObject>();

/** The strict object schema of a whole row (create); `.partial()` of it checks updates. Built once per declaration. */
export function rowObjectSchema(definition: TableDefinition): z.ZodObject {
  const cached = cache.get(definition);
  if (cached !== undefined) return cached;
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(definition.schema)) shape[key] = fieldSchema(field);
  const schema = z.strictObject(shape);
  cache.set(definition, schema);
  return schema;
}

const schemas = new WeakMap<TableDefinition, RowSchemas>();

/**
 * The zod schemas the ORM validates rows with before sending them, for applications that validate request
 * bodies themselves. Derived once per declaration object and reused.
 *
 * @example
 * ```ts
 * const { insert } = rowSchemas(productsTable);
 * app.post('/products', async (req, res) => {
 *   const parsed = insert.safeParse(req.body);
 *   if (!parsed.success) return res.status(400).json(parsed.error.issues);
 *   res.json(await db.table('products').create(parsed.data));
 * });
 * ```
 */
export function rowSchemas<S extends SchemaDefinition>(definition: TableDefinition<string, S>): RowSchemas<S> {
  const cached = schemas.get(definition);
  if (cached !== undefined) return cached as unknown as RowSchemas<S>;
  const insert = rowObjectSchema(definition);
  const built = { insert, update: insert.partial() } as unknown as RowSchemas<S>;
  schemas.set(definition, built);
  return built;
}
