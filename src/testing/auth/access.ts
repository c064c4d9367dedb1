import type { Caller } from './auth.js';
import { databaseNotFound, rowNotFound, tableNotFound, userUnauthorized } from '../http/errors.js';
import type { StoredDatabase, StoredRow, StoredTable } from '../store/model.js';
import { grants, type PermissionAction } from './permissions.js';

/*
 * Row-level authorization as Appwrite 1.9 applies it to callers without an API key (shared/api.php,
 * Documents/*.php, utopia Database::find/getDocument). An API key skips every check here.
 */

/** Disabled databases and tables do not exist for callers without a key. */
export function assertEnabled(caller: Caller, database: StoredDatabase, table: StoredTable): void {
  if (caller.kind === 'key') return;
  if (!database.enabled) throw databaseNotFound(database.$id);
  if (!table.enabled) throw tableNotFound(table.$id);
}

function tableGrants(caller: Caller, table: StoredTable, action: PermissionAction): boolean {
  return caller.kind === 'key' || grants(table.$permissions, action, caller.roles);
}

/** Whether the caller may read the row (table `read`, or the row's own `read` when rowSecurity is on). */
function canRead(caller: Caller, table: StoredTable, row: StoredRow): boolean {
  if (caller.kind === 'key' || grants(table.$permissions, 'read', caller.roles)) return true;
  return table.rowSecurity && grants(row.$permissions, 'read', caller.roles);
}

/**
 * Which rows a list may see: all of them (table read), only readable ones (rowSecurity), or none, which
 * Appwrite answers with 401 `user_unauthorized`.
 */
export function listFilter(caller: Caller, table: StoredTable): ((row: StoredRow) => boolean) | null {
  if (tableGrants(caller, table, 'read')) return null;
  if (!table.rowSecurity || caller.kind === 'key') throw userUnauthorized();
  return (row) => grants(row.$permissions, 'read', caller.roles);
}

/** getRow answers 404 for a row the caller cannot read, as if it did not exist. */
export function assertReadable(caller: Caller, table: StoredTable, row: StoredRow): void {
  if (!canRead(caller, table, row)) throw rowNotFound(row.$id);
}

/** PHP `json_encode` of a list of roles (slashes escaped), as Appwrite's authorization messages print them. */
function phpJson(list: readonly string[]): string {
  return JSON.stringify(list).replace(/\//g, '\\/');
}

/**
 * Creating rows needs the table's `create` permission; row permissions cannot grant it. The 401 carries the
 * authorization validator's description, as createRow reports it.
 */
export function assertCanCreate(caller: Caller, table: StoredTable): void {
  if (caller.kind === 'key') return;
  const roles = table.$permissions.flatMap((permission) => /^create\("(.+)"\)$/.exec(permission)?.[1] ?? []);
  if (roles.length === 0) throw userUnauthorized("No permissions provided for action 'create'");
  if (roles.some((role) => caller.roles.includes(role))) return;
  throw userUnauthorized(
    `Missing "create" permission for role "${roles[roles.length - 1] ?? ''}". Only "${phpJson(caller.roles)}" scopes are allowed and "${phpJson(roles)}" was given.`,
  );
}

/** Whether the caller may create rows in the table (upsert's check, answered with the plain 401). */
export function canCreate(caller: Caller, table: StoredTable): boolean {
  return tableGrants(caller, table, 'create');
}

/** Whether the caller may read the row. */
export function canReadRow(caller: Caller, table: StoredTable, row: StoredRow): boolean {
  return canRead(caller, table, row);
}

/**
 * Updating or deleting needs the table permission or, with rowSecurity, the row's. The row is looked up
 * without read checks first ("read permission should not be required for update"), so a missing row is 404
 * and an unpermitted one 401.
 */
export function assertCanChange(caller: Caller, table: StoredTable, row: StoredRow, action: 'update' | 'delete'): void {
  if (tableGrants(caller, table, action)) return;
  if (table.rowSecurity && caller.kind !== 'key' && grants(row.$permissions, action, caller.roles)) return;
  throw userUnauthorized();
}
