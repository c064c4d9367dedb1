/**
 * One application instance for the bridge's child-process tests: opens the database on the emulator
 * with the Redis bridge on, then obeys JSON commands read line by line on stdin and answers on stdout.
 * Events (cache invalidations, log lines) are written to stdout as they happen.
 *
 * env: ENDPOINT, PROJECT_ID, API_KEY, DATABASE_ID, REDIS_URL, INSTANCE_ID
 * in:  {"id":1,"op":"all"} | {"id":2,"op":"create","name":"Pen","price":2} | {"id":3,"op":"isUpdated"}
 *      | {"id":4,"op":"bridgeStats"} | {"id":5,"op":"close"}
 * out: {"id":1,"result":...} | {"id":1,"error":"..."} | {"event":"invalidate","table":"products","origin":"remote"} | {"event":"warn","message":"..."}
 */
import { createInterface } from 'node:readline';
import { ServerORM } from '../../src/server/server-orm.js';
import { emit, env, eventLogger } from './child-protocol.js';
import { bridgeTables } from './bridge-tables.js';

type Command = { id: number; op: 'all' | 'create' | 'isUpdated' | 'bridgeStats' | 'close'; name?: string; price?: number };


const orm = new ServerORM({
  endpoint: env('ENDPOINT'),
  projectId: env('PROJECT_ID'),
  apiKey: env('API_KEY'),
  databaseId: env('DATABASE_ID'),
  autoValidate: false,
  cache: { redis: env('REDIS_URL'), instanceId: env('INSTANCE_ID') },
  logger: eventLogger,
});
const db = await orm.init(bridgeTables);
const products = db.table('products');
db.on('invalidate', ({ table, origin }) => emit({ event: 'invalidate', table, origin }));

async function run(command: Command): Promise<unknown> {
  switch (command.op) {
    case 'all':
      return (await products.all()).map((row) => row.name).sort();
    case 'create':
      return (await products.create({ name: command.name ?? 'unnamed', price: command.price ?? 1 })).$id;
    case 'isUpdated':
      return products.isUpdated();
    case 'bridgeStats':
      return db.bridgeStats();
    case 'close':
      await db.close();
      return 'closed';
  }
}

emit({ event: 'ready' });
for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line) as Command;
  try {
    emit({ id: command.id, result: await run(command) });
  } catch (error) {
    emit({ id: command.id, error: error instanceof Error ? error.message : String(error) });
  }
}
