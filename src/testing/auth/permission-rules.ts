import { isValidKey, KEY_DESCRIPTION } from '../store/ids.js';

/* utopia-php/database 6.0 `Validator/Permissions.php`, `Validator/Roles.php` and `Helpers/Permission::parse`,
   with their messages. */

const ROLES = ['any', 'guests', 'users', 'user', 'team', 'member', 'label'];
const TYPES = ['read', 'create', 'update', 'delete', 'write'];
const USER_DIMENSIONS = ['verified', 'unverified'];
const LABEL = /^[A-Za-z0-9]{1,36}$/;

interface RoleRule {
  readonly identifier: 'none' | 'required';
  readonly dimension: 'none' | 'user' | 'any';
}

const RULES: Readonly<Record<string, RoleRule>> = {
  any: { identifier: 'none', dimension: 'none' },
  guests: { identifier: 'none', dimension: 'none' },
  users: { identifier: 'none', dimension: 'user' },
  user: { identifier: 'required', dimension: 'user' },
  team: { identifier: 'required', dimension: 'any' },
  member: { identifier: 'required', dimension: 'none' },
  label: { identifier: 'required', dimension: 'none' },
};

/** `Permission::parse`: `action("role:identifier/dimension")` split into its parts, or the parse error. */
function parse(permission: string): { role: string; identifier: string; dimension: string } | string {
  const parts = permission.split('("');
  if (parts.length !== 2) return `Invalid permission string format: "${permission}".`;
  if (!TYPES.includes(parts[0] ?? '')) return `Invalid permission type: "${parts[0] ?? ''}".`;
  const full = (parts[1] ?? '').replaceAll('")', '');
  const [role = '', identifierPart] = full.split(':');
  if (!full.includes('/')) return { role, identifier: identifierPart ?? '', dimension: '' };
  const source = identifierPart ?? full;
  const dimensionParts = source.split('/');
  if (dimensionParts.length !== 2) return 'Only one dimension can be provided';
  const dimension = dimensionParts[1] ?? '';
  if (dimension === '') return 'Dimension must not be empty';
  return identifierPart === undefined
    ? { role: dimensionParts[0] ?? '', identifier: '', dimension }
    : { role, identifier: dimensionParts[0] ?? '', dimension };
}

function roleProblem(role: string, identifier: string, dimension: string): string | null {
  const rule = RULES[role];
  if (rule === undefined) return `Role "${role}" is not allowed. Must be one of: ${ROLES.join(', ')}.`;
  if (rule.identifier === 'none' && identifier !== '') return `Role "${role}" can not have an ID value.`;
  if (rule.identifier === 'required' && identifier === '') return `Role "${role}" must have an ID value.`;
  if (identifier !== '') {
    const valid = role === 'label' ? LABEL.test(identifier) : isValidKey(identifier);
    const description = role === 'label' ? 'Value must be a valid string between 1 and 36 chars containing only alphanumeric chars' : KEY_DESCRIPTION;
    if (!valid) return `Role "${role}" identifier value is invalid: ${description}`;
  }
  if (rule.dimension === 'none' && dimension !== '') return `Role "${role}" can not have a dimension value.`;
  if (rule.dimension === 'user' && dimension !== '' && !USER_DIMENSIONS.includes(dimension)) {
    return `Role "${role}" dimension value is invalid. Must be one of: ${USER_DIMENSIONS.join(', ')}.`;
  }
  return null;
}

/**
 * Why a permission list is invalid, in utopia's words, or null. `allowed` are the permission types the
 * target takes (`read, update, delete, write` for rows); `limit` 0 means no limit.
 */
export function permissionsProblem(permissions: readonly unknown[], allowed: readonly string[], limit = 100): string | null {
  if (limit > 0 && permissions.length > limit) return `You can only provide up to ${limit} permissions.`;
  for (const permission of permissions) {
    if (typeof permission !== 'string') return 'Every permission must be of type string.';
    if (permission === '*') return 'Wildcard permission "*" has been replaced. Use "any" instead.';
    if (permission.includes('role:')) return 'Permissions using the "role:" prefix have been replaced. Use "users", "guests", or "any" instead.';
    if (!allowed.some((type) => permission.startsWith(type))) return `Permission "${permission}" is not allowed. Must be one of: ${allowed.join(', ')}.`;
    const parsed = parse(permission);
    if (typeof parsed === 'string') return parsed;
    const problem = roleProblem(parsed.role, parsed.identifier, parsed.dimension);
    if (problem !== null) return problem;
  }
  return null;
}
