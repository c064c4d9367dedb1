/**
 * One application instance for the bridge's child-process tests: opens the database on the emulator
 * with the Redis bridge on, then obeys JSON commands read line by line on stdin and answers on stdout.
 * Events (cache invalidations, log lines) are written to stdout as they happen.
 *
 * env: ENDPOINT, PROJECT_ID, API_KEY, DATABASE_ID, REDIS_URL, INSTANCE_ID; optional L2=1 (shared cache tier on),
 *      CLUSTER_NODES=host:port,host:port (a Redis Cluster instead of REDIS_URL)
 * in:  {"id":1,"op":"all"} | {"id":2,"op":"create","name":"Pen","price":2} | {"id":3,"op":"isUpdated"}
 *      | {"id":4,"op":"bridgeStats"} | {"id":5,"op":"l2Stats"} | {"id":6,"op":"close"}
 * out: {"id":1,"result":...} | {"id":1,"error":"..."} | {"event":"invalidate","table":"products","origin":"remote"} | {"event":"warn","message":"..."}
 */
import { Cluster } from 'ioredis';
import { ServerORM } from '../../src/server/server-orm.js';
import { emit, env, instanceSettings, serveCommands } from './child-protocol.js';
import { bridgeTables } from './bridge-tables.js';

type Command = { id: number; op: 'all' | 'create' | 'isUpdated' | 'bridgeStats' | 'l2Stats' | 'close'; name?: string; price?: number };

const clusterNodes = process.env.CLUSTER_NODES?.split(',').map((node) => ({ host: node.split(':')[0]!, port: Number(node.split(':')[1]) }));
const redis = clusterNodes === undefined ? env('REDIS_URL') : new Cluster(clusterNodes, { lazyConnect: true });
// A generous command timeout: a loaded test machine must not turn a slow reply into an Appwrite request.
const l2 = process.env.L2 === '1' ? { timeout: 5_000 } : false;

const orm = new ServerORM({ ...instanceSettings(), cache: { redis, instanceId: env('INSTANCE_ID'), l2 } });
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
    case 'l2Stats':
      return db.l2Stats();
    case 'close':
      await db.close();
      if (redis instanceof Cluster) redis.disconnect();
      return 'closed';
  }
}

await serveCommands(run, false);
