import { paramInvalid, paramMissing } from './errors.js';
import { isValidKey, KEY_DESCRIPTION } from '../store/ids.js';

type Raw = Readonly<Record<string, unknown>>;

const INDEXED = /^([^[\]]+)\[(\d*)\]$/;

/**
 * Request parameters from a query string or form fields, PHP style: `queries[0]=a&queries[1]=b` (and
 * `queries[]=`) become an array, anything else a string.
 */
export function parseSearchParams(search: Iterable<readonly [string, string]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const indexed = new Map<string, { index: number; value: string }[]>();
  for (const [key, value] of search) {
    const match = INDEXED.exec(key);
    if (match === null) {
      out[key] = value;
      continue;
    }
    const name = match[1] ?? key;
    const list = indexed.get(name) ?? [];
    list.push({ index: match[2] === '' || match[2] === undefined ? list.length : Number(match[2]), value });
    indexed.set(name, list);
  }
  for (const [name, list] of indexed) out[name] = list.sort((a, b) => a.index - b.index).map((item) => item.value);
  return out;
}

/** Typed access to request parameters, failing like Appwrite's param validators (400 `general_argument_invalid`). */
export class Params {
  constructor(readonly raw: Raw) {}

  has(name: string): boolean {
    return this.raw[name] !== undefined && this.raw[name] !== null;
  }

  string(name: string, options: { max?: number } = {}): string | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    const max = options.max ?? 0;
    if (typeof value !== 'string' || (max > 0 && value.length > max)) {
      throw paramInvalid(name, `Value must be a valid string${max > 0 ? ` and no longer than ${max} chars` : ''}`);
    }
    return value;
  }

  requiredString(name: string, options: { max?: number } = {}): string {
    const value = this.string(name, options);
    if (value === undefined) throw paramMissing(name);
    return value;
  }

  /** A key or ID (`Validator/Key`); `allowUnique` also accepts the literal `unique()` (`CustomId`). */
  requiredKey(name: string, options: { allowUnique?: boolean } = {}): string {
    const value = this.raw[name];
    if (value === undefined || value === null) throw paramMissing(name);
    if (options.allowUnique === true && value === 'unique()') return value;
    if (!isValidKey(value)) throw paramInvalid(name, KEY_DESCRIPTION);
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (value === true || value === 'true' || value === 1 || value === '1') return true;
    if (value === false || value === 'false' || value === 0 || value === '0') return false;
    throw paramInvalid(name, 'Value must be a valid boolean');
  }

  requiredBoolean(name: string): boolean {
    const value = this.boolean(name);
    if (value === undefined) throw paramMissing(name);
    return value;
  }

  number(name: string, options: { integer?: boolean } = {}): number | undefined {
    const raw = this.raw[name];
    if (raw === undefined || raw === null) return undefined;
    // An integer beyond ±2^53 arrives as a BigInt; numeric params read it as the nearest number.
    const value = (typeof raw === 'string' && raw.trim() !== '') || typeof raw === 'bigint' ? Number(raw) : raw;
    const ok = typeof value === 'number' && Number.isFinite(value) && (options.integer !== true || Number.isInteger(value));
    if (!ok) throw paramInvalid(name, `Value must be a valid ${options.integer === true ? 'integer' : 'float'}`);
    return value;
  }

  stringArray(name: string, options: { max?: number; itemMax?: number } = {}): string[] | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    const max = options.max ?? 100;
    const itemMax = options.itemMax ?? 0;
    const ok =
      Array.isArray(value) &&
      value.length <= max &&
      value.every((item) => typeof item === 'string' && (itemMax === 0 || item.length <= itemMax));
    if (!ok) {
      const item = itemMax > 0 ? `Value must be a valid string and at least 1 chars and no longer than ${itemMax} chars` : 'Value must be a valid string';
      throw paramInvalid(name, `Value must a valid array no longer than ${max} items and ${item}`);
    }
    return value as string[];
  }

  /** `queries[]`: at most 100 strings of at most 4096 characters. */
  queries(name = 'queries'): string[] {
    return this.stringArray(name, { max: 100, itemMax: 4096 }) ?? [];
  }

  array(name: string, options: { max?: number } = {}): unknown[] | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    const max = options.max ?? 100;
    if (!Array.isArray(value) || value.length > max) {
      throw paramInvalid(name, `Value must a valid array no longer than ${max} items and Value must be a valid JSON string`);
    }
    return value as unknown[];
  }

  object(name: string): Record<string, unknown> | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw paramInvalid(name, 'Value must be a valid object.');
    return value as Record<string, unknown>;
  }
}
