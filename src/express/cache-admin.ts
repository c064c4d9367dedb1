import express, { type Request, type Router } from 'express';
import type { Warmer } from '../warming/cache-warmer.js';
import { warm, type WarmReport, type WarmTask } from '../warming/warm-tasks.js';
import { ConfigError } from '../errors/config-error.js';
import type { ExpressDatabase } from './express-database.js';

/** Options of {@link cacheAdmin}. */
export interface CacheAdminOptions<D> {
  /**
   * Decides whether a request may use the router; anything but `true` (or a promise of `true`) is refused
   * with 401, and so is a request for which it throws. Required: there is no open default.
   * {@link bearerToken} builds one for a shared token.
   */
  readonly authorize: (req: Request) => boolean | Promise<boolean>;
  /** What `POST /warm` runs: a set of tasks, or a running warmer. Without it, `POST /warm` answers 404. */
  readonly warm?: readonly WarmTask<D>[] | Warmer;
}

/**
 * A router to look at and operate the cache: `GET /stats`, `GET /l2` (the shared tier's counters and Redis memory), `POST /invalidate/:table` (404 for a table the
 * database does not declare), `POST /invalidate` (every table) and `POST /warm`. Every route answers 401
 * unless `authorize(req)` allows it.
 *
 * @example
 * ```ts
 * app.use('/admin/cache', cacheAdmin(db, { authorize: bearerToken(process.env.ADMIN_TOKEN!), warm: warmer }));
 * // curl -H "Authorization: Bearer $ADMIN_TOKEN" http://localhost:3000/admin/cache/stats
 * ```
 */
export function cacheAdmin<D extends ExpressDatabase>(db: D, options: CacheAdminOptions<D>): Router {
  const authorize: unknown = options?.authorize;
  if (typeof authorize !== 'function') {
    throw new ConfigError('cacheAdmin: an authorize(req) function is required; the admin routes are never left open');
  }
  const router = express.Router();
  router.use((req, res, next) => {
    // Fails closed: an authorize function that throws or rejects refuses the request.
    Promise.resolve()
      .then(() => options.authorize(req))
      .then((allowed) => (allowed === true ? next() : refuse(res)), () => refuse(res))
      .catch(next);
  });
  router.get('/stats', (_req, res) => {
    res.json(db.stats());
  });
  router.get('/l2', (_req, res, next) => {
    // Express 4 does not catch a rejected handler promise: the failure is handed to next() explicitly.
    Promise.resolve(db.l2Report?.()).then((report) => {
      if (report === undefined) res.status(404).json({ message: 'the shared cache tier (cache.l2) is off' });
      else res.json(report);
    }, next);
  });
  router.post('/invalidate', (_req, res) => {
    db.invalidateAll();
    res.json({ invalidated: db.tableIds() });
  });
  router.post('/invalidate/:table', (req, res) => {
    const table = req.params.table;
    if (table === undefined || !db.tableIds().includes(table)) {
      res.status(404).json({ message: `unknown table "${table ?? ''}"` });
      return;
    }
    db.invalidate(table);
    res.json({ invalidated: [table] });
  });
  router.post('/warm', (_req, res, next) => {
    if (options.warm === undefined) {
      res.status(404).json({ message: 'no warm tasks are configured' });
      return;
    }
    // Express 4 does not catch a rejected handler promise: the failure is handed to next() explicitly.
    const run = Array.isArray(options.warm) ? warm(db, options.warm) : (options.warm as Warmer).run();
    run.then((report) => res.json(serializeReport(report)), next);
  });
  return router;
}

function refuse(res: express.Response): void {
  res.status(401).json({ message: 'not authorized' });
}

function serializeReport(report: WarmReport): unknown {
  return {
    ...report,
    tasks: report.tasks.map((task) => (task.ok ? task : { ...task, error: task.error instanceof Error ? task.error.message : String(task.error) })),
  };
}
