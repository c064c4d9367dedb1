import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { runInCacheContext } from '../cache/request-context.js';

/** Options of {@link cacheStatus}. */
export interface CacheStatusOptions {
  /**
   * Name of the header carrying HIT, MISS, BYPASS or STALE.
   * @default 'X-Cache-Status'
   */
  readonly statusHeader?: string;
  /**
   * Name of the header listing the tables read (comma-separated, each once); `false` leaves it out.
   * @default 'X-Cache-Table'
   */
  readonly tableHeader?: string | false;
}

const tracked = new WeakSet<ServerResponse>();

/**
 * Express middleware that reports, per request, how the cache served it. Every cached read made while the
 * request is handled is recorded in a request-scoped context (concurrent requests never mix their reads),
 * and the response carries `X-Cache-Status`: `HIT` when every read was served from the cache, `MISS` when
 * at least one read went to Appwrite, `BYPASS` when nothing was read through the cache (no read, or only
 * `cache: false` reads); and `X-Cache-Table`: the tables read, comma-separated, each once.
 * The headers are set when the response headers are sent: with a streaming response, they reflect the
 * reads made before the first byte went out.
 *
 * @example
 * ```ts
 * const app = express();
 * app.use(cacheStatus());
 * app.get('/products', async (_req, res) => { res.json(await db.table('products').all()); });
 * // first call: X-Cache-Status: MISS, X-Cache-Table: products; second call: HIT
 * ```
 */
export function cacheStatus(options: CacheStatusOptions = {}): RequestHandler {
  const statusHeader = options.statusHeader ?? 'X-Cache-Status';
  const tableHeader = options.tableHeader ?? 'X-Cache-Table';
  return (_req, res, next) => {
    // Mounted twice (app and router): the outer context already covers the request.
    if (tracked.has(res)) {
      next();
      return;
    }
    tracked.add(res);
    runInCacheContext((context) => {
      beforeHeaders(res, () => {
        res.setHeader(statusHeader, context.status());
        const tables = new Set(context.reads.map((read) => read.table));
        if (tableHeader !== false && tables.size > 0) res.setHeader(tableHeader, [...tables].join(', '));
      });
      next();
    });
  };
}

/**
 * Calls `listener` once, just before the status line and headers are written. Every path that sends
 * headers (res.send, res.end, res.write, res.flushHeaders, an explicit writeHead) goes through writeHead,
 * so wrapping it on this response object sees them all without a dependency.
 */
function beforeHeaders(res: ServerResponse, listener: () => void): void {
  const writeHead = res.writeHead.bind(res);
  let fired = false;
  res.writeHead = ((...args: Parameters<typeof writeHead>) => {
    if (!fired) {
      fired = true;
      listener();
    }
    return writeHead(...args);
  }) as ServerResponse['writeHead'];
}
