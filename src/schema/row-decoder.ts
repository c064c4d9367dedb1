import { RelationGraph } from './relation-graph.js';
import { tableId, type TableDefinition } from './table-definition.js';

/** A row as reads return it: a deep-frozen plain object. */
export type DecodedRow = Readonly<Record<string, unknown>>;

/** What a table's rows need converted: its bigint columns, and its relationship keys with their table ids. */
interface RowShape {
  readonly bigints: ReadonlySet<string>;
  readonly relations: ReadonlyMap<string, string>;
}

/**
 * A deep copy with ordinary prototypes, frozen as it is built: every row ends up deep-frozen (by the cache or
 * by the write that returns it), and freezing each copy here spares that a walk of its own.
 */
export function plain(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return Object.freeze(value.map(plain));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = plain((value as Record<string, unknown>)[key]);
  return Object.freeze(out);
}

/** node-appwrite reads a safe integer as a number and a larger one as a BigInt: a bigint column is always a BigInt. */
function exact(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (Array.isArray(value)) return Object.freeze(value.map(exact));
  return value;
}

/**
 * Turns rows as node-appwrite parses them into the rows reads return: deep-frozen plain objects where every
 * value of a `bigint` field is a `bigint` (the SDK gives a number up to ±2^53 and a BigInt beyond), in the
 * related rows a read loads with `with` too. Tables that reach no bigint field are only copied.
 *
 * @example
 * ```ts
 * const decoder = new RowDecoder([counters]);
 * decoder.decode('counters', { $id: 'a', views: 5 }); // { $id: 'a', views: 5n }
 * ```
 */
export class RowDecoder {
  readonly #shapes = new Map<string, RowShape>();

  constructor(tables: readonly TableDefinition[]) {
    const graph = new RelationGraph(tables);
    const shapes = new Map<string, RowShape>();
    for (const definition of tables) {
      const id = tableId(definition);
      const bigints = new Set(Object.entries(definition.schema).filter(([, field]) => field.type === 'bigint').map(([key]) => key));
      const relations = new Map(graph.ends(id).filter((end) => end.visible).map((end) => [end.key, end.related] as const));
      shapes.set(id, { bigints, relations });
    }
    // Keep only the tables whose rows, or related rows, can hold a bigint.
    const reaches = (id: string, seen: Set<string>): boolean => {
      const shape = shapes.get(id);
      if (shape === undefined || seen.has(id)) return false;
      seen.add(id);
      return shape.bigints.size > 0 || [...shape.relations.values()].some((related) => reaches(related, seen));
    };
    for (const [id, shape] of shapes) if (reaches(id, new Set())) this.#shapes.set(id, shape);
  }

  /** The row of `table` as reads return it (a frozen copy, bigint fields as `bigint`). */
  decode(table: string, row: object): DecodedRow {
    return this.#decode(this.#shapes.get(table), row) as DecodedRow;
  }

  #decode(shape: RowShape | undefined, row: unknown): unknown {
    if (shape === undefined || typeof row !== 'object' || row === null || Array.isArray(row)) return plain(row);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(row)) {
      const value = (row as Record<string, unknown>)[key];
      const related = shape.relations.get(key);
      if (shape.bigints.has(key)) out[key] = exact(value);
      else if (related !== undefined && typeof value === 'object' && value !== null) out[key] = this.#related(related, value);
      else out[key] = plain(value);
    }
    return Object.freeze(out);
  }

  #related(table: string, value: object): unknown {
    const shape = this.#shapes.get(table);
    if (Array.isArray(value)) return Object.freeze(value.map((item: unknown) => this.#decode(shape, item)));
    return this.#decode(shape, value);
  }
}
