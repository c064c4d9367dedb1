import express, { type Router } from 'express';
import type { InsertOf } from 'appwrite-orm/server';
import type { ExampleDatabase } from './app.js';
import type { reviews } from './schema.js';

/**
 * The reviews API: `GET /reviews?product=pen` lists a product's reviews with the product loaded (`with`), a
 * cached read that a write to products or to reviews invalidates; `POST /reviews` links a review by product id.
 */
export function reviewsRouter(db: ExampleDatabase): Router {
  const table = db.table('reviews');
  const router = express.Router();

  router.get('/', async (req, res) => {
    const product = typeof req.query.product === 'string' ? req.query.product : undefined;
    res.json(await table.query(product === undefined ? {} : { product }, { orderBy: '-$createdAt', limit: 100, with: ['product'] }));
  });

  router.post('/', async (req, res) => {
    res.status(201).json(await table.create(req.body as InsertOf<typeof reviews>));
  });

  return router;
}
