import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../helpers/bridge-instance.ts', import.meta.url));

/** A line the child wrote on its own: an invalidation it saw or a log line. */
export type InstanceEvent =
  | { event: 'ready' }
  | { event: 'invalidate'; table: string; origin: string }
  | { event: 'info' | 'warn' | 'error'; message: string };

interface Reply { id: number; result?: unknown; error?: string }

/** Drives one `test/helpers/bridge-instance.ts` child process over its stdin and stdout. */
export class InstanceProcess {
  readonly events: InstanceEvent[] = [];
  readonly stderr: string[] = [];
  /** Resolves with the exit code (or signal) when the process ends. */
  readonly exited: Promise<number | string>;
  private readonly child: ChildProcess;
  private readonly waiting = new Map<number, (reply: Reply) => void>();
  private readonly watchers = new Set<() => void>();
  private nextId = 1;

  /** @param script The child to run: `test/helpers/bridge-instance.ts` unless another one speaking the same protocol is given. */
  constructor(env: Record<string, string>, script = SCRIPT) {
    this.child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
    this.child.stderr?.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as Reply | InstanceEvent;
      if ('id' in message) this.waiting.get(message.id)?.(message);
      else this.events.push(message);
      for (const watcher of this.watchers) watcher();
    });
  }

  /** Sends a command and resolves with its result; rejects with the child's error message. */
  async request(op: string, args: Record<string, unknown> = {}, timeoutMs = 15_000): Promise<unknown> {
    const id = this.nextId++;
    const reply = new Promise<Reply>((resolve) => this.waiting.set(id, resolve));
    this.child.stdin!.write(`${JSON.stringify({ id, op, ...args })}\n`);
    const answer = await this.within(reply, timeoutMs, `reply to ${op}`);
    this.waiting.delete(id);
    if (answer.error !== undefined) throw new Error(answer.error);
    return answer.result;
  }

  /** Resolves once an event matching `predicate` has been written (or at once if one already was). */
  waitForEvent(predicate: (event: InstanceEvent) => boolean, timeoutMs = 15_000): Promise<InstanceEvent> {
    const found = new Promise<InstanceEvent>((resolve) => {
      const check = (): void => {
        const event = this.events.find(predicate);
        if (event === undefined) return;
        this.watchers.delete(check);
        resolve(event);
      };
      this.watchers.add(check);
      check();
    });
    return this.within(found, timeoutMs, 'event');
  }

  /** Ends the child's stdin: with nothing else open it must then exit by itself. */
  endInput(): void {
    this.child.stdin!.end();
  }

  /** Kills the child if it is still running (cleanup). */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }

  private async within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no ${what} from the instance within ${timeoutMs} ms; stderr: ${this.stderr.join('')}`)), timeoutMs);
    });
    try {
      return await Promise.race([promise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
