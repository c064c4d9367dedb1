import { OrmError, type OrmErrorContext } from './orm-error.js';

/**
 * Bringing Appwrite to the declared schema failed or was refused: a step the plan needs was rejected by
 * Appwrite (its error text is kept in the message), a column ended `failed` or did not become available
 * in time, or the plan holds destructive changes that were not allowed (`refused` lists them).
 *
 * @example
 * ```ts
 * try { await orm.migrate(tables); }
 * catch (error) { if (error instanceof MigrationError) console.log(error.refused.join('\n')); }
 * ```
 */
export class MigrationError extends OrmError {
  /** The destructive changes that were refused, one rendered line each; empty for other failures. */
  readonly refused: readonly string[];

  constructor(message: string, context: OrmErrorContext = {}, options?: { cause?: unknown; refused?: readonly string[] }) {
    super('E_MIGRATION', message, context, options?.cause === undefined ? undefined : { cause: options.cause });
    this.refused = options?.refused ?? [];
  }
}
