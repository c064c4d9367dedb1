import { OrmError } from './orm-error.js';

/**
 * Appwrite does not match the declared schema and automatic migration is off (`autoMigrate: false`,
 * `autoValidate: true`). Nothing was written. `differences` lists every difference, one line each, in the
 * same form as a migration plan.
 *
 * @example
 * ```ts
 * try { await orm.init(tables); }
 * catch (error) { if (error instanceof SchemaDriftError) console.log(error.differences.join('\n')); }
 * ```
 */
export class SchemaDriftError extends OrmError {
  /** One line per difference between the declaration and the live database. */
  readonly differences: readonly string[];

  constructor(databaseId: string, differences: readonly string[]) {
    super(
      'E_SCHEMA_DRIFT',
      `Database "${databaseId}" does not match the declared schema (${differences.length} difference${differences.length === 1 ? '' : 's'}); run a migration or enable autoMigrate:\n${differences.join('\n')}`,
    );
    this.differences = differences;
  }
}
