import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { ConfigError } from '../errors/config-error.js';

/**
 * An `authorize` function for {@link cacheAdmin} that accepts requests carrying
 * `Authorization: Bearer <token>`, compared in constant time.
 *
 * @example
 * ```ts
 * app.use('/admin/cache', cacheAdmin(db, { authorize: bearerToken(process.env.ADMIN_TOKEN!) }));
 * // curl -X POST -H "Authorization: Bearer $ADMIN_TOKEN" http://localhost:3000/admin/cache/invalidate
 * ```
 */
export function bearerToken(token: string): (req: Request) => boolean {
  if (typeof token !== 'string' || token.length === 0) {
    throw new ConfigError('bearerToken: the admin token must be a non-empty string');
  }
  const expected = sha256(token);
  return (req) => {
    const match = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
    // Hashing both sides gives equal-length buffers, so the comparison time says nothing about the token.
    return match?.[1] !== undefined && timingSafeEqual(sha256(match[1].trim()), expected);
  };
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
