import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../../src/cli/args.js';
import { parseEnv } from '../../../src/cli/env-file.js';
import { migrationFileName } from '../../../src/schema/migrations/migration-files.js';

const OPTIONS = [{ name: 'step', value: 'n', help: '' }, { name: 'yes', help: '' }, { name: 'help', help: '' }];

describe('parseArgs', () => {
  it('reads flags, values (spaced or with =), positionals and -h', () => {
    const parsed = parseArgs(['add', '--step', '2', '--yes', '-h', '--', '--not-an-option'], OPTIONS);
    expect(parsed.positional).toEqual(['add', '--not-an-option']);
    expect([...parsed.flags]).toEqual(['yes', 'help']);
    expect(parseArgs(['--step=3'], OPTIONS).values.get('step')).toBe('3');
  });

  it('names unknown options, missing values and values given to flags', () => {
    expect(() => parseArgs(['--stpe', '2'], OPTIONS)).toThrow(new UsageError('Unknown option --stpe'));
    expect(() => parseArgs(['--step'], OPTIONS)).toThrow('Option --step needs a value (<n>)');
    expect(() => parseArgs(['--step', '--yes'], OPTIONS)).toThrow('Option --step needs a value');
    expect(() => parseArgs(['--yes=1'], OPTIONS)).toThrow('Option --yes takes no value');
  });
});

describe('parseEnv', () => {
  it('reads .env lines: comments, export, quotes, escapes', () => {
    const text = '# comment\nexport A=1\nB = "two words\\nlines"\nC=\'single # kept\'\nD=plain # comment\nnot a line\n';
    expect(parseEnv(text)).toEqual({ A: '1', B: 'two words\nlines', C: 'single # kept', D: 'plain' });
  });
});

describe('migrationFileName', () => {
  it('is a UTC timestamp and the name in snake case', () => {
    const now = new Date('2026-01-02T03:04:05.678Z');
    expect(migrationFileName('Add posts', now)).toBe('20260102T030405_add_posts');
    expect(migrationFileName('addPostSlugs', now)).toBe('20260102T030405_add_post_slugs');
    expect(() => migrationFileName('--', now)).toThrow('not a usable migration name');
  });
});
