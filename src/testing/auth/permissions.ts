import type { Caller } from './auth.js';
import { badRequest, paramInvalid, userUnauthorized } from '../http/errors.js';
import { permissionsProblem } from './permission-rules.js';

/** Permission actions: `write` is shorthand that Appwrite stores expanded. */
export type PermissionAction = 'read' | 'create' | 'update' | 'delete';

const FORMAT = /^(read|create|update|delete|write)\("([^"]+)"\)$/;

/**
 * Validates permission strings and expands `write(x)` (into create+update+delete for tables, update+delete
 * for rows), as Appwrite stores them; duplicates are dropped.
 */
export function normalizePermissions(
  param: string,
  permissions: readonly string[],
  target: 'table' | 'row',
): string[] {
  const allowed = target === 'table' ? 'read, create, update, delete, write' : 'read, update, delete, write';
  const problem = permissionsProblem(permissions, allowed.split(', '));
  // The params are `Nullable(Permissions)`: the description ends with " or null".
  if (problem !== null) throw paramInvalid(param, `${problem} or null`);
  const out = new Set<string>();
  for (const permission of permissions) {
    const match = FORMAT.exec(permission);
    const action = match?.[1] ?? '';
    const role = match?.[2] ?? '';
    const expanded = action === 'write' ? (target === 'table' ? ['create', 'update', 'delete'] : ['update', 'delete']) : [action];
    for (const item of expanded) out.add(`${item}("${role}")`);
  }
  return [...out];
}

/**
 * A createRows row's `$permissions` (Documents/Create.php:217-231): checked with utopia's `Permissions`
 * validator and its default types (so `create(...)` passes), a failure answered 400 `general_bad_request`
 * with the validator's own message; then `write(x)` becomes update+delete and other types stay
 * (`Permission::aggregate` only expands `write`).
 */
export function bulkRowPermissions(permissions: readonly unknown[]): string[] {
  const problem = permissions.length === 0 ? null : permissionsProblem(permissions, ['read', 'create', 'update', 'delete', 'write'], 0);
  if (problem !== null) throw badRequest(problem);
  const out = new Set<string>();
  for (const permission of permissions as string[]) {
    const match = FORMAT.exec(permission);
    const action = match?.[1] ?? '';
    const role = match?.[2] ?? '';
    for (const item of action === 'write' ? ['update', 'delete'] : [action]) out.add(`${item}("${role}")`);
  }
  return [...out];
}

/** Whether one of `roles` holds `action` in `permissions`. */
export function grants(permissions: readonly string[], action: PermissionAction, roles: readonly string[]): boolean {
  for (const role of roles) {
    if (permissions.includes(`${action}("${role}")`)) return true;
  }
  return false;
}

/**
 * Appwrite refuses a user who grants roles they do not hold (`Permissions must be one of: (...)`); API keys
 * may grant anything.
 */
export function assertCanGrant(caller: Caller, permissions: readonly string[]): void {
  if (caller.kind === 'key') return;
  for (const permission of permissions) {
    const role = FORMAT.exec(permission)?.[2] ?? '';
    if (!caller.roles.includes(role)) {
      throw userUnauthorized(`Permissions must be one of: (${caller.roles.join(', ')})`);
    }
  }
}

/** Permissions a user's new row gets when none are given: read, update and delete for that user. */
export function defaultRowPermissions(caller: Caller): string[] {
  if (caller.kind !== 'user') return [];
  const role = `user:${caller.userId}`;
  return [`read("${role}")`, `update("${role}")`, `delete("${role}")`];
}
