import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The folders of src/, from the top down (DESIGN.md, "Layout"): a folder imports only from folders below it.
// `cli` is the binary and sits above the library it drives; `appwrite` sits above `schema` because the
// Appwrite adapters implement the schema's migration port and speak its specs; `redis` (connection sources,
// retry delay) sits under both the shared cache tier and the bridge, which both open connections.
const LAYERS = ['cli', 'server', 'express', 'warming', 'query', 'appwrite', 'schema', 'cache', 'bridge', 'redis', 'errors'] as const;

// `testing` (the local server) shares nothing with the library: it imports no library folder and only the
// binary (`appwrite-orm emulator`) imports it.
const ISLAND = 'testing';
const ISLAND_IMPORTERS = new Set(['cli']);
// Known exceptions, each a file of `src/` the island still reads: Appwrite's datetime and URL rules.
const ISLAND_EXCEPTIONS = new Set(['schema/appwrite-datetime.ts', 'schema/appwrite-url.ts']);

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

interface Edge { readonly from: string; readonly to: string; readonly line: string }

/** Every relative import, export-from and dynamic import between files of src/, as paths under src/. */
function edges(): Edge[] {
  return sourceFiles(src).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const { importedFiles } = ts.preProcessFile(text, true, true);
    return importedFiles
      .filter((imported) => imported.fileName.startsWith('.'))
      .map((imported) => ({
        from: relative(src, file).split(sep).join('/'),
        to: relative(src, resolve(dirname(file), imported.fileName)).split(sep).join('/').replace(/\.js$/, '.ts'),
        line: `${text.slice(0, imported.pos).split('\n').length}`,
      }));
  });
}

const folderOf = (path: string): string => path.split('/')[0] ?? '';

/** Why an import breaks the order, or undefined when it keeps it. */
function violation(edge: Edge): string | undefined {
  const from = folderOf(edge.from);
  const to = folderOf(edge.to);
  if (from === to) return undefined;
  if (edge.to.startsWith('..')) return 'imports from outside src/';
  if (to === ISLAND) return ISLAND_IMPORTERS.has(from) ? undefined : `only ${[...ISLAND_IMPORTERS].join(', ')} may import ${ISLAND}/`;
  if (from === ISLAND) return ISLAND_EXCEPTIONS.has(edge.to) ? undefined : `${ISLAND}/ imports no library folder`;
  const fromRank = (LAYERS as readonly string[]).indexOf(from);
  const toRank = (LAYERS as readonly string[]).indexOf(to);
  if (fromRank < 0 || toRank < 0) return `folder ${fromRank < 0 ? from : to}/ has no place in the order (add it to LAYERS)`;
  return toRank > fromRank ? undefined : `${from}/ is above ${to}/: dependencies point down (${LAYERS.join(' > ')})`;
}

describe('folder dependency direction', () => {
  it('every top-level file of src/ is in a folder that has a place', () => {
    const loose = readdirSync(src, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
    const folders = readdirSync(src, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(loose).toEqual([]);
    expect(folders.filter((folder) => folder !== ISLAND && !(LAYERS as readonly string[]).includes(folder))).toEqual([]);
  });

  it('no folder imports from a folder above it', () => {
    const broken = edges().flatMap((edge) => {
      const reason = violation(edge);
      return reason === undefined ? [] : [`src/${edge.from}:${edge.line} imports src/${edge.to}: ${reason}`];
    });
    expect(broken).toEqual([]);
  });

  it('reports an import that points up', () => {
    expect(violation({ from: 'bridge/redis-bridge.ts', to: 'cache/cache-events.ts', line: '1' })).toMatch(/bridge\/ is above cache\//);
    expect(violation({ from: 'server/index.ts', to: 'cli/cli-config.ts', line: '1' })).toMatch(/server\/ is above cli\//);
    expect(violation({ from: 'cache/query-cache.ts', to: 'testing/index.ts', line: '1' })).toMatch(/only cli may import testing/);
    expect(violation({ from: 'testing/store/store.ts', to: 'schema/index.ts', line: '1' })).toMatch(/imports no library folder/);
    expect(violation({ from: 'server/database.ts', to: 'cache/query-cache.ts', line: '1' })).toBeUndefined();
  });
});
