import type { AllowedDifference } from '../allowlist.js';

/** Exchanges of b-columns the local server may still answer differently, each with why. */
export const allowlist: readonly AllowedDifference[] = [
  { seq: 26, reason: "version difference: BigInt columns arrived in 1.9.5 (CHANGES.md:35, PR #11673; createBigIntColumn at /columns/bigint, Attributes/BigInt/Create.php on 1.9.x), so the recorded 1.9.0 answers 404 general_route_not_found; the local server behaves as 1.9.x and creates the column (202)" }, // status: expected 404, actual 202
  { seq: 101, reason: "follows from seq 26: the local server (as 1.9.x) has the bigint column bi that 1.9.0 could not create" }, // body.columns[23].key: expected "name", actual "bi"
  { seq: 102, reason: "follows from seq 26: the local server (as 1.9.x) has the bigint column bi that 1.9.0 could not create" }, // body.columns[23].key: expected "name", actual "bi"
  { seq: 103, reason: "follows from seq 26: the local server (as 1.9.x) has the bigint column bi that 1.9.0 could not create" }, // body.total: expected 26, actual 27
  { seq: 106, reason: "follows from seq 26: the local server (as 1.9.x) has the bigint column bi that 1.9.0 could not create" }, // body.total: expected 26, actual 27
  { seq: 109, reason: "follows from seq 26: the local server (as 1.9.x) has the bigint column bi that 1.9.0 could not create" }, // body.bi: expected (absent), actual null
  { seq: 112, reason: "follows from seq 26: the local server (as 1.9.x) has the bigint column bi that 1.9.0 could not create" }, // body.bi: expected (absent), actual null
  { seq: 113, reason: "follows from seq 26: the local server (as 1.9.x) has the bigint column bi that 1.9.0 could not create" }, // body.bi: expected (absent), actual null
  { seq: 118, reason: "follows from seq 26: the local server (as 1.9.x) has the bigint column bi that 1.9.0 could not create" }, // body.bi: expected (absent), actual null
  { seq: 120, reason: "follows from seq 26: the local server (as 1.9.x) has the bigint column bi that 1.9.0 could not create" }, // body.bi: expected (absent), actual null
  { seq: 121, reason: "follows from seq 26: the local server (as 1.9.x) has the bigint column bi that 1.9.0 could not create" }, // body.bi: expected (absent), actual null
  { seq: 157, reason: "follows from seq 26: the local server (as 1.9.x) has the bigint column bi that 1.9.0 could not create" }, // body.bi: expected (absent), actual null
  { seq: 159, reason: "follows from seq 26: the local server (as 1.9.x) has the bigint column bi that 1.9.0 could not create" }, // body.bytesUsed: expected 15427, actual 15435
  { seq: 168, reason: "follows from seq 26: the local server (as 1.9.x) has the bigint column bi that 1.9.0 could not create" }, // body.bi: expected (absent), actual null
  { seq: 172, reason: "follows from seq 26: the local server (as 1.9.x) has the bigint column bi that 1.9.0 could not create" }, // body.bi: expected (absent), actual null
  { seq: 173, reason: "follows from seq 26: the local server (as 1.9.x) has the bigint column bi that 1.9.0 could not create" }, // body.total: expected 25, actual 26
];
