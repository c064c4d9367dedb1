import type { ExampleDatabase } from './app.js';

/** Sample rows for the example; their ids are stable so the printed URLs work. */
export const sampleProducts = [
  { $id: 'pen', name: 'Fountain pen', category: 'office', price: 24.5, stock: 40 },
  { $id: 'notebook', name: 'Dot grid notebook', category: 'office', price: 12, stock: 120 },
  { $id: 'stapler', name: 'Stapler', category: 'office', price: 9.9, stock: 35 },
  { $id: 'mug', name: 'Enamel mug', category: 'kitchen', price: 14, stock: 60 },
  { $id: 'kettle', name: 'Gooseneck kettle', category: 'kitchen', price: 59, stock: 12 },
  { $id: 'lamp', name: 'Desk lamp', category: 'home', price: 45, stock: 20 },
  { $id: 'plant', name: 'Snake plant', category: 'home', price: 18, stock: 0 },
] as const;

/** Writes the sample products (created or replaced), in one bulk call. */
export async function seed(db: ExampleDatabase): Promise<number> {
  await db.table('products').bulkUpsert(sampleProducts);
  return sampleProducts.length;
}
