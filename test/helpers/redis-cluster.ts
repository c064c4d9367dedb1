import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { freePort, redisAnswers } from './redis-server.js';

/** A private Redis Cluster of three masters (no replicas) on free loopback ports. */
export interface PrivateRedisCluster {
  /** The masters' client ports, 127.0.0.1. */
  readonly ports: readonly number[];
  /** Startup nodes for `new Cluster(nodes)`. */
  readonly nodes: readonly { readonly host: string; readonly port: number }[];
  /** Kills every node (SIGKILL) and removes its files; idempotent; call it in afterAll. */
  stop(): Promise<void>;
}

const MASTERS = 3;
/** Redis listens for the cluster bus on the client port + 10000, which must be free as well. */
const BUS_OFFSET = 10_000;

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free loopback port whose bus port (port + 10000) is free too. */
async function freeClusterPort(taken: ReadonlySet<number>): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const port = await freePort();
    if (port + BUS_OFFSET > 65_535 || taken.has(port)) continue;
    if (await portIsFree(port + BUS_OFFSET)) return port;
  }
  throw new Error('found no free port pair for a cluster node in 100 attempts');
}

function spawnNode(port: number, dir: string, extra: readonly string[]): ChildProcess {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir,
    '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '2000', ...extra];
  return spawn('redis-server', args, { stdio: 'ignore' });
}

function clusterInfo(port: number): string {
  const result = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'cluster', 'info'], { encoding: 'utf8', timeout: 2_000 });
  return result.stdout ?? '';
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, attempts = 200): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (await check()) return;
    await delay(25);
  }
  throw new Error(`${what} within ${(attempts * 25) / 1000} s`);
}

/**
 * Starts three `redis-server --cluster-enabled yes` nodes on free loopback ports, joins them with
 * `redis-cli --cluster create ... --cluster-yes` and waits until every node reports `cluster_state:ok`.
 * `args` are added to every node's command line (e.g. `['--rename-command', 'SSUBSCRIBE', '']`).
 *
 * @example
 * ```ts
 * const cluster = await startRedisCluster();
 * const client = new Cluster([...cluster.nodes]);
 * afterAll(async () => { client.disconnect(); await cluster.stop(); });
 * ```
 */
export async function startRedisCluster(args: readonly string[] = []): Promise<PrivateRedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'appwrite-orm-cluster-'));
  const ports: number[] = [];
  const children: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    const running = children.splice(0);
    await Promise.all(running.map((child) => {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      return exited;
    }));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let index = 0; index < MASTERS; index += 1) {
      const port = await freeClusterPort(new Set(ports));
      ports.push(port);
      const child = spawnNode(port, dir, args);
      children.push(child);
      await waitFor(`cluster node on port ${port} did not answer`, () => {
        if (child.exitCode !== null) throw new Error(`cluster node on port ${port} exited with code ${child.exitCode}`);
        return redisAnswers(port);
      });
    }
    const created = spawnSync('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes'],
      { encoding: 'utf8', timeout: 20_000 });
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stderr || created.stdout}`);
    await waitFor('the cluster did not report cluster_state:ok on every node', () => ports.every((port) => clusterInfo(port).includes('cluster_state:ok')));
  } catch (error) {
    await stop();
    throw error;
  }
  return { ports, nodes: ports.map((port) => ({ host: '127.0.0.1', port })), stop };
}
