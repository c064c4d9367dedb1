import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs a docs example as a program, as a reader would (`npx tsx file.ts`), and returns what it printed. */
function runProgram(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('docs: getting started', () => {
  it('runs as it is, as a program, and prints what the page says', async () => {
    const { code, stdout, stderr } = await runProgram('docs/examples/getting-started.ts');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(['office products, cheapest first: Pen, Desk', 'cache fresh after the reads: true', 'cache fresh after a write: false', ''].join('\n'));
  });
});
