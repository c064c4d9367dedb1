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
 * client.setJWT(emu.createJwt('alice', { labels: ['vip'] }));   // roles: any, users, user:alice, label:vip
 * ```
 */
export interface JwtOptions {
  /** Labels of the user: each grants the role `label:<label>`. */
  readonly labels?: readonly string[];
  /** Shown in scope errors, as Appwrite shows the user's email. */
  readonly email?: string;
}

interface JwtUser {
  readonly userId: string;
  readonly labels: readonly string[];
  readonly email: string | undefined;
}

/** Tokens the emulator accepts in `X-Appwrite-JWT`, each bound to a user. */
export class JwtRegistry {
  private readonly tokens = new Map<string, JwtUser>();

  issue(userId: string, options: JwtOptions = {}): string {
    const token = `emulator.${Buffer.from(userId).toString('base64url')}.${randomBytes(18).toString('base64url')}`;
    this.tokens.set(token, { userId, labels: [...(options.labels ?? [])], email: options.email });
    return token;
  }

  lookup(token: string): JwtUser | undefined {
    return this.tokens.get(token);
  }

  clear(): void {
    this.tokens.clear();
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
const KEY_AND_SESSION =
  'API key and session used in the same request. Use either `setSession` or `setKey`. Learn about which authentication method to use in the SSR docs: https://appwrite.io/docs/products/auth/server-side-rendering';
const JWT_INVALID =
  'The JWT token is invalid. Please check the value of the X-Appwrite-JWT header to ensure the correct token is being used.';

/**
 * Resolves the caller the way Appwrite's init hooks do: project first, then the JWT (resolving the user),
 * then the key/session clash, then the key itself.
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
    if (user === undefined) throw new ApiError('user_jwt_invalid', JWT_INVALID, 401);
  }
  if (headers.key !== null) {
    if (user !== undefined) throw new ApiError('user_api_key_and_session_set', KEY_AND_SESSION, 403);
    if (headers.key !== expected.apiKey) throw userUnauthorized();
    return { kind: 'key' };
  }
  if (user !== undefined) {
    const roles = ['any', 'users', `user:${user.userId}`, ...user.labels.map((label) => `label:${label}`)];
    return { kind: 'user', userId: user.userId, email: user.email, roles };
  }
  return { kind: 'guest', roles: ['any', 'guests'] };
}

/** Label of the caller in Appwrite's scope error (`<email> (role: users) missing scopes (...)`). */
export function describeCaller(caller: Caller): string {
  if (caller.kind === 'key') return 'API key';
  if (caller.kind === 'guest') return 'User (role: guests)';
  return `${caller.email ?? 'User'} (role: users)`;
}
