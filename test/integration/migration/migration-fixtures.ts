import { ServerORM } from '../../../src/server/server-orm.js';
import type { ServerORMConfig } from '../../../src/server/config.js';
import type { TableDefinition } from '../../../src/schema/table-definition.js';
import type { AppwriteEmulator } from '../../../src/testing/index.js';

export const DATABASE = 'shop';

export const products = {
  name: 'products',
  schema: {
    name: { type: 'string', required: true, size: 128 },
    price: { type: 'float', required: true, min: 0 },
    stock: { type: 'integer', min: 0, default: 0 },
    tags: { type: 'string', array: true, size: 32 },
    status: { type: 'enum', enum: ['draft', 'live'], default: 'draft' },
    publishedAt: { type: 'datetime', default: '2024-01-01T00:00:00.000Z' },
    active: { type: 'boolean', default: true },
    contact: { type: 'email' },
    homepage: { type: 'url' },
    lastIp: { type: 'ip' },
  },
  indexes: [{ key: 'by_status', type: 'key', attributes: ['status', 'price'], orders: ['asc', 'desc'] }],
  permissions: ['read("any")', 'write("users")'],
} as const satisfies TableDefinition;

export const orders = {
  name: 'orders',
  schema: { total: { type: 'float', required: true }, note: { type: 'string', size: 64 } },
} as const satisfies TableDefinition;

/** `count` tables of `columns` columns each (string, integer, float, boolean, datetime in turn). */
export function manyTables(count: number, columns = 10): TableDefinition[] {
  const types = [{ type: 'string', size: 64 }, { type: 'integer' }, { type: 'float' }, { type: 'boolean' }, { type: 'datetime' }] as const;
  return Array.from({ length: count }, (_, table) => ({
    name: `t${table}`,
    schema: Object.fromEntries(Array.from({ length: columns }, (_, column) => [`c${column}`, types[column % types.length] ?? { type: 'string' }])),
    indexes: [{ key: 'by_c0', type: 'key', attributes: ['c0'] }],
  }));
}

/** An ORM on the emulator; autoMigrate unless overridden. */
export function ormFor(emu: AppwriteEmulator, config: Partial<ServerORMConfig> = {}): ServerORM {
  return new ServerORM({ endpoint: emu.endpoint, projectId: emu.projectId, apiKey: emu.apiKey, databaseId: DATABASE, autoMigrate: true, cache: false, ...config });
}

/** Operations of the logged requests that change something (not GETs). */
export function writes(emu: AppwriteEmulator): string[] {
  return emu.requests.list().filter((entry) => entry.method !== 'GET').map((entry) => `${entry.operation} ${entry.status}`);
}
