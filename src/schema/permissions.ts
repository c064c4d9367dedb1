const PERMISSION = /^\s*([a-z]+)\s*\(\s*["'](.+)["']\s*\)\s*$/;

/**
 * Permission strings in the form Appwrite stores them, sorted: `write("x")` becomes `create("x")`,
 * `update("x")` and `delete("x")` (Appwrite expands it on tables), quotes and spacing are normalised and
 * duplicates dropped, so that a declaration compares equal to what Appwrite reports back.
 *
 * @example
 * ```ts
 * normalisePermissions(['write("users")', "read('any')"]);
 * // ['create("users")', 'delete("users")', 'read("any")', 'update("users")']
 * ```
 */
export function normalisePermissions(permissions: readonly string[]): string[] {
  const normalised = new Set<string>();
  for (const permission of permissions) {
    const match = PERMISSION.exec(permission);
    if (match === null) {
      normalised.add(permission);
      continue;
    }
    const [, action = '', role = ''] = match;
    const actions = action === 'write' ? ['create', 'update', 'delete'] : [action];
    for (const expanded of actions) normalised.add(`${expanded}("${role}")`);
  }
  return [...normalised].sort();
}
