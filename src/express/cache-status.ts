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
  /**
   * Name of the header listing the cache tiers that answered reads (`l1` this process's memory, `l2` the shared
   * tier in Redis; comma-separated, `l1` first; left out when no read was answered from the cache); `false`
   * leaves it out.
   * @default 'X-Cache-Tier'
   */
  readonly tierHeader?: string | false;
}

const tracked = new WeakSet<ServerResponse>();

/**
 * Express middleware that reports, per request, how the cache served it. Every cached read made while the
 * request is handled is recorded in a request-scoped context (concurrent requests never mix their reads),
 * and the response carries `X-Cache-Status`, by precedence: `STALE` when some read was answered with an
 * expired entry because Appwrite failed (`cache.grace`), `MISS` when at least one read went to Appwrite,
 * `HIT` when every read was served from the cache (this process's memory or the shared tier), `BYPASS` when
 * nothing was read through the cache (no read, or only `cache: false` reads); `X-Cache-Tier`: the tiers that
 * answered from the cache (`l1`, `l2` or `l1, l2`); and `X-Cache-Table`: the tables read, comma-separated, each once.
 * The headers are set when the response headers are sent: with a streaming response, they reflect the
 * reads made before the first byte went out.
 *
 * @example
 * ```ts
 * const app = express();
 * app.use(cacheStatus());
 * app.get('/products', async (_req, res) => { res.json(await db.table('products').all()); });
 * // first call: X-Cache-Status: MISS, X-Cache-Table: products; second call: HIT, X-Cache-Tier: l1
 * // (X-Cache-Tier: l2 when another instance had put the result in the shared tier)
 * ```
 */
export function cacheStatus(options: CacheStatusOptions = {}): RequestHandler {
  const statusHeader = options.statusHeader ?? 'X-Cache-Status';
  const tableHeader = options.tableHeader ?? 'X-Cache-Table';
  const tierHeader = options.tierHeader ?? 'X-Cache-Tier';
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
        const tiers = tierHeader === false ? [] : context.tiers();
        if (tierHeader !== false && tiers.length > 0) res.setHeader(tierHeader, tiers.join(', '));
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
