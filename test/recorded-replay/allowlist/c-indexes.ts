import type { AllowedDifference } from '../allowlist.js';

/** Exchanges of c-indexes the local server may still answer differently, each with why. */
export const allowlist: readonly AllowedDifference[] = [
  { seq: 81, reason: "not yet implemented: createRows:unique-violation" }, // body.message: expected "Row with the requested ID '' already exists. Try again with a different ID or use ID.unique() to generate a unique ID.", actual "Row with the requested ID 'r6' already exists. Try again with a different ID or use ID.unique() to generate a unique ID."
  { seq: 87, reason: "not yet implemented: createRow:flag-dup-b" }, // status: expected 409, actual 201
  { seq: 92, reason: "not yet implemented: wait:index:ix.u_m" }, // body.error: expected "", actual "Duplicate entry found for unique index 'u_m'"
  { seq: 93, reason: "not yet implemented: getIndex:u_m-after-wait" }, // body.error: expected "", actual "Duplicate entry found for unique index 'u_m'"
  { seq: 108, reason: "not yet implemented: getIndex:i_700-after-column-delete" }, // body.lengths[0]: expected (absent), actual 0
  { seq: 109, reason: "not yet implemented: listIndexes:after-column-delete" }, // body.indexes[4].lengths[0]: expected (absent), actual 0
  { seq: 110, reason: "not yet implemented: renameColumn:n-indexed" }, // status: expected 400, actual 200
  { seq: 111, reason: "not yet implemented: getIndex:u_n-after-rename" }, // body.columns[0]: expected "n", actual "n2"
  { seq: 115, reason: "not yet implemented: getTable:final" }, // body.columns[1].key: expected "n", actual "n2"
];
