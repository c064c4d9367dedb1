import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { packedTarball } from './support/packed-package.js';

// The packed package installed as a user installs it: `npm install <tarball> express@N`, no flags that
// loosen peer checks. The npm cache serves what it holds (`--prefer-offline`); the rest comes from the registry.
const emulator = useEmulator();
let work: string;
let tarball: string;

interface Run {
  readonly code: number | null;
  readonly output: string;
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    // Asynchronous, so that the local server in this process keeps answering the child.
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 75_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'appwrite-orm-pack-'));
  // A fresh JavaScript build of the current sources, packed once per test run.
  tarball = await packedTarball();
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

// Each app uses the ORM, cacheStatus() and cacheAdmin() once and prints what it saw as JSON.
const APP = (load: string): string => `${load}
const { endpoint, project, key, database } = process.env;
const orm = new ServerORM({ endpoint, projectId: project, databaseId: database, apiKey: key, autoMigrate: true });
const db = await orm.init([{ name: 'products', schema: { name: { type: 'string', required: true, size: 64 } } }]);
await db.table('products').create({ name: 'Pen' });
const app = express();
app.use(cacheStatus());
app.get('/products', async (_req, res, next) => { try { res.json(await db.table('products').find()); } catch (error) { next(error); } });
app.use('/admin/cache', cacheAdmin(db, { authorize: bearerToken('secret') }));
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = 'http://127.0.0.1:' + server.address().port;
const statuses = [];
for (let i = 0; i < 2; i++) statuses.push((await fetch(base + '/products')).headers.get('x-cache-status'));
const stats = await (await fetch(base + '/admin/cache/stats', { headers: { authorization: 'Bearer secret' } })).json();
const refused = (await fetch(base + '/admin/cache/stats')).status;
console.log(JSON.stringify({ express: expressVersion, statuses, hits: stats.total.hits, refused }));
server.close();
await db.close();
`;

const CJS = `const { ServerORM } = require('appwrite-orm');
const { cacheStatus, cacheAdmin, bearerToken } = require('appwrite-orm/express');
const express = require('express');
const expressVersion = require('express/package.json').version;
(async () => {`;

const ESM = `import { ServerORM } from 'appwrite-orm/server';
import { cacheStatus, cacheAdmin, bearerToken } from 'appwrite-orm/express';
import express from 'express';
import { createRequire } from 'node:module';
const expressVersion = createRequire(import.meta.url)('express/package.json').version;`;

const apps = [
  { express: 4, type: 'commonjs', file: 'app.cjs', source: `${APP(CJS)}})().catch((error) => { console.error(error); process.exit(1); });\n` },
  { express: 5, type: 'module', file: 'app.mjs', source: APP(ESM) },
] as const;

describe('the packed package in a fresh Express app', () => {
  it.each(apps)('installs next to express@$express without flags and serves cacheStatus() and cacheAdmin() ($type)', async (app) => {
    const dir = join(work, `express${app.express}`);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: `app-express${app.express}`, private: true, type: app.type }));
    const install = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball, `express@${app.express}`], dir);
    expect(install.code, install.output).toBe(0);
    expect(install.output).not.toMatch(/ERESOLVE|peer dep/i);
    const manifest = JSON.parse(await readFile(join(dir, 'node_modules/appwrite-orm/package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
    expect(manifest.peerDependencies.express).toBe('^4.17.0 || ^5.0.0');

    await writeFile(join(dir, app.file), app.source);
    const { endpoint, projectId, apiKey } = emulator.emu;
    const started = await run('node', [app.file], dir, { endpoint, project: projectId, key: apiKey, database: `pack${app.express}` });
    expect(started.code, started.output).toBe(0);
    const report = JSON.parse(started.output.trim().split('\n').at(-1) ?? '{}') as { express: string; statuses: string[]; hits: number; refused: number };
    expect(report.express.split('.')[0]).toBe(String(app.express));
    expect(report.statuses).toEqual(['MISS', 'HIT']);
    expect(report.hits).toBeGreaterThanOrEqual(1);
    expect(report.refused).toBe(401);
  }, 80_000);
});
