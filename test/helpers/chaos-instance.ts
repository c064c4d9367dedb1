/**
 * One application instance for the chaos test: the bridge-instance protocol (JSON commands on stdin,
 * replies and events on stdout) over a `versions` table whose row `v` holds a counter, with a short TTL.
 *
 * env: ENDPOINT, PROJECT_ID, API_KEY, DATABASE_ID, REDIS_URL, INSTANCE_ID, CACHE_TTL
 * in:  {"id":1,"op":"read"} | {"id":2,"op":"write","value":7} | {"id":3,"op":"bridgeStats"} | {"id":4,"op":"close"}
 * out: {"id":1,"result":6} | {"event":"invalidate","table":"versions","origin":"remote"} | {"event":"warn","message":"..."}
 */
import { createInterface } from 'node:readline';
import { ServerORM } from '../../src/server/server-orm.js';
import { emit, env, eventLogger } from './child-protocol.js';
import { chaosTables } from './chaos-tables.js';

type Command = { id: number; op: 'read' | 'write' | 'bridgeStats' | 'close'; value?: number };


const orm = new ServerORM({
  endpoint: env('ENDPOINT'),
  projectId: env('PROJECT_ID'),
  apiKey: env('API_KEY'),
  databaseId: env('DATABASE_ID'),
  autoValidate: false,
  cache: { redis: env('REDIS_URL'), instanceId: env('INSTANCE_ID'), ttl: Number(env('CACHE_TTL')) },
  logger: eventLogger,
});
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

emit({ event: 'ready' });
for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line) as Command;
  run(command).then(
    (result) => emit({ id: command.id, result }),
    (error: unknown) => emit({ id: command.id, error: error instanceof Error ? error.message : String(error) }),
  );
}
