import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { runIn } from '../integration/migration/cli-harness.js';

// The project of the "Migrations" page, as it is in docs/examples/blog.
const project = fileURLToPath(new URL('../../docs/examples/blog', import.meta.url));
const fixture = useEmulator({ columnDelayMs: 20 });
const cli = (argv: readonly string[]) => runIn(fixture, project, argv, { APPWRITE_DATABASE_ID: 'blog' });

describe('docs: migrations', () => {
  it('runs the example project: migrate, status, push finds nothing, seed, rollback', async () => {
    const migrated = await cli(['migrate']);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toContain('Done: batch 1, 2 migrations applied.');
    const status = await cli(['migrate:status']);
    expect(status.stdout).toContain('20260102T090000_add_post_slugs  applied (batch 1)');
    // The migrations bring the database to exactly what schema.ts declares.
    expect((await cli(['push', '--dry-run'])).stdout).toContain('No changes: the database matches the schema.');
    expect((await cli(['seed'])).stdout).toBe('Seeding: DatabaseSeeder\nDone: 1 seeder.\n');
    const posts = await fixture.tablesDb().listRows({ databaseId: 'blog', tableId: 'posts' });
    expect(posts.rows.map((row) => [String(row.title), String(row.slug), String(row.status)])).toEqual([['Hello, world', 'hello-world', 'live']]);
    const json = JSON.parse((await cli(['migrate', '--rollback', '--step', '1', '--yes', '--json'])).stdout) as unknown;
    expect(json).toEqual({ command: 'migrate', ok: true, exitCode: 0, action: 'rollback', ran: ['20260102T090000_add_post_slugs'] });
    const table = await fixture.tablesDb().getTable({ databaseId: 'blog', tableId: 'posts' });
    expect(table.columns.map((column) => (column as { key: string }).key).sort()).toEqual(['author', 'status', 'title']);
  });
});
