import type { RequestHandler } from 'express';
import { ConflictError, NotFoundError, ValidationError } from 'appwrite-orm/server';
import type { ExampleDatabase } from './app.js';

/**
 * `POST /products/:id/sell` with `{ qty }`: checks the stock and takes `qty` from it in one transaction, then
 * answers the product as committed (read past the cache). A `qty` that is not a whole number > 0 is a 400, a product without enough
 * stock a 409; the commit invalidates the cached products, so the next read shows the new stock.
 *
 * @example
 * router.post('/:id/sell', sellRoute(db));
 * // curl -X POST localhost:3000/products/pen/sell -H 'content-type: application/json' -d '{"qty":2}'
 */
export function sellRoute(db: ExampleDatabase): RequestHandler<{ id: string }> {
  return async (req, res) => {
    const id = req.params.id;
    const qty: unknown = (req.body as { qty?: unknown } | undefined)?.qty;
    if (typeof qty !== 'number' || !Number.isInteger(qty) || qty <= 0) {
      throw new ValidationError('products', [{ field: 'qty', reason: `must be a whole number > 0, got ${JSON.stringify(qty) ?? 'nothing'}` }]);
    }
    await db.transaction(async (tx) => {
      const product = await tx.table('products').get(id);
      if (product === null) throw new NotFoundError('products', { rowId: id });
      const stock = product.stock ?? 0;
      if (stock < qty) {
        throw new ConflictError('products', id, 'insufficient_stock', `only ${stock} in stock, cannot sell ${qty}`);
      }
      await tx.table('products').decrement(id, 'stock', qty, { min: 0 });
    });
    // Read past the cache so that this answer does not refill it: the next GET finds the entry gone.
    res.json(await db.table('products').getOrFail(id, { cache: false }));
  };
}
