import { AppwriteException } from 'node-appwrite';
import { AppwriteError } from '../errors/appwrite-error.js';
import { MigrationError } from '../errors/migration-error.js';

/** What each status Appwrite refuses a schema read with asks the user to check; the key's value is never shown. */
const HINTS: Readonly<Record<number, string>> = {
  401: 'The API key was refused or lacks the databases.read scope: check the apiKey setting (its value is not shown here).',
};

/**
 * The error of a failed schema check (`init` with `autoMigrate` off): reading the live tables was refused by
 * Appwrite, so nothing was migrated and the failure is an {@link AppwriteError}, not a `MigrationError`. Its
 * message names the check, the database, Appwrite's status, type and text, and for a 401 the API key (never its
 * value). Anything that is not an answer of Appwrite (a `ConnectionError`, a deadline) is returned unchanged.
 *
 * @example
 * ```ts
 * try { await gateway.readState(); }
 * catch (error) { throw schemaCheckFailure(error, 'blog'); }
 * // AppwriteError: Could not check the declared schema against database "blog": Appwrite answered 401 ...
 * ```
 */
export function schemaCheckFailure(error: unknown, databaseId: string): unknown {
  const answer = error instanceof MigrationError ? error.cause : error;
  if (!(answer instanceof AppwriteException) || answer.code === 0) return error;
  const type = answer.type === '' ? 'unknown' : answer.type;
  const hint = HINTS[answer.code];
  const message = `Could not check the declared schema against database "${databaseId}": Appwrite answered ${answer.code} ${type} while reading its tables: ${answer.message}${hint === undefined ? '' : ` ${hint}`}`;
  return new AppwriteError(answer.code, type, message, {}, { cause: answer });
}
