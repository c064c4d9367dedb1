import type { AllowedDifference } from '../allowlist.js';

/** Exchanges of e-queries the local server may still answer differently, each with why. */
export const allowlist: readonly AllowedDifference[] = [
  { seq: 2, reason: "not yet implemented: createTable:q" }, // body.bytesUsed: expected 1067, actual 1459
  { seq: 3, reason: "not yet implemented: createTable:other" }, // body.bytesUsed: expected 1067, actual 8
  { seq: 60, reason: "not yet implemented: listRows:regex" }, // status: expected 400, actual 200
];
