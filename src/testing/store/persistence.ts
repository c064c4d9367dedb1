import { readFile, rename, writeFile } from 'node:fs/promises';
import { parseWire, stringifyWire } from '../http/wire-json.js';
import type { Store, StoreSnapshot } from './store.js';

const DEBOUNCE_MS = 200;

function isSnapshot(value: unknown): value is StoreSnapshot {
  return typeof value === 'object' && value !== null && (value as { version?: unknown }).version === 1
    && Array.isArray((value as { databases?: unknown }).databases);
}

/** Loads the saved store, if the file exists; pending schema jobs of the saved state are settled at once. */
export async function loadStore(store: Store, path: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const snapshot: unknown = parseWire(text);
  if (!isSnapshot(snapshot)) throw new Error(`${path} is not an Appwrite emulator state file (version 1).`);
  for (const db of snapshot.databases) {
    for (const { table } of db.tables) {
      table.columns = table.columns.filter((column) => column.status !== 'deleting');
      table.indexes = table.indexes.filter((index) => index.status !== 'deleting');
      for (const item of [...table.columns, ...table.indexes]) if (item.status === 'processing') item.status = 'available';
    }
  }
  store.restore(snapshot);
}

/** Saves the store as JSON a short while after changes (debounced) and on `flush()`. */
export class StoreSaver {
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();
  readonly #store: Store;
  readonly #path: string;

  constructor(store: Store, path: string) {
    this.#store = store;
    this.#path = path;
  }

  schedule(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#save();
    }, DEBOUNCE_MS);
    this.#timer.unref();
  }

  /** Writes now (and waits for any write in progress). */
  async flush(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#save();
  }

  #save(): Promise<void> {
    // Writes are chained so two saves never interleave on the temporary file; a failed save is reported and
    // does not stop later ones.
    this.#writing = this.#writing.then(async () => {
      const temporary = `${this.#path}.tmp`;
      await writeFile(temporary, stringifyWire(this.#store.snapshot(), { bigints: true }));
      await rename(temporary, this.#path);
    }).catch((error: unknown) => {
      process.emitWarning(`Appwrite emulator could not save ${this.#path}: ${String(error)}`);
    });
    return this.#writing;
  }
}
