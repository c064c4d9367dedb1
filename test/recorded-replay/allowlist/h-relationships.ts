import type { AllowedDifference } from '../allowlist.js';

/*
 * What is left is a-tables' rules, not relationships: createTable in 1.9.0 answers with `columns: []` and a
 * `bytesUsed` of 1067 (the system columns; a string(64) then adds 257, a relationship column 1021, which the
 * local server counts already), and the local server has no 1067-byte base. schema-rules owns those rules.
 */
const CREATE_TABLE = 'a-tables rule: 1.9.0 createTable answers columns [] and bytesUsed 1067 (system columns only)';
const BYTES = 'a-tables rule: bytesUsed lacks the 1067-byte system-column base (string(64) 257 vs 258); relationship columns count 1021 as recorded';

/** Exchanges of h-relationships the local server may still answer differently, each with why. */
export const allowlist: readonly AllowedDifference[] = [
  { seq: 2, reason: CREATE_TABLE },
  { seq: 3, reason: CREATE_TABLE },
  { seq: 4, reason: CREATE_TABLE },
  { seq: 5, reason: CREATE_TABLE },
  { seq: 6, reason: CREATE_TABLE },
  { seq: 7, reason: CREATE_TABLE },
  { seq: 27, reason: BYTES }, // expected 3366, actual 2300
  { seq: 28, reason: BYTES }, // expected 4387, actual 3321
  { seq: 94, reason: BYTES }, // expected 4387, actual 3321
  { seq: 101, reason: BYTES }, // expected 3366, actual 2300
  { seq: 102, reason: BYTES }, // expected 3366, actual 2300
];
