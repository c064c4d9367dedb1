import type { AllowedDifference } from '../allowlist.js';

/** Exchanges of f-bulk the local server may still answer differently, each with why. */
export const allowlist: readonly AllowedDifference[] = [
  { seq: 2, reason: "createTable's answer (1.9.0 model: empty columns/indexes, bytesUsed 1067) is the schema-rules item (a-tables)" },
  { seq: 51, reason: "createTable's answer (1.9.0 model: empty columns/indexes, bytesUsed 1067) is the schema-rules item (a-tables)" },
  { seq: 52, reason: "createTable's answer (1.9.0 model: empty columns/indexes, bytesUsed 1067) is the schema-rules item (a-tables)" },
];
