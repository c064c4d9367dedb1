import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/redis-server.js';

const STARTUP_TIMEOUT_MS = 30_000;
let child: ChildProcess | undefined;
afterAll(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
});

/** Waits until the child prints `text`, for at most STARTUP_TIMEOUT_MS. */
function waitForOutput(process: ChildProcess, text: string): Promise<string> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${text}" within ${STARTUP_TIMEOUT_MS} ms; output:\n${output}`)), STARTUP_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(text)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    process.stdout?.on('data', onData);
    process.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    process.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before printing "${text}"; output:\n${output}`));
    });
  });
}

describe('npm start', () => {
  it('serves GET /products on the embedded server at PORT, then exits cleanly on SIGTERM', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
    for (const name of ['APPWRITE_ENDPOINT', 'APPWRITE_PROJECT_ID', 'APPWRITE_API_KEY', 'APPWRITE_DATABASE_ID', 'REDIS_URL', 'ADMIN_TOKEN']) delete env[name];
    child = spawn(process.execPath, ['--import', 'tsx', 'examples/express/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = await waitForOutput(child, 'webhook endpoint:');
    expect(output).toContain(`listening on http://localhost:${port}`);
    expect(output).toMatch(/admin token: \S+ \(generated/);

    const response = await fetch(`http://127.0.0.1:${port}/products`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(((await response.json()) as unknown[]).length).toBeGreaterThan(0);
    expect(response.headers.get('x-cache-status')).toBe('HIT');

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('no exit within 10 s of SIGTERM')), 10_000).unref());
    const [code, signal] = (await Promise.race([exited, timeout])) as [number | null, NodeJS.Signals | null];
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  }, 60_000);
});
