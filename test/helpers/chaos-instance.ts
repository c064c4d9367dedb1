/**
 * One application instance for the chaos test: the bridge-instance protocol (JSON commands on stdin,
 * replies and events on stdout) over a `versions` table whose row `v` holds a counter, with a short TTL.
 *
 * env: ENDPOINT, PROJECT_ID, API_KEY, DATABASE_ID, REDIS_URL, INSTANCE_ID, CACHE_TTL
 * in:  {"id":1,"op":"read"} | {"id":2,"op":"write","value":7} | {"id":3,"op":"bridgeStats"} | {"id":4,"op":"close"}
 * out: {"id":1,"result":6} | {"event":"invalidate","table":"versions","origin":"remote"} | {"event":"warn","message":"..."}
 */
import { ServerORM } from '../../src/server/server-orm.js';
import { emit, env, instanceSettings, serveCommands } from './child-protocol.js';
import { chaosTables } from './chaos-tables.js';

type Command = { id: number; op: 'read' | 'write' | 'bridgeStats' | 'close'; value?: number };


const orm = new ServerORM({ ...instanceSettings(), cache: { redis: env('REDIS_URL'), instanceId: env('INSTANCE_ID'), ttl: Number(env('CACHE_TTL')) } });
const db = await orm.init(chaosTables);
const versions = db.table('versions');
db.on('invalidate', ({ table, origin }) => emit({ event: 'invalidate', table, origin }));

async function run(command: Command): Promise<unknown> {
  switch (command.op) {
    case 'read':
      return (await versions.getOrFail('v')).value;
    case 'write':
      return (await versions.update('v', { value: command.value ?? 0 })).value;
    case 'bridgeStats':
      return db.bridgeStats();
    case 'close':
      await db.close();
      return 'closed';
  }
}

await serveCommands(run, true);
