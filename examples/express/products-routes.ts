import express, { type Router } from 'express';
import type { InsertOf, UpdateOf } from 'appwrite-orm/server';
import type { ExampleDatabase } from './app.js';
import type { products } from './schema.js';
import { sellRoute } from './sell-route.js';

type NewProduct = InsertOf<typeof products>;
type ProductChanges = UpdateOf<typeof products>;

/**
 * The hot query of the example, shared by the route and the warmer so that both use the same cache entry:
 * every product, or those of one category, ordered by name.
 */
export function listProducts(db: ExampleDatabase, category?: string) {
  return db.table('products').query(category === undefined ? {} : { category }, { orderBy: 'name', limit: 100 });
}

/** The products API. Request bodies go to the ORM as they are: it validates them against the schema. */
export function productsRouter(db: ExampleDatabase): Router {
  const products = db.table('products');
  const router = express.Router();

  router.get('/', async (req, res) => {
    const category = typeof req.query.category === 'string' ? req.query.category : undefined;
    res.json(await listProducts(db, category));
  });

  router.get('/:id', async (req, res) => {
    res.json(await products.getOrFail(req.params.id));
  });

  router.post('/', async (req, res) => {
    res.status(201).json(await products.create(req.body as NewProduct));
  });

  router.post('/bulk', async (req, res) => {
    if (!Array.isArray(req.body)) {
      res.status(400).json({ error: { code: 'E_VALIDATION', message: 'expected a JSON array of products' } });
      return;
    }
    res.status(201).json(await products.bulkCreate(req.body as NewProduct[]));
  });

  router.post('/:id/sell', sellRoute(db));

  router.patch('/:id', async (req, res) => {
    res.json(await products.update(req.params.id, req.body as ProductChanges));
  });

  router.delete('/:id', async (req, res) => {
    await products.delete(req.params.id);
    res.status(204).end();
  });

  return router;
}
