import { ConfigError, ServerORM, type OrmLogger } from 'appwrite-orm/server';
import { startAppwriteEmulator } from 'appwrite-orm/testing';

/** A logger of your own, and what a mistyped option says. */
export async function configuration() {
  const appwrite = await startAppwriteEmulator();
  const settings = { endpoint: appwrite.endpoint, projectId: appwrite.projectId, apiKey: appwrite.apiKey, databaseId: 'shop' };

  const lines: string[] = [];
  const logger: OrmLogger = {
    info: (message) => lines.push(`info: ${message}`),
    warn: (message) => lines.push(`warn: ${message}`),
    error: (message) => lines.push(`error: ${message}`),
  };
  const orm = new ServerORM({ ...settings, autoMigrate: true, logger, cache: { ttl: 60_000 } });
  const db = await orm.init([{ name: 'products', schema: { name: { type: 'string', required: true, size: 64 } } }] as const);
  await db.close();

  let mistake = '';
  try {
    // @ts-expect-error -- a typo: the option is autoMigrate
    new ServerORM({ ...settings, autoMigrte: true });
  } catch (error) {
    if (error instanceof ConfigError) mistake = error.message;
  }

  await appwrite.close();
  return { logged: lines.map((line) => line.split('\n')[0]), ttl: orm.config.cache === false ? 0 : orm.config.cache.ttl, mistake };
}
