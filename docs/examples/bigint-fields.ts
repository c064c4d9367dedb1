import { ServerORM, ValidationError, QueryError, defineTable } from 'appwrite-orm/server';
import { startAppwriteEmulator } from 'appwrite-orm/testing';

const counters = defineTable({
  name: 'counters',
  schema: {
    label: { type: 'string', required: true, size: 64 },
    views: { type: 'bigint', required: true },        // any integer from -2^63 to 2^63 - 1, read as a bigint
    shard: { type: 'integer', default: 0 },
  },
});

/** Stores, filters, steps and aggregates integers beyond 2^53 exactly (the local server needs Appwrite 1.9.5 rules). */
export async function bigintFields() {
  const appwrite = await startAppwriteEmulator();
  const db = await new ServerORM({
    endpoint: appwrite.endpoint, projectId: appwrite.projectId, apiKey: appwrite.apiKey, databaseId: 'stats', autoMigrate: true,
  }).init([counters] as const);
  const table = db.table('counters');

  await table.create({ label: 'home', views: 2n ** 62n }, { id: 'home' });
  await table.create({ label: 'about', views: 5 }, { id: 'about' });   // a safe integer number is fine too
  await table.increment('home', 'views', 2n ** 61n);                  // exact steps

  const [home] = await table.find({ views: 2n ** 62n + 2n ** 61n });   // filters compare exactly
  const about = await table.get('about');                              // views: 5n, always a bigint

  // sum, min and max of a bigint field are exact bigints; avg is the nearest number.
  const figures = await table.aggregate({ count: true, sum: ['views', 'shard'], avg: ['views'], max: ['views'] });

  // A number beyond 2^53 has already lost digits: refused before anything is sent.
  const refusals: string[] = [];
  await table.create({ label: 'lost', views: 2 ** 60 }).catch((error: unknown) => {
    if (error instanceof ValidationError) refusals.push('write');
  });
  await table.find({ views: 2 ** 60 }).catch((error: unknown) => {
    if (error instanceof QueryError) refusals.push('filter');
  });

  await db.close();
  await appwrite.close();
  return { home: home?.views, about: about?.views, figures, refusals };
}
