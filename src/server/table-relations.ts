import { QueryError } from '../errors/query-error.js';
import { RelationGraph } from '../schema/relation-graph.js';

/** Appwrite loads related rows at most two relationships below the row read (three levels in all). */
export const MAX_WITH_DEPTH = 2;

/** What a read with `with` sends and depends on: the select values and every table it loads. */
export interface WithPlan {
  readonly select: readonly string[];
  readonly dependsOn: readonly string[];
}

/**
 * One table's view of the relationship graph: the `with` paths of its reads (checked, turned into
 * Appwrite's `select`, with the tables they load) and the tables its writes and deletes change.
 *
 * @example
 * ```ts
 * const relations = new TableRelations(graph, 'posts');
 * relations.withPlan(['author.company']); // { select: ['*', 'author.*', 'author.company.*'], dependsOn: ['posts', 'authors', 'companies'] }
 * ```
 */
export class TableRelations {
  readonly #graph: RelationGraph;
  readonly #table: string;
  readonly #plans = new Map<string, WithPlan>();
  readonly #deletes: readonly string[];

  constructor(graph: RelationGraph, table: string) {
    this.#graph = graph;
    this.#table = table;
    this.#deletes = [...graph.affectedByDelete(table)];
  }

  /** Keys rows of the table show for relationships (declared fields and two-way partner keys). */
  get keys(): readonly string[] {
    return this.#graph.ends(this.#table).filter((end) => end.visible).map((end) => end.key);
  }

  /** True when Appwrite refuses the bulk routes for this table. */
  get hasRelations(): boolean {
    return this.#graph.hasRelations(this.#table);
  }

  /** The select and dependencies of a read loading `paths`; throws a {@link QueryError} for a bad path. */
  withPlan(paths: readonly string[], selected?: readonly string[]): WithPlan {
    const memo = `${paths.join(',')}|${selected?.join(',') ?? '*'}`;
    let plan = this.#plans.get(memo);
    if (plan === undefined) {
      plan = this.#build(paths, selected);
      if (this.#plans.size < 256) this.#plans.set(memo, plan);
    }
    return plan;
  }

  /** Tables a create or update setting these keys changes. */
  writeTables(keys: Iterable<string>): readonly string[] {
    return [...this.#graph.affectedByWrite(this.#table, keys)];
  }

  /** Tables a delete changes (cascade, setNull and two-way partners, transitively). */
  deleteTables(): readonly string[] {
    return this.#deletes;
  }

  #build(paths: readonly string[], selected: readonly string[] | undefined): WithPlan {
    const select = new Set(selected ?? ['*']);
    for (const path of paths) {
      const keys = typeof path === 'string' ? path.split('.') : [];
      if (keys.length === 0 || keys.length > MAX_WITH_DEPTH || keys.some((key) => key === '')) {
        throw new QueryError(this.#table, `with ${JSON.stringify(path)}`,
          `a with path names 1 to ${MAX_WITH_DEPTH} relationships joined by dots: Appwrite loads related rows at most ${MAX_WITH_DEPTH} levels below the row`);
      }
      let current = this.#table;
      keys.forEach((key, depth) => {
        const end = this.#graph.visibleEnd(current, key);
        if (end === undefined) {
          const known = this.#graph.ends(current).filter((item) => item.visible).map((item) => item.key);
          throw new QueryError(this.#table, `with ${JSON.stringify(path)}`,
            `"${key}" is not a relationship of table "${current}"; its relationships: ${known.length === 0 ? 'none' : known.join(', ')}`);
        }
        select.add(`${keys.slice(0, depth + 1).join('.')}.*`);
        current = end.related;
      });
    }
    return { select: [...select], dependsOn: this.#graph.loadedTables(this.#table, paths) };
  }
}
