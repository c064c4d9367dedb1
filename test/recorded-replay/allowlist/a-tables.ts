import type { AllowedDifference } from '../allowlist.js';

/** Exchanges of a-tables the local server may still answer differently, each with why. */
export const allowlist: readonly AllowedDifference[] = [
  { seq: 56, reason: "not yet implemented: createTable:index-on-array" }, // status: expected 201, actual 400
  { seq: 72, reason: "not yet implemented: createTable:bad-permission" }, // body.message: expected "Invalid `permissions` param: Role \"nobody\" is not allowed. Must be one of: any, guests, users, user, team, member, label. or null", actual "Invalid `permissions` param: Permission \"read(\"nobody:x\")\" is not allowed. Must be one of: read, create, update, delete, write."
  { seq: 73, reason: "not yet implemented: listTables:default" }, // body.tables[2].$id: expected "t_ix_array", actual "t_ix_same"
  { seq: 74, reason: "not yet implemented: listTables:total-false" }, // body.tables[2].$id: expected "t_ix_array", actual "t_ix_same"
  { seq: 75, reason: "not yet implemented: listTables:total-true-limit-2" }, // body.total: expected 7, actual 6
  { seq: 76, reason: "not yet implemented: listTables:limit-2-offset-1" }, // body.tables[1].$id: expected "t_ix_array", actual "t_ix_same"
  { seq: 77, reason: "not yet implemented: listTables:cursorAfter" }, // body.tables[1].$id: expected "t_ix_array", actual "t_ix_same"
  { seq: 78, reason: "not yet implemented: listTables:cursorBefore" }, // body.total: expected 7, actual 6
  { seq: 79, reason: "not yet implemented: listTables:cursor-missing" }, // body.message: expected "Table 't_nope' for the 'cursor' value not found.", actual "Row 't_nope' for the 'cursor' value not found."
  { seq: 81, reason: "not yet implemented: listTables:equal-rowSecurity" }, // status: expected 400, actual 200
  { seq: 82, reason: "not yet implemented: listTables:orderDesc-name" }, // body.tables[2].$id: expected "t_ix_array", actual "t_all"
  { seq: 83, reason: "not yet implemented: listTables:unknown-attribute" }, // body.message: expected "Invalid `queries` param: Invalid query: Attribute not found in schema: color", actual "Invalid query: Attribute not found in schema: color"
  { seq: 100, reason: "not yet implemented: listTables:after-delete" }, // status: expected 400, actual 200
];
