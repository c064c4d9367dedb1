/**
 * Exit codes of the `appwrite-orm` binary.
 *
 * - 0 `ok`: done (or nothing to do).
 * - 1 `failed`: Appwrite refused a request, a migration or seeder threw, a file could not be loaded.
 * - 2 `usage`: unknown command or option, missing setting, unreadable configuration.
 * - 3 `refused`: a destructive change was not allowed or not confirmed; nothing was written.
 * - 4 `locked`: another run held the migration lock for longer than `--lock-timeout`.
 *
 * @example
 * ```ts
 * process.exitCode = EXIT.refused;
 * ```
 */
export const EXIT = Object.freeze({ ok: 0, failed: 1, usage: 2, refused: 3, locked: 4 });
