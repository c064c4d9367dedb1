import type { Caller } from './auth.js';
import { paramInvalid, userUnauthorized } from '../http/errors.js';

/** Permission actions: `write` is shorthand that Appwrite stores expanded. */
export type PermissionAction = 'read' | 'create' | 'update' | 'delete';

const FORMAT = /^(read|create|update|delete|write)\("([^"]+)"\)$/;
const ROLE = /^(any|guests|users(\/(verified|unverified))?|(user|team|member|label):[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)?)$/;

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
  const out = new Set<string>();
  for (const permission of permissions) {
    const match = FORMAT.exec(permission);
    if (match === null || !ROLE.test(match[2] ?? '')) {
      throw paramInvalid(param, `Permission "${permission}" is not allowed. Must be one of: ${allowed}.`);
    }
    const action = match[1] ?? '';
    const role = match[2] ?? '';
    if (target === 'row' && action === 'create') {
      throw paramInvalid(param, `Permission "${permission}" is not allowed. Must be one of: ${allowed}.`);
    }
    const expanded = action === 'write' ? (target === 'table' ? ['create', 'update', 'delete'] : ['update', 'delete']) : [action];
    for (const item of expanded) out.add(`${item}("${role}")`);
  }
  if (out.size > 100) throw paramInvalid(param, 'Value must a valid array no longer than 100 items');
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
