import type { AllowedDifference } from '../allowlist.js';

/** Exchanges of a-tables the local server may still answer differently, each with why. */
export const allowlist: readonly AllowedDifference[] = [
  { seq: 56, reason: "1.9.x refuses an index on an array column (Create.php:374-381, 'Creating indexes on array attributes is not currently supported.'); the recording's 1.9.0 server accepted it" }, // status: expected 201, actual 400
  { seq: 73, reason: "follows from seq 56: 1.9.0 created table t_ix_array, which 1.9.x (and the local server) refuses, so the listing differs" }, // body.tables[2].$id: expected "t_ix_array", actual "t_ix_same"
  { seq: 74, reason: "follows from seq 56: 1.9.0 created table t_ix_array, which 1.9.x (and the local server) refuses, so the listing differs" }, // body.tables[2].$id: expected "t_ix_array", actual "t_ix_same"
  { seq: 75, reason: "follows from seq 56: 1.9.0 created table t_ix_array, which 1.9.x (and the local server) refuses, so the listing differs" }, // body.total: expected 7, actual 6
  { seq: 76, reason: "follows from seq 56: 1.9.0 created table t_ix_array, which 1.9.x (and the local server) refuses, so the listing differs" }, // body.tables[1].$id: expected "t_ix_array", actual "t_ix_same"
  { seq: 77, reason: "follows from seq 56: 1.9.0 created table t_ix_array, which 1.9.x (and the local server) refuses, so the listing differs" }, // body.tables[1].$id: expected "t_ix_array", actual "t_ix_same"
  { seq: 78, reason: "follows from seq 56: 1.9.0 created table t_ix_array, which 1.9.x (and the local server) refuses, so the listing differs" }, // body.total: expected 7, actual 6
  { seq: 79, reason: "not yet implemented: listTables:cursor-missing" }, // body.message: expected "Table 't_nope' for the 'cursor' value not found.", actual "Row 't_nope' for the 'cursor' value not found."
  { seq: 81, reason: "not yet implemented: listTables:equal-rowSecurity" }, // status: expected 400, actual 200
  { seq: 82, reason: "follows from seq 56: 1.9.0 created table t_ix_array, which 1.9.x (and the local server) refuses, so the listing differs" }, // body.tables[2].$id: expected "t_ix_array", actual "t_all"
  { seq: 83, reason: "not yet implemented: listTables:unknown-attribute" }, // body.message: expected "Invalid `queries` param: Invalid query: Attribute not found in schema: color", actual "Invalid query: Attribute not found in schema: color"
  { seq: 100, reason: "not yet implemented: listTables:after-delete" }, // status: expected 400, actual 200
];
