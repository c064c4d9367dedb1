import { EventEmitter } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, TablesDB } from 'node-appwrite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runEmulatorCommand, parseEmulatorArgs } from '../../../src/testing/emulator-cli.js';
import { startAppwriteEmulator, type AppwriteEmulator } from '../../../src/testing/index.js';
import { waitUntil } from '../../helpers/emulator.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'appwrite-emulator-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function tablesDbOf(emu: AppwriteEmulator): TablesDB {
  return new TablesDB(new Client().setEndpoint(emu.endpoint).setProject(emu.projectId).setKey(emu.apiKey));
}

describe('emulator persistence', () => {
  it('saves the state on close and loads it at the next start', async () => {
    const persistPath = join(dir, 'state.json');
    const first = await startAppwriteEmulator({ persistPath, columnDelayMs: 60_000 });
    const tablesDb = tablesDbOf(first);
    await tablesDb.create({ databaseId: 'db', name: 'Db' });
    await tablesDb.createTable({ databaseId: 'db', tableId: 't', name: 'T', columns: [{ key: 'name', type: 'string', size: 10, required: true }] });
    await tablesDb.createRow({ databaseId: 'db', tableId: 't', rowId: 'r1', data: { name: 'kept' } });
    await tablesDb.createIntegerColumn({ databaseId: 'db', tableId: 't', key: 'pending', required: false });
    await first.close();
    expect(JSON.parse(await readFile(persistPath, 'utf8'))).toMatchObject({ version: 1 });

    const second = await startAppwriteEmulator({ persistPath });
    try {
      const again = tablesDbOf(second);
      expect(await again.getRow({ databaseId: 'db', tableId: 't', rowId: 'r1' })).toMatchObject({ $sequence: '1', name: 'kept', pending: null });
      expect((await again.getColumn({ databaseId: 'db', tableId: 't', key: 'pending' })).status).toBe('available');
      expect((await again.createRow({ databaseId: 'db', tableId: 't', rowId: 'r2', data: { name: 'next' } })).$sequence).toBe('2');
    } finally {
      await second.close();
    }
  });

  it('saves shortly after a change, without waiting for close', async () => {
    const persistPath = join(dir, 'state.json');
    const emu = await startAppwriteEmulator({ persistPath });
    try {
      await tablesDbOf(emu).create({ databaseId: 'saved', name: 'Saved' });
      await waitUntil(async () => (await readFile(persistPath, 'utf8').catch(() => '')).includes('"saved"'));
    } finally {
      await emu.close();
    }
  });
});

describe('emulator CLI', () => {
  it('parses its flags', () => {
    expect(parseEmulatorArgs(['--port', '0', '--host=127.0.0.1', '--project', 'p', '--key', 'k', '--column-delay', '5', '--persist', 'f.json'])).toEqual({
      help: false, port: 0, host: '127.0.0.1', projectId: 'p', apiKey: 'k', columnDelayMs: 5, persistPath: 'f.json',
    });
    expect(parseEmulatorArgs([])).toEqual({ help: false, port: 4080 });
    expect(() => parseEmulatorArgs(['--port', 'x'])).toThrow(/--port/);
    expect(() => parseEmulatorArgs(['--nope'])).toThrow(/Unknown option --nope/);
  });

  it('prints how to connect, serves the SDK and stops on SIGINT', async () => {
    let output = '';
    const signals = new EventEmitter();
    const running = runEmulatorCommand(['--port', '0', '--project', 'cli', '--key', 'secret'], { write: (text) => { output += text; }, signals });
    await waitUntil(() => output.includes('endpoint:'));
    const endpoint = /endpoint: (\S+)/.exec(output)?.[1] ?? '';
    expect(output).toContain('project:  cli');
    expect(output).toContain('key:      secret');
    const tablesDb = new TablesDB(new Client().setEndpoint(endpoint).setProject('cli').setKey('secret'));
    expect((await tablesDb.list()).total).toBe(0);
    signals.emit('SIGINT');
    await running;
    expect(output).toContain('Appwrite emulator stopped.');
  });

  it('prints the usage for --help', async () => {
    let output = '';
    await runEmulatorCommand(['--help'], { write: (text) => { output += text; } });
    expect(output).toContain('Usage: appwrite-orm emulator');
  });
});
