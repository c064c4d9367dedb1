// What a reader of the TSDoc examples in src/ is assumed to have in scope: a few declared tables, the
// database opened on them, a handle per table, an Express app. Only the example checker loads this file.
import type { Express, Request, Response } from 'express';
import type { Tracer } from '@opentelemetry/api';
import type { Client as AppwriteClient } from 'node-appwrite';
import {
  defineTable, type BulkCreateRow, type Database, type ServerORM, type ServerORMConfig, type Transaction, type OrmLogger,
} from '../../src/server/index.js';
import type { Warmer } from '../../src/server/index.js';
import type { AppwriteEmulator } from '../../src/testing/index.js';

const productsDefinition = defineTable({
  name: 'products',
  schema: {
    name: { type: 'string', required: true, size: 128 },
    price: { type: 'float', min: 0 },
    category: { type: 'string', size: 64 },
    stock: { type: 'integer', min: 0 },
    tags: { type: 'string', size: 32, array: true },
    featured: { type: 'boolean' },
    publishedAt: { type: 'datetime' },
    saleEndsAt: { type: 'datetime' },
  },
});
const authorsDefinition = defineTable({ name: 'authors', schema: { name: { type: 'string', required: true, size: 128 } } });
const postsDefinition = defineTable({
  name: 'posts',
  schema: {
    title: { type: 'string', required: true, size: 256 },
    status: { type: 'enum', enum: ['draft', 'live'] },
    views: { type: 'integer' },
    author: { type: 'relationship', table: 'authors', relation: 'manyToOne' },
  },
});
const ordersDefinition = defineTable({
  name: 'orders',
  schema: { sku: { type: 'string', size: 36 }, qty: { type: 'integer' }, total: { type: 'float' }, status: { type: 'enum', enum: ['open', 'paid', 'cancelled'] } },
});
const stockDefinition = defineTable({ name: 'stock', schema: { sku: { type: 'string', size: 36 }, count: { type: 'integer', min: 0 } } });
const usersDefinition = defineTable({ name: 'users', schema: { email: { type: 'email', required: true }, name: { type: 'string', size: 128 }, role: { type: 'string', size: 16 } } });
const preferencesDefinition = defineTable({ name: 'preferences', schema: { user: { type: 'string', size: 36 }, theme: { type: 'string', size: 16 } } });
const guildSettingsDefinition = defineTable({ name: 'guildSettings', schema: { prefix: { type: 'string', size: 8 }, locale: { type: 'string', size: 8 } } });
const notesDefinition = defineTable({ name: 'notes', schema: { text: { type: 'string', size: 1024 } } });
const allTables = [
  productsDefinition, authorsDefinition, postsDefinition, ordersDefinition, stockDefinition, usersDefinition, preferencesDefinition, guildSettingsDefinition,
  notesDefinition,
] as const;
type Tables = typeof allTables;

declare global {
  const endpoint: string;
  const projectId: string;
  const databaseId: string;
  const apiKey: string;
  const secret: string;
  const url: string;
  const userId: string;
  const guildId: string;
  const rawBody: string;
  const tables: Tables;
  const orm: ServerORM;
  const db: Database<Tables>;
  const tx: Transaction<Tables>;
  const products: ReturnType<typeof db.table<'products'>>;
  const posts: ReturnType<typeof db.table<'posts'>>;
  const authors: ReturnType<typeof db.table<'authors'>>;
  const orders: ReturnType<typeof db.table<'orders'>>;
  const users: ReturnType<typeof db.table<'users'>>;
  const preferences: ReturnType<typeof db.table<'preferences'>>;
  const guildSettings: ReturnType<typeof db.table<'guildSettings'>>;
  const productsTable: typeof productsDefinition;
  const ordersTable: typeof ordersDefinition;
  const client: AppwriteClient;
  const emu: AppwriteEmulator;
  const app: Express;
  const req: Request;
  const res: Response;
  const warmer: Warmer;
  const tracer: Tracer;
  const log: OrmLogger;
  const settings: ServerORMConfig;
  const rows: BulkCreateRow<typeof productsDefinition>[];
  const metrics: { increment(name: string, labels?: Readonly<Record<string, string | number | boolean>>): void };
}
