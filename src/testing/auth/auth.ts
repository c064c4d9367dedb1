import { randomBytes } from 'node:crypto';
import { ApiError } from '../http/api-error.js';
import { userUnauthorized } from '../http/errors.js';

/** Who a request acts as: the API key (every permission check off) or a user (roles checked). */
export type Caller =
  | { readonly kind: 'key' }
  | { readonly kind: 'user'; readonly userId: string; readonly email: string | undefined; readonly roles: readonly string[] }
  | { readonly kind: 'guest'; readonly roles: readonly string[] };

/**
 * Options of `createJwt`.
 *
 * @example
 * ```ts
 * client.setJWT(emu.createJwt('alice', { labels: ['vip'] }));
 * // roles: any, users, user:alice, user:alice/unverified, users/unverified, label:vip
 * ```
 */
export interface JwtOptions {
  /** Labels of the user: each grants the role `label:<label>`. */
  readonly labels?: readonly string[];
  /** Shown in scope errors, as Appwrite shows the user's email. */
  readonly email?: string;
  /**
   * Whether the user's email or phone is verified: the user then holds `user:<id>/verified` and
   * `users/verified`, else `user:<id>/unverified` and `users/unverified`, as on Appwrite.
   * @default false
   */
  readonly verified?: boolean;
}

interface JwtUser {
  readonly userId: string;
  readonly labels: readonly string[];
  readonly email: string | undefined;
  readonly verified: boolean;
}

/** Tokens the emulator accepts in `X-Appwrite-JWT`, each bound to a user. */
export class JwtRegistry {
  readonly #tokens = new Map<string, JwtUser>();

  issue(userId: string, options: JwtOptions = {}): string {
    const token = `emulator.${Buffer.from(userId).toString('base64url')}.${randomBytes(18).toString('base64url')}`;
    this.#tokens.set(token, { userId, labels: [...(options.labels ?? [])], email: options.email, verified: options.verified ?? false });
    return token;
  }

  lookup(token: string): JwtUser | undefined {
    return this.#tokens.get(token);
  }

  clear(): void {
    this.#tokens.clear();
  }
}

/** The headers that carry identity, lower-cased as they arrive. */
export interface AuthHeaders {
  readonly project: string | null;
  readonly key: string | null;
  readonly jwt: string | null;
}

const PROJECT_NOT_FOUND =
  'Project with the requested ID could not be found. Please check the value of the X-Appwrite-Project header to ensure the correct project ID is being used.';
/**
 * Appwrite's message for a JWT it cannot decode (`Failed to verify JWT. ` and the JWT library's reason): a token
 * without three segments is incomplete; any other unknown token fails its signature check.
 */
function jwtInvalid(token: string): ApiError {
  const reason = token.split('.').length < 3 ? 'Invalid token: Incomplete segments' : 'Invalid token: Signature failed';
  return new ApiError('user_jwt_invalid', `Failed to verify JWT. ${reason}`, 401);
}

/**
 * The roles of a user in the order Appwrite's authorization lists them (`Permissions must be one of: (...)`):
 * any, users, user:<id>, the verified or unverified pair, then labels.
 */
function userRoles(user: { readonly userId: string; readonly verified: boolean; readonly labels: readonly string[] }): string[] {
  const dimension = user.verified ? 'verified' : 'unverified';
  return ['any', 'users', `user:${user.userId}`, `user:${user.userId}/${dimension}`, `users/${dimension}`, ...user.labels.map((label) => `label:${label}`)];
}

/**
 * Resolves the caller the way Appwrite's init hooks do: project first, then the JWT (resolving the user, or
 * 401 `user_jwt_invalid`), then the key. A project key wins over a JWT sent with it: the request runs as the
 * key (Appwrite refuses a key with a session only for account keys, `x-appwrite-user`).
 */
export function resolveCaller(
  headers: AuthHeaders,
  expected: { readonly projectId: string; readonly apiKey: string },
  jwts: JwtRegistry,
): Caller {
  // An unknown project ID is 404 project_not_found (general.php loads the project from the header). A missing
  // header selects the console project in Appwrite, where a project key is unknown: answered the same way here.
  if (headers.project !== expected.projectId) throw new ApiError('project_not_found', PROJECT_NOT_FOUND, 404);
  let user: JwtUser | undefined;
  if (headers.jwt !== null) {
    user = jwts.lookup(headers.jwt);
    if (user === undefined) throw jwtInvalid(headers.jwt);
  }
  if (headers.key !== null) {
    if (headers.key !== expected.apiKey) throw userUnauthorized();
    return { kind: 'key' };
  }
  if (user !== undefined) return { kind: 'user', userId: user.userId, email: user.email, roles: userRoles(user) };
  return { kind: 'guest', roles: ['any', 'guests'] };
}

/** Label of the caller in Appwrite's scope error (`<email> (role: users) missing scopes (...)`). */
export function describeCaller(caller: Caller): string {
  if (caller.kind === 'key') return 'API key';
  if (caller.kind === 'guest') return 'User (role: guests)';
  return `${caller.email ?? 'User'} (role: users)`;
}
