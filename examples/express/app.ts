import express, { type Express } from 'express';
import type { Database, Warmer } from 'appwrite-orm/server';
import { appwriteWebhook, bearerToken, cacheAdmin, cacheStatus } from 'appwrite-orm/express';
import { jsonErrorHandler } from './error-handler.js';
import { productsRouter } from './products-routes.js';
import { reviewsRouter } from './reviews-routes.js';
import type { tables } from './schema.js';

/** The database of the example, as `orm.init(tables)` returns it. */
export type ExampleDatabase = Database<typeof tables>;

/** What the app needs besides the database. */
export interface ExampleAppOptions {
  /** Bearer token of the cache admin routes. */
  readonly adminToken: string;
  /** Signature key of the Appwrite webhook; without it, the webhook route is not mounted. */
  readonly webhookSecret?: string;
  /** The webhook URL as configured in Appwrite, when the app sits behind a proxy. */
  readonly webhookUrl?: string;
  /** What `POST /admin/cache/warm` runs. */
  readonly warmer?: Warmer;
}

/**
 * The products API: `cacheStatus()` on every route, the admin router under `/admin/cache`, and the
 * Appwrite webhook under `/webhooks/appwrite`, mounted before `express.json()` because it verifies the raw body.
 */
export function createApp(db: ExampleDatabase, options: ExampleAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  if (options.webhookSecret !== undefined) {
    app.use('/webhooks/appwrite', appwriteWebhook(db, { secret: options.webhookSecret, url: options.webhookUrl }));
  }
  app.use(express.json());
  app.use(cacheStatus());
  app.use('/admin/cache', cacheAdmin(db, { authorize: bearerToken(options.adminToken), warm: options.warmer }));
  app.use('/products', productsRouter(db));
  app.use('/reviews', reviewsRouter(db));
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'E_NOT_FOUND', message: 'no such route' } });
  });
  app.use(jsonErrorHandler);
  return app;
}
