import { MigrationError, SchemaDriftError, ServerORM, defineTable } from 'appwrite-orm/server';
import { orders, products, shop } from './shop-schema.js';

/** Where Appwrite is; in your project, from the environment. */
export interface Connection {
  readonly endpoint: string;
  readonly projectId: string;
  readonly apiKey: string;
  readonly databaseId: string;
}

// 1. Development: let `init` bring Appwrite to the declaration.
export async function startShop(connection: Connection) {
  const orm = new ServerORM({ ...connection, autoMigrate: true });
  const db = await orm.init(shop); // creates the database, the tables, their columns and indexes
  await db.table('products').create({ name: 'Pen', price: 2, tags: ['office'] });
  return db;
}

// Version 2 of the products table: one new column and index, one column widened.
export const productsV2 = defineTable({
  ...products,
  schema: { ...products.schema, name: { type: 'string', required: true, size: 500 }, sku: { type: 'string', size: 32 } },
  indexes: [...products.indexes, { key: 'by_sku', type: 'unique', attributes: ['sku'] }],
});

// 2. Preview: what would a migration do? Nothing is written.
export async function previewV2(connection: Connection): Promise<string> {
  const plan = await new ServerORM(connection).plan([productsV2, orders]);
  return plan.text;
  // + column products.sku (string(32))
  // ~ column products.name: size 255 -> 500
  // + index products.by_sku (unique(sku))
}

// 3. Production: never migrate on start-up; fail fast if someone forgot to.
export async function startInProduction(connection: Connection): Promise<string[]> {
  try {
    await new ServerORM(connection).init([productsV2, orders]); // autoValidate is on when autoMigrate is off
    return [];
  } catch (error) {
    if (error instanceof SchemaDriftError) return [...error.differences];
    throw error;
  }
}

// 4. A deploy step (or `npx appwrite-orm migrate`) applies it, printing progress per table.
export async function migrateV2(connection: Connection): Promise<string[]> {
  const lines: string[] = [];
  await new ServerORM(connection).migrate([productsV2, orders], {
    onProgress: (event) => {
      if (event.type === 'step') lines.push(event.line);
    },
  });
  return lines;
}

// 5. A change that loses data is refused unless you opt in.
export async function retypeQuantity(connection: Connection, allowDestructive: boolean): Promise<readonly string[]> {
  const ordersV2 = defineTable({ ...orders, schema: { ...orders.schema, quantity: { type: 'float', required: true, min: 0 } } });
  try {
    await new ServerORM({ ...connection, migrate: { allowDestructive } }).migrate([productsV2, ordersV2]);
    return [];
  } catch (error) {
    if (error instanceof MigrationError) return error.refused;
    throw error;
  }
}
