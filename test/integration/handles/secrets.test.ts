import { format, inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createWarmer } from '../../../src/warming/cache-warmer.js';
import { RedisBridge } from '../../../src/bridge/redis-bridge.js';
import { ConfigError } from '../../../src/errors/config-error.js';
import { createAppwriteClient } from '../../../src/appwrite/appwrite-client.js';
import { MigrationGateway } from '../../../src/appwrite/migration-gateway.js';
import { ServerORM } from '../../../src/server/server-orm.js';
import { TablesDB } from 'node-appwrite';
import { tables, useHandlesFixture } from './handles-fixture.js';
import { itLocal } from '../../helpers/appwrite-target.js';
import { queryCacheOf } from '../../../src/server/database-impl.js';

const fx = useHandlesFixture({ seedRows: 1 });

/** Every way a value commonly ends up as text: inspect (also with hidden and getters), console/logger formats, JSON, String. */
function renderings(value: unknown): string[] {
  const out = [
    inspect(value),
    inspect(value, { showHidden: true, depth: Infinity, getters: true }),
    format('%o', value),
    format('%O', value),
    format('%s', value),
    String(value),
  ];
  try {
    out.push(JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item)) ?? '');
  } catch (error) {
    out.push((error as Error).message);
  }
  if (value instanceof Error) out.push(value.stack ?? '', inspect(value.cause, { showHidden: true, depth: Infinity }));
  return out;
}

function expectHidden(name: string, value: unknown, secrets: readonly string[]): void {
  for (const text of renderings(value)) {
    for (const secret of secrets) expect(text.includes(secret), `${name} rendered a secret: ${text.slice(0, 300)}`).toBe(false);
  }
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => undefined, (error: unknown) => error);
}

describe('no public object renders the API key or a JWT', () => {
  it('the ORM, its config, databases, views, handles, clients, the gateway, the bridge and the warmer', async () => {
    const apiKey = fx.emu.apiKey;
    // Rendering needs no valid token (nothing here is sent): a JWT-shaped string works on any server.
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiJhbGljZSJ9.c2lnbmF0dXJlLW9mLWFsaWNl';
    const secrets = [apiKey, jwt];
    const orm = new ServerORM({
      endpoint: fx.emu.endpoint, projectId: fx.emu.projectId, apiKey, databaseId: 'shop', autoValidate: false,
      cache: { redis: 'redis://127.0.0.1:6379' },
    });
    const db = await orm.init(tables);
    const view = db.as({ jwt });
    const bridge = new RedisBridge({
      cache: queryCacheOf(db), redis: 'redis://127.0.0.1:6379', channel: 'secrets-test', instanceId: 'one', databaseId: 'shop', logger: { warn: () => undefined },
    });
    const warmer = createWarmer(db, { every: 3_600_000, tasks: [{ name: 'all', run: (current) => current.table('products').all() }] });
    const client = createAppwriteClient({ endpoint: fx.emu.endpoint, projectId: fx.emu.projectId, credentials: { apiKey } });
    const objects: Record<string, unknown> = {
      orm, config: orm.config, db, view, handle: db.table('products'), viewHandle: view.table('notes'), bridge, warmer,
      client, userClient: createAppwriteClient({ endpoint: fx.emu.endpoint, projectId: fx.emu.projectId, credentials: { jwt } }),
      gateway: new MigrationGateway(new TablesDB(client), 'shop'),
    };
    for (const [name, value] of Object.entries(objects)) expectHidden(name, value, secrets);
    await warmer.stop();
    await bridge.close();
    await db.close();
  });

  itLocal('errors, from the key and from a user view', async () => {
    const apiKey = fx.emu.apiKey;
    const jwt = fx.emu.createJwt('bob');
    const products = fx.db.table('products');
    const notes = fx.db.as({ jwt }).table('notes');
    fx.emu.faults.add({ operation: 'listRows', status: 500, times: 10 });
    fx.emu.faults.add({ operation: 'getRow', delayMs: 500, times: 3 });
    const errors: Record<string, unknown> = {
      notFound: await caught(products.update('missing', { price: 1 })),
      validation: await caught(products.create({ name: 'x' } as never)),
      badId: await caught(products.get('..')),
      appwrite: await caught(products.find()),
      timeout: await caught(products.get('p0', { timeoutMs: 20 })),
      userAppwrite: await caught(notes.find()),
      userWrite: await caught(notes.update('missing', { text: 'x' })),
      config: (() => {
        try {
          fx.db.as({ jwt: '' });
          return undefined;
        } catch (error) {
          return error;
        }
      })(),
      configFromOrm: (() => {
        try {
          return new ServerORM({ endpoint: 'nope', projectId: 'p', apiKey, databaseId: 'shop' });
        } catch (error) {
          return error;
        }
      })(),
    };
    expect(errors.config).toBeInstanceOf(ConfigError);
    expect(errors.configFromOrm).toBeInstanceOf(ConfigError);
    for (const [name, error] of Object.entries(errors)) {
      expect(error, name).toBeInstanceOf(Error);
      expectHidden(name, error, [apiKey, jwt]);
    }
  });
});
