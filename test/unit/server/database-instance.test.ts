import { Client } from 'node-appwrite';
import { describe, expect, it, vi } from 'vitest';
import { resolveConfig } from '../../../src/server/config.js';
import { Database } from '../../../src/server/database.js';
import { openDatabase } from '../../../src/server/database-open.js';

const config = resolveConfig({ endpoint: 'http://127.0.0.1:1/v1', projectId: 'p', databaseId: 'shop', apiKey: 'unused', cache: false });
const tables = [{ name: 'items', schema: { name: { type: 'string', size: 32 } } }] as const;

describe('Database as a value', () => {
  it('answers instanceof for databases of this copy of the library, and their views', () => {
    const db = openDatabase({ config, tables, client: new Client() });
    expect(db instanceof Database).toBe(true);
    expect(db.as({ jwt: 'token' }) instanceof Database).toBe(true);
    expect({ table: () => undefined } instanceof Database).toBe(false);
    expect((null as unknown) instanceof Database).toBe(false);
  });

  it('answers false for a database of another copy of the library', async () => {
    vi.resetModules();
    const other = await import('../../../src/server/database.js');
    const otherOpen = await import('../../../src/server/database-open.js');
    const theirs = otherOpen.openDatabase({ config, tables, client: new Client() });
    expect(theirs instanceof other.Database).toBe(true);
    expect(theirs instanceof Database).toBe(false);
    expect(openDatabase({ config, tables, client: new Client() }) instanceof other.Database).toBe(false);
  });
});
