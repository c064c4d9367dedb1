import type { AllowedDifference } from '../allowlist.js';

/** Exchanges of c-indexes the local server may still answer differently, each with why. */
export const allowlist: readonly AllowedDifference[] = [
  { seq: 87, reason: "not yet implemented: createRow:flag-dup-b" }, // status: expected 409, actual 201
  { seq: 92, reason: "not yet implemented: wait:index:ix.u_m" }, // body.error: expected "", actual "Duplicate entry found for unique index 'u_m'"
  { seq: 93, reason: "not yet implemented: getIndex:u_m-after-wait" }, // body.error: expected "", actual "Duplicate entry found for unique index 'u_m'"
  { seq: 108, reason: "not yet implemented: getIndex:i_700-after-column-delete" }, // body.lengths[0]: expected (absent), actual 0
  { seq: 109, reason: "not yet implemented: listIndexes:after-column-delete" }, // body.indexes[4].lengths[0]: expected (absent), actual 0
  { seq: 110, reason: "1.9.x allows renaming an indexed column and renames it in its indexes (Attributes/Action.php:660-688); the recording's 1.9.0 server refused it" }, // status: expected 400, actual 200
  { seq: 111, reason: "follows from seq 110: 1.9.x renamed the indexed column n to n2 (Attributes/Action.php:660-688), 1.9.0 refused" }, // body.columns[0]: expected "n", actual "n2"
  { seq: 115, reason: "follows from seq 110: 1.9.x renamed the indexed column n to n2 (Attributes/Action.php:660-688), 1.9.0 refused" }, // body.columns[1].key: expected "n", actual "n2"
];
