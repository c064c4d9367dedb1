const APPWRITE_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/;
const DATETIME_KEYS = new Set(['$createdAt', '$updatedAt', 'expiresAt']);
const DIGITS = /^\d+$/;
const INDEX_ID = /^\d+_\d+_/;
const GENERATED_ID = /^[0-9a-f]{20}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function normaliseField(key: string, value: unknown, owner: Record<string, unknown>): unknown {
  if (DATETIME_KEYS.has(key) && typeof value === 'string' && APPWRITE_DATETIME.test(value)) return '<datetime>';
  if (key === '$sequence' && typeof value === 'string' && DIGITS.test(value)) return '<sequence>';
  if (key === '$id' && typeof value === 'string' && typeof owner.key === 'string' && INDEX_ID.test(value) && value.endsWith(`_${owner.key}`)) {
    return `<seq>_<seq>_${owner.key}`;
  }
  return normalise(value);
}

/**
 * Replaces the volatile fields the recordings' notes list, and nothing else: Appwrite-format datetimes under
 * `$createdAt`/`$updatedAt`/`expiresAt`, digit-string `$sequence`, index `$id`s `<dbSeq>_<tableSeq>_<key>`,
 * and the `version` of error bodies.
 */
export function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => normalise(item));
  if (!isRecord(value)) return value;
  const isError = 'message' in value && 'code' in value && 'type' in value;
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    result[key] = isError && key === 'version' ? '<version>' : normaliseField(key, field, value);
  }
  return result;
}

/**
 * Server-generated values mapped from the recorded to the replayed one: generated `$id`s (20 hex characters
 * that the recorded request did not contain) and an answer's top-level `$createdAt`/`$updatedAt`. Applied to
 * later requests and to recorded answers before they are compared.
 */
export class Bindings {
  readonly #map = new Map<string, string>();

  /** Learns the bindings an answer establishes (`recordedRequest` is the recorded request's text). */
  learn(recordedRequest: string, recorded: unknown, actual: unknown): void {
    if (isRecord(recorded) && isRecord(actual)) {
      for (const key of ['$createdAt', '$updatedAt']) this.#bind(recorded[key], actual[key]);
    }
    this.#learnIds(recordedRequest, recorded, actual);
  }

  /** Replaces every bound recorded value (also inside longer strings, such as queries and paths). */
  apply<T>(value: T): T {
    if (this.#map.size === 0) return value;
    return this.#apply(value) as T;
  }

  #apply(value: unknown): unknown {
    if (typeof value === 'string') {
      let result = value;
      for (const [recorded, actual] of this.#map) if (result.includes(recorded)) result = result.split(recorded).join(actual);
      return result;
    }
    if (Array.isArray(value)) return value.map((item) => this.#apply(item));
    if (!isRecord(value)) return value;
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, this.#apply(field)]));
  }

  #bind(recorded: unknown, actual: unknown): void {
    if (typeof recorded === 'string' && typeof actual === 'string' && recorded !== actual) this.#map.set(recorded, actual);
  }

  #learnIds(recordedRequest: string, recorded: unknown, actual: unknown): void {
    if (Array.isArray(recorded) && Array.isArray(actual)) {
      recorded.forEach((item, index) => this.#learnIds(recordedRequest, item, actual[index]));
      return;
    }
    if (!isRecord(recorded) || !isRecord(actual)) return;
    const id = recorded.$id;
    if (typeof id === 'string' && GENERATED_ID.test(id) && !this.#map.has(id) && !recordedRequest.includes(id)) this.#bind(id, actual.$id);
    for (const [key, field] of Object.entries(recorded)) this.#learnIds(recordedRequest, field, actual[key]);
  }
}
