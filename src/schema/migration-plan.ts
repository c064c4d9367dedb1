import type { ColumnSpec, IndexSpec, TableSpec } from './spec.js';

/** One property that differs: its name, the live value and the declared one. */
export interface PropertyChange {
  readonly property: string;
  readonly from: unknown;
  readonly to: unknown;
}

/** Table settings Appwrite can change in place. */
export interface TableSettings {
  readonly name: string;
  readonly permissions: readonly string[];
  readonly rowSecurity: boolean;
  /**
   * The table's live `enabled`, sent back with every update: Appwrite's updateTable re-enables a table when it
   * is omitted (a table disabled in the console would come back).
   */
  readonly enabled: boolean;
}

/**
 * One write the migration performs. `destructive` steps delete data (a column or a table) and only appear
 * in a plan when `allowDestructive` is on.
 */
export type MigrationStep =
  | { readonly kind: 'createDatabase'; readonly databaseId: string; readonly name: string; readonly destructive: false }
  | { readonly kind: 'createTable'; readonly table: TableSpec; readonly destructive: false }
  | {
      readonly kind: 'updateTable';
      readonly tableId: string;
      readonly settings: TableSettings;
      readonly changes: readonly PropertyChange[];
      readonly destructive: false;
    }
  | { readonly kind: 'createColumn'; readonly tableId: string; readonly column: ColumnSpec; readonly destructive: false }
  | {
      readonly kind: 'updateColumn';
      readonly tableId: string;
      readonly column: ColumnSpec;
      readonly changes: readonly PropertyChange[];
      readonly destructive: false;
    }
  | {
      /** The column `from` renamed to `column.key` in place (its values and indexes kept), with its properties set as declared. */
      readonly kind: 'renameColumn';
      readonly tableId: string;
      readonly from: string;
      readonly column: ColumnSpec;
      readonly changes: readonly PropertyChange[];
      readonly destructive: false;
    }
  | {
      readonly kind: 'deleteColumn';
      readonly tableId: string;
      readonly column: ColumnSpec;
      /** `removed`: not declared any more; `typeChange`: recreated with another type; `failed`: Appwrite failed to create it. */
      readonly reason: 'removed' | 'typeChange' | 'failed';
      /** The declared column that replaces it, for type changes. */
      readonly replacement?: ColumnSpec;
      readonly destructive: boolean;
    }
  | { readonly kind: 'createIndex'; readonly tableId: string; readonly index: IndexSpec; readonly destructive: false }
  | {
      readonly kind: 'deleteIndex';
      readonly tableId: string;
      readonly index: IndexSpec;
      /** `undeclared`: dropIndexes is on; `changed`: recreated with its new definition; `dependency`: it names a column being deleted. */
      readonly reason: 'undeclared' | 'changed' | 'dependency';
      readonly destructive: false;
    }
  | { readonly kind: 'deleteTable'; readonly tableId: string; readonly name: string; readonly destructive: true };

/** A change the plan needs but will not make without an explicit opt-in. */
export interface RefusedChange {
  /** `rename`: a declared rename that cannot be made (no option allows it: the declaration must change). */
  readonly kind: 'typeChange' | 'removeColumn' | 'changeIndex' | 'rename';
  readonly tableId: string;
  /** The column or index concerned; absent for tables. */
  readonly key?: string;
  /** What differs, e.g. `float -> integer`. */
  readonly detail: string;
  /** The option that would allow it; absent when none does. */
  readonly option?: 'allowDestructive' | 'dropIndexes';
}

/** A difference that is tolerated as it is: an index or a table Appwrite has that the schema does not declare. */
export type PlanNote =
  | { readonly kind: 'keptIndex'; readonly tableId: string; readonly key: string }
  | { readonly kind: 'keptTable'; readonly tableId: string };

/**
 * What it takes to bring Appwrite to the declared schema. Empty `steps` and `refused` mean the database
 * matches. `text` is the readable rendering, one line per step.
 */
export interface MigrationPlan {
  readonly databaseId: string;
  readonly steps: readonly MigrationStep[];
  readonly refused: readonly RefusedChange[];
  readonly notes: readonly PlanNote[];
  readonly text: string;
}

/** Options that decide which changes a plan may contain. */
export interface PlanOptions {
  /** Drop indexes the schema does not declare, and recreate changed ones. @default false */
  readonly dropIndexes?: boolean;
  /** Delete columns and tables the schema does not declare and recreate columns whose type changed. @default false */
  readonly allowDestructive?: boolean;
}

/** The table a step concerns (`undefined` for the database). */
export function stepTable(step: MigrationStep): string | undefined {
  switch (step.kind) {
    case 'createDatabase':
      return undefined;
    case 'createTable':
      return step.table.id;
    default:
      return step.tableId;
  }
}
