import { createWarmer, type Warmer } from '../../../src/warming/cache-warmer.js';
import { ServerORM } from '../../../src/server/server-orm.js';
import { startAppwriteEmulator, type AppwriteEmulator } from '../../../src/testing/index.js';
import { createApp, type ExampleDatabase } from '../../../examples/express/app.js';
import { tables } from '../../../examples/express/schema.js';
import { seed } from '../../../examples/express/seed.js';
import { warmTasks } from '../../../examples/express/warming.js';
import { listen } from './listen.js';

export const ADMIN_TOKEN = 'admin-token-for-tests';
export const WEBHOOK_SECRET = 'webhook-secret-for-tests';
export const DATABASE_ID = 'shop';

/** The example app on a fresh emulator, seeded, listening on a free loopback port. */
export interface ExampleFixture {
  readonly emu: AppwriteEmulator;
  readonly db: ExampleDatabase;
  readonly warmer: Warmer | undefined;
  readonly url: string;
  /** GET/POST... against the app. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** Authorization header of the admin routes. */
  readonly admin: { readonly authorization: string };
  close(): Promise<void>;
}

/** Starts the example; with `warm: true` a warmer (every hour) runs the example's warm tasks first. */
export async function startExample(options: { warm?: boolean; cache?: boolean } = {}): Promise<ExampleFixture> {
  const emu = await startAppwriteEmulator({ columnDelayMs: 0, indexDelayMs: 0 });
  const orm = new ServerORM({
    endpoint: emu.endpoint,
    projectId: emu.projectId,
    apiKey: emu.apiKey,
    databaseId: DATABASE_ID,
    autoMigrate: true,
    cache: options.cache === false ? false : {},
  });
  const db = await orm.init(tables);
  await seed(db);
  const warmer = options.warm === true ? createWarmer(db, { every: 3_600_000, tasks: warmTasks }) : undefined;
  await warmer?.ready;
  const server = await listen(createApp(db, { adminToken: ADMIN_TOKEN, webhookSecret: WEBHOOK_SECRET, warmer }));
  return {
    emu,
    db,
    warmer,
    url: server.url,
    request: (path, init) => fetch(`${server.url}${path}`, init),
    admin: { authorization: `Bearer ${ADMIN_TOKEN}` },
    async close() {
      await server.close();
      await warmer?.stop();
      await db.close();
      await emu.close();
    },
  };
}

/** The cache headers of a response, as [X-Cache-Status, X-Cache-Table]. */
export function cacheHeaders(response: Response): [string | null, string | null] {
  return [response.headers.get('x-cache-status'), response.headers.get('x-cache-table')];
}

/** A JSON request body with its content type. */
export function json(method: string, body: unknown): RequestInit {
  return { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

