import type { AllowedDifference } from '../allowlist.js';

/** Exchanges of i-permissions the local server may still answer differently, each with why. */
export const allowlist: readonly AllowedDifference[] = [
  { seq: 2, reason: "createTable's answer (1.9.0 model: empty columns/indexes, bytesUsed 1067) is the schema-rules item (a-tables)" },
  { seq: 3, reason: "createTable's answer (1.9.0 model: empty columns/indexes, bytesUsed 1067) is the schema-rules item (a-tables)" },
  { seq: 4, reason: "createTable's answer (1.9.0 model: empty columns/indexes, bytesUsed 1067) is the schema-rules item (a-tables)" },
  { seq: 5, reason: "createTable's answer (1.9.0 model: empty columns/indexes, bytesUsed 1067) is the schema-rules item (a-tables)" },
  { seq: 6, reason: "createTable's answer (1.9.0 model: empty columns/indexes, bytesUsed 1067) is the schema-rules item (a-tables)" },
  { seq: 7, reason: "createTable's answer (1.9.0 model: empty columns/indexes, bytesUsed 1067) is the schema-rules item (a-tables)" },
  { seq: 8, reason: "createTable's answer (1.9.0 model: empty columns/indexes, bytesUsed 1067) is the schema-rules item (a-tables)" },
  { seq: 92, reason: "updateTable's answer: bytesUsed and inline integer min/max null are the schema-rules items (a-tables)" },
  { seq: 96, reason: "updateTable's answer: bytesUsed and inline integer min/max null are the schema-rules items (a-tables)" },
  { seq: 98, reason: "updateTable without enabled resets it to true (schema-rules item 4, a-tables); also bytesUsed" },
  { seq: 99, reason: "follows from seq 98: the table stays disabled locally" },
];
