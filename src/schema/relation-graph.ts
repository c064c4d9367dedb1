import type { OnDeleteAction, RelationshipField, RelationType } from './field-definition.js';
import { tableId, type TableDefinition } from './table-definition.js';

/** One end of a declared relationship, seen from a table (table ids throughout). */
export interface RelationEnd {
  /** The table whose rows use `key`. */
  readonly table: string;
  readonly key: string;
  /** The table at the other end. */
  readonly related: string;
  readonly relation: RelationType;
  readonly side: 'parent' | 'child';
  readonly twoWay: boolean;
  readonly onDelete: OnDeleteAction;
  /** False for the hidden child end of a one-way relationship (rows never show it). */
  readonly visible: boolean;
}

function isRelationship(field: unknown): field is RelationshipField {
  return typeof field === 'object' && field !== null && (field as { type?: unknown }).type === 'relationship';
}

/**
 * The relationships of a list of table declarations: every end of every table, what a write or a delete
 * changes besides its own table, and which tables a read with `with` paths loads. Built once per database.
 *
 * @example
 * ```ts
 * const graph = new RelationGraph([authors, posts]);
 * graph.affectedByDelete('authors'); // Set { 'authors', 'posts' } when posts.author cascades
 * ```
 */
export class RelationGraph {
  readonly #ends = new Map<string, RelationEnd[]>();

  constructor(tables: readonly TableDefinition[]) {
    const ids = new Map(tables.map((definition) => [definition.name, tableId(definition)] as const));
    for (const definition of tables) {
      const id = tableId(definition);
      this.#endsOf(id);
      for (const [key, field] of Object.entries(definition.schema)) {
        if (!isRelationship(field)) continue;
        const related = ids.get(field.table) ?? field.table;
        const shared = { relation: field.relation, twoWay: field.twoWay === true, onDelete: field.onDelete ?? 'restrict' } as const;
        this.#endsOf(id).push({ ...shared, table: id, key, related, side: 'parent', visible: true });
        this.#endsOf(related).push({ ...shared, table: related, key: field.twoWayKey ?? id, related: id, side: 'child', visible: shared.twoWay });
      }
    }
  }

  #endsOf(table: string): RelationEnd[] {
    let ends = this.#ends.get(table);
    if (ends === undefined) {
      ends = [];
      this.#ends.set(table, ends);
    }
    return ends;
  }

  /** Every end of a table, hidden one-way child ends included. */
  ends(table: string): readonly RelationEnd[] {
    return this.#ends.get(table) ?? [];
  }

  /** The end a row of `table` shows under `key`, if any. */
  visibleEnd(table: string, key: string): RelationEnd | undefined {
    return this.ends(table).find((end) => end.visible && end.key === key);
  }

  /** True when rows of `table` show relationship columns (Appwrite then refuses its bulk routes). */
  hasRelations(table: string): boolean {
    return this.ends(table).some((end) => end.visible);
  }

  /**
   * Tables a create or update of `table` changes: itself, and the two-way partner of every relationship key
   * the write sets (the partner's rows show the link).
   */
  affectedByWrite(table: string, keys: Iterable<string>): Set<string> {
    const affected = new Set([table]);
    for (const key of keys) {
      const end = this.visibleEnd(table, key);
      if (end?.twoWay === true) affected.add(end.related);
    }
    return affected;
  }

  /**
   * Tables a delete from `table` can change: itself, every two-way partner (the row disappears from their
   * links), and, repeatedly, every table reached through `cascade` (rows deleted) or `setNull` (links cleared).
   */
  affectedByDelete(table: string): Set<string> {
    const affected = new Set([table]);
    const queue = [table];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      for (const end of this.ends(next)) {
        const changes = end.twoWay || end.onDelete === 'cascade' || end.onDelete === 'setNull';
        if (!changes || affected.has(end.related)) continue;
        affected.add(end.related);
        // Only cascades delete rows there, which in turn reach further.
        if (end.onDelete === 'cascade') queue.push(end.related);
      }
    }
    return affected;
  }

  /** Tables whose rows a read of `table` with these `with` paths loads (the table itself first). */
  loadedTables(table: string, paths: readonly string[]): string[] {
    const loaded = new Set([table]);
    for (const path of paths) {
      let current = table;
      for (const key of path.split('.')) {
        const end = this.visibleEnd(current, key);
        if (end === undefined) break;
        loaded.add(end.related);
        current = end.related;
      }
    }
    return [...loaded];
  }
}
