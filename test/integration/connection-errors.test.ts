import { describe, expect, it } from 'vitest';
import { ConnectionError, ServerORM, type ServerORMConfig } from '../../src/server/index.js';
import { freePort } from '../helpers/redis-server.js';

const API_KEY = 'standard_secret-key-never-shown';
const products = { name: 'products', schema: { name: { type: 'string', required: true, size: 64 } } } as const;

/** A config whose endpoint nothing answers: a loopback port just closed, or a host under `.invalid`. */
function config(endpoint: string, extra: Partial<ServerORMConfig> = {}): ServerORMConfig {
  return { endpoint, projectId: 'shop', databaseId: 'blog', apiKey: API_KEY, retry: { attempts: 1 }, ...extra };
}

async function closedEndpoint(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}/v1`;
}

async function failure(promise: Promise<unknown>): Promise<ConnectionError> {
  const error: unknown = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ConnectionError);
  const connection = error as ConnectionError;
  expect(connection.message).not.toContain(API_KEY);
  return connection;
}

describe('Appwrite out of reach', () => {
  it('init() without autoMigrate names the endpoint, what it was reading and ECONNREFUSED, and no migration', async () => {
    const endpoint = await closedEndpoint();
    const error = await failure(new ServerORM(config(endpoint)).init([products]));
    expect(error).toMatchObject({ code: 'E_CONNECTION', status: 0, type: 'network_error', endpoint, osCode: 'ECONNREFUSED', retryable: true });
    expect(error.message).toMatch(new RegExp(`^Could not reach Appwrite at ${endpoint.replace(/[.]/g, '\\.')} while trying to read the tables of database blog \\(ECONNREFUSED\\): connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+\\. Check the endpoint`));
    expect(error.message).not.toMatch(/migrat/i);
    expect(error.name).toBe('ConnectionError');
  });

  it('init() with autoMigrate fails with the same ConnectionError, not a MigrationError', async () => {
    const endpoint = await closedEndpoint();
    const error = await failure(new ServerORM(config(endpoint, { autoMigrate: true })).init([products]));
    expect(error.osCode).toBe('ECONNREFUSED');
    expect(error.message).toContain('while trying to read the tables of database blog');
  });

  it('a read names the table and the operation, after its retries', async () => {
    const endpoint = await closedEndpoint();
    const db = await new ServerORM(config(endpoint, { autoValidate: false, retry: { attempts: 2, baseDelayMs: 0, maxDelayMs: 0 } })).init([products]);
    const error = await failure(db.table('products').find());
    expect(error.message).toContain(`Could not reach Appwrite at ${endpoint} while listing rows in table "products" (ECONNREFUSED)`);
    expect(error.context).toEqual({ table: 'products' });
    const write = await failure(db.table('products').update('pen', { name: 'Pen' }));
    expect(write.message).toContain('while updating row "pen" in table "products" (ECONNREFUSED)');
    await db.close();
  });

  it('an unresolvable host name is named with the resolver error', async () => {
    const endpoint = 'http://appwrite-orm-test.invalid/v1';
    const error = await failure(new ServerORM(config(endpoint)).init([products]));
    expect(error.endpoint).toBe(endpoint);
    // ENOTFOUND from a resolver that answers; EAI_AGAIN where no resolver is reachable.
    expect(error.osCode).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
    expect(error.message).toContain(`Could not reach Appwrite at ${endpoint} while trying to read the tables of database blog (${error.osCode ?? ''}): getaddrinfo ${error.osCode ?? ''} appwrite-orm-test.invalid`);
  });
});
