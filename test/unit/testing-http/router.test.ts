import { describe, expect, it } from 'vitest';
import { Router } from '../../../src/testing/http/router.js';
import { emulatorRoutes } from '../../../src/testing/http/routes/handlers.js';

const route = (method: string, path: string) => ({ method, path });

describe('Router', () => {
  const declared = [
    route('GET', '/v1/tablesdb/:databaseId'),
    route('GET', '/v1/tablesdb/transactions'),
    route('GET', '/v1/tablesdb/:databaseId/tables/:tableId'),
    route('GET', '/v1/tablesdb/transactions/:transactionId/operations'),
    route('POST', '/v1/tablesdb/:databaseId/tables'),
  ];

  it('tries static segments before params, whatever the declaration order', () => {
    for (const routes of [declared, [...declared].reverse()]) {
      const router = new Router(routes);
      expect(router.match('GET', '/v1/tablesdb/transactions')?.route.path).toBe('/v1/tablesdb/transactions');
      expect(router.match('GET', '/v1/tablesdb/main')).toEqual({ route: declared[0], path: { databaseId: 'main' } });
    }
  });

  it('falls back to a param branch when the static one leads nowhere', () => {
    const router = new Router(declared);
    expect(router.match('GET', '/v1/tablesdb/transactions/tables/posts')?.path).toEqual({ databaseId: 'transactions', tableId: 'posts' });
    expect(router.match('GET', '/v1/tablesdb/main/tables/posts/extra')).toBeUndefined();
  });

  it('matches by method, decodes params and accepts one trailing slash', () => {
    const router = new Router(declared);
    expect(router.match('POST', '/v1/tablesdb/transactions/tables')?.path).toEqual({ databaseId: 'transactions' });
    expect(router.match('DELETE', '/v1/tablesdb/main')).toBeUndefined();
    expect(router.match('GET', '/v1/tablesdb/a%20b/')?.path).toEqual({ databaseId: 'a b' });
    expect(router.match('GET', '/v1/tablesdb/%E9')?.path).toEqual({ databaseId: '%E9' });
    expect(router.match('GET', '/v1/tablesdb//tables/x')).toBeUndefined();
  });

  it('refuses two routes for the same method and path', () => {
    expect(() => new Router([route('GET', '/v1/x/:a'), route('GET', '/v1/x/:b')])).toThrow('Two routes for GET /v1/x/:b');
  });

  it('compiles every emulator route', () => {
    const router = new Router(emulatorRoutes());
    expect(router.match('GET', '/v1/tablesdb/main/tables/posts/rows/r1')?.route.operation).toBe('getRow');
    expect(router.match('POST', '/v1/tablesdb/transactions')?.route.operation).toBe('createTransaction');
    expect(router.match('GET', '/v1/tablesdb/transactions/tx1')?.route.operation).toBe('getTransaction');
  });
});
