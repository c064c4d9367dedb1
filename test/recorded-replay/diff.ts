import { stringifyLossless } from './lossless-json.js';

const SHOWN = 160;

function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = stringifyLossless(value);
  return text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The differences between two JSON values, one line per differing path (`body.columns[0].size: expected 128,
 * actual 256`). Object key order is ignored, array order is not; integers are compared exactly.
 */
export function diffJson(expected: unknown, actual: unknown, path: string, out: string[] = []): string[] {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const length = Math.max(expected.length, actual.length);
    for (let i = 0; i < length; i += 1) diffJson(expected[i], actual[i], `${path}[${i}]`, out);
    return out;
  }
  if (isRecord(expected) && isRecord(actual)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of [...keys].sort()) diffJson(expected[key], actual[key], `${path}.${key}`, out);
    return out;
  }
  if (!Object.is(expected, actual)) out.push(`${path}: expected ${show(expected)}, actual ${show(actual)}`);
  return out;
}
