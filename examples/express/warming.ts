import type { WarmTask } from 'appwrite-orm/server';
import type { ExampleDatabase } from './app.js';
import { listProducts } from './products-routes.js';

/** The categories the storefront links to: their listings are worth keeping warm. */
const HOT_CATEGORIES = ['office', 'kitchen', 'home'];

/** The hot queries of the example, read exactly as the routes read them so that they share cache entries. */
export const warmTasks: readonly WarmTask<ExampleDatabase>[] = [
  { name: 'products', tables: ['products'], run: (db) => listProducts(db) },
  ...HOT_CATEGORIES.map((category) => ({
    name: `products?category=${category}`,
    tables: ['products'],
    run: (db: ExampleDatabase) => listProducts(db, category),
  })),
];
