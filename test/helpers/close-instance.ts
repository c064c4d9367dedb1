/**
 * A process that opens a database with the Redis bridge on (no Appwrite request is made), then closes it
 * when told, for the test that measures how long the process lives on after `db.close()`.
 *
 * env: REDIS_URL
 * in:  "close" (then stdin ends)
 * out: {"event":"ready","state":"connected"} | {"event":"warn"} | {"event":"closed"}
 */
import { createInterface } from 'node:readline';
import { createAppwriteClient } from '../../src/appwrite/appwrite-client.js';
import { resolveConfig } from '../../src/server/config.js';
import { openDatabase } from '../../src/server/database-open.js';

const emit = (line: unknown): void => void process.stdout.write(`${JSON.stringify(line)}\n`);
const redis = process.env['REDIS_URL'] ?? '';
const config = resolveConfig({
  endpoint: 'http://127.0.0.1:9/v1', projectId: 'close', databaseId: 'main', apiKey: 'unused',
  cache: { ttl: 60_000, maxEntries: 100, maxBytes: 1 << 20, redis },
  logger: { warn: () => emit({ event: 'warn' }), info: () => undefined, error: () => undefined },
});
const client = createAppwriteClient({ endpoint: config.endpoint, projectId: config.projectId, credentials: { apiKey: 'unused' } });
const db = openDatabase({ config, tables: [{ name: 'items', schema: { name: { type: 'string' } } }] as const, client });
await db.ready();
emit({ event: 'ready', state: db.bridgeStats()?.state });
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === 'close') {
    await db.close();
    emit({ event: 'closed' });
  }
}
