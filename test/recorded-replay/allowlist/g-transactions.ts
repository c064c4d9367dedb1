import type { AllowedDifference } from '../allowlist.js';

/** Exchanges of g-transactions the local server may still answer differently, each with why. */
export const allowlist: readonly AllowedDifference[] = [
  // body.bytesUsed: expected 1067, actual 392. The table's row-width figure is a createTable rule (scenario
  // a-tables), not a transaction one; it goes when the local server computes bytesUsed as Appwrite does.
  { seq: 2, reason: 'createTable: bytesUsed is not computed as Appwrite computes it yet (a-tables rule)' },
];
