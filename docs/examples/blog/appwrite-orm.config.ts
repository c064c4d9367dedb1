import type { CliConfig } from 'appwrite-orm/server';

// Connection settings come from the environment or .env (APPWRITE_ENDPOINT, APPWRITE_PROJECT_ID,
// APPWRITE_API_KEY, APPWRITE_DATABASE_ID); the file says where the project's pieces are.
export default {
  schema: 'schema.ts',
  migrations: 'migrations',
  seeders: 'seeders',
} satisfies CliConfig;
