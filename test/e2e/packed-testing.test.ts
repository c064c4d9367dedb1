import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packedTarball } from './support/packed-package.js';

const run = promisify(execFile);
const STEP_TIMEOUT_MS = 45_000;
let work = '';
let project = '';
let cli: ChildProcess | undefined;

/**
 * Installs the packed package (its JavaScript built from the sources, packed once per test run) from the npm
 * cache into a fresh project without msw, the way a user without msw gets it.
 */
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'appwrite-orm-packed-'));
  project = join(work, 'consumer');
  await mkdir(project, { recursive: true });
  const tarball = await packedTarball();
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await run('npm', ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', tarball], { cwd: project, timeout: STEP_TIMEOUT_MS });
}, 3 * STEP_TIMEOUT_MS);

afterAll(async () => {
  if (cli?.exitCode === null) cli.kill('SIGKILL');
  if (work !== '') await rm(work, { recursive: true, force: true });
});

const node = (args: string[]) => run(process.execPath, args, { cwd: project, timeout: STEP_TIMEOUT_MS });

const SCRIPT = `
import { startAppwriteEmulator } from 'appwrite-orm/testing';
import { mswHandlers } from 'appwrite-orm/testing/msw';
import { Client, TablesDB } from 'node-appwrite';
const emu = await startAppwriteEmulator();
const tables = new TablesDB(new Client().setEndpoint(emu.endpoint).setProject(emu.projectId).setKey(emu.apiKey));
const created = await tables.create({ databaseId: 'main', name: 'Main' });
let handlers = '';
try { mswHandlers(emu); } catch (error) { handlers = error.message; }
await emu.close();
console.log(JSON.stringify({ id: created.$id, handlers }));
`;

describe('appwrite-orm/testing installed without msw', () => {
  it('has no msw to find', async () => {
    await expect(node(['-e', "require.resolve('msw')"])).rejects.toThrow(/Cannot find module 'msw'/);
  });

  it('starts the emulator from ESM and CommonJS and answers the SDK; mswHandlers() says what to install', async () => {
    await writeFile(join(project, 'check.mjs'), SCRIPT);
    await writeFile(join(project, 'check.cjs'), `(async () => {\n${SCRIPT.replace(/^import \{ (.+) \} from '(.+)';$/gm, "const { $1 } = require('$2');")}\n})();`);
    for (const file of ['check.mjs', 'check.cjs']) {
      const { stdout } = await node([file]);
      expect(JSON.parse(stdout)).toEqual({ id: 'main', handlers: expect.stringContaining('npm install --save-dev msw@^2.9.0') as string });
    }
  });

  it('runs `appwrite-orm emulator` and stops on SIGTERM', async () => {
    cli = spawn(join(project, 'node_modules', '.bin', 'appwrite-orm'), ['emulator', '--port', '0'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    cli.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const endpoint = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no endpoint printed; output:\n${output}`)), STEP_TIMEOUT_MS);
      cli?.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /endpoint: (\S+)/.exec(output);
        if (found?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(found[1]);
        }
      });
      cli?.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`exited with ${code}; output:\n${output}`));
      });
    });
    const pong = await fetch(`${endpoint}/ping`, { headers: { 'x-appwrite-project': 'emulator' } });
    expect(await pong.text()).toBe('Pong!');
    const exited = once(cli, 'exit');
    cli.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
  });
});
