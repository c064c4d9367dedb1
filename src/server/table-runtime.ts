import type { Client } from 'node-appwrite';
import type { QueryCache } from '../cache/query-cache.js';
import { readFingerprint } from '../schema/fingerprint.js';
import { tableId, type TableDefinition } from '../schema/table-definition.js';
import type { OperationObserver } from './operation-observer.js';
import { RelationGraph } from '../schema/relation-graph.js';
import { QueryNormalizer } from '../query/query-normalizer.js';
import { TableRelations } from './table-relations.js';
import type { TablesDbAdapter } from '../appwrite/tables-db-adapter.js';
import { RowDecoder } from '../schema/row-decoder.js';

/** Cache operation names of one table, each tagged with the schema fingerprint. */
export interface TableOperations {
  readonly get: string;
  readonly list: string;
  readonly all: string;
  readonly count: string;
  readonly aggregate: string;
}

/**
 * What every view (API key, each JWT) of one table shares: the declaration, the Appwrite id, the query
 * normaliser with its memo, and the cache operation names. Built once per table when the database opens.
 */
export class TableRuntime<D extends TableDefinition = TableDefinition> {
  readonly id: string;
  readonly normalizer: QueryNormalizer;
  readonly operations: TableOperations;
  readonly numericColumns: ReadonlySet<string>;
  /** Bigint fields: `increment()`/`decrement()` take them too, with exact steps. */
  readonly bigintColumns: ReadonlySet<string>;
  /** The table's own TTL, if its declaration sets one. */
  readonly ttl: number | undefined;
  /** False when the declaration says `cache: false`: every read goes to Appwrite. */
  readonly cached: boolean;

  /** The table's relationships: `with` paths, and the tables its writes change. */
  readonly relations: TableRelations;

  /** Shapes this table's rows as reads return them (bigint fields as `bigint`, in related rows too). */
  readonly decoder: RowDecoder;

  /**
   * `tables`: every declaration of the database (related tables' declarations shape this table's cached reads);
   * `decoder`: the database's row decoder, shared by its tables.
   */
  constructor(readonly definition: D, graph: RelationGraph = new RelationGraph([definition]), tables: readonly TableDefinition[] = [definition],
    decoder: RowDecoder = new RowDecoder(tables)) {
    this.id = tableId(definition);
    this.decoder = decoder;
    this.relations = new TableRelations(graph, this.id);
    // Two-way partner keys are columns of this table too (queries may select them).
    const columns = new Set([...Object.keys(definition.schema), ...this.relations.keys]);
    const encrypted = new Set(Object.entries(definition.schema).filter(([, field]) => 'encrypt' in field && field.encrypt === true).map(([key]) => key));
    const bigints = new Set(Object.entries(definition.schema).filter(([, field]) => field.type === 'bigint').map(([key]) => key));
    this.normalizer = new QueryNormalizer({ table: this.id, columns, encrypted, bigints });
    // The fingerprint goes into every key: entries cached under an older declaration (of this table or of a
    // table related to it) are never read again.
    const fingerprint = readFingerprint(definition, tables, graph);
    this.operations = { get: `get@${fingerprint}`, list: `list@${fingerprint}`, all: `all@${fingerprint}`, count: `count@${fingerprint}`, aggregate: `aggregate@${fingerprint}` };
    this.numericColumns = new Set(
      Object.entries(definition.schema).filter(([, field]) => field.type === 'integer' || field.type === 'float').map(([key]) => key),
    );
    this.bigintColumns = bigints;
    this.ttl = definition.cache === false ? undefined : definition.cache?.ttl;
    this.cached = definition.cache !== false;
  }
}

/** A row of `runtime`'s table as reads return it: a frozen copy, bigint fields as `bigint`. */
export function decodeRow(runtime: TableRuntime, row: object): Readonly<Record<string, unknown>> {
  return runtime.decoder.decode(runtime.id, row);
}

/** The identity a view of the database acts as, with its cache scope and its Appwrite adapter. */
export interface Session {
  /** `'key'` for the API key, `'jwt:<hash>'` for a user's JWT. */
  readonly scope: string;
  readonly cache: QueryCache;
  readonly adapter: TablesDbAdapter;
  /** The node-appwrite client acting as this identity (transactions use it). */
  readonly client: Client;
  /** Reports each operation of the handles (`onOperation`, tracer, metrics); absent in bare sessions. */
  readonly observer?: OperationObserver;
}
