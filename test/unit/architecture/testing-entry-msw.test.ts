import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../../src');

/**
 * The package names imported (values and types alike) by an entry and every source file it reaches, each
 * with the first file that imports it. The declarations of an entry can only name packages found here.
 */
function packagesReached(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const pending = [resolve(src, entry)];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (fileName.startsWith('.')) pending.push(resolve(dirname(file), fileName).replace(/\.js$/, '.ts'));
      else if (!fileName.startsWith('node:') && !packages.has(fileName)) packages.set(fileName, relative(src, file));
    }
  }
  return packages;
}

const isMsw = (name: string): boolean => name === 'msw' || name.startsWith('msw/');

describe('msw, an optional peer dependency', () => {
  it('is named nowhere in the sources of appwrite-orm/testing: its declarations compile without msw', () => {
    expect([...packagesReached('testing/index.ts')].filter(([name]) => isMsw(name))).toEqual([]);
  });

  it('is imported by appwrite-orm/testing/msw, the opt-in entry', () => {
    expect([...packagesReached('testing/msw.ts').keys()].filter(isMsw)).toEqual(['msw']);
  });
});
