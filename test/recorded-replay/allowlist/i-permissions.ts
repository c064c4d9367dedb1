import type { AllowedDifference } from '../allowlist.js';

/** Exchanges of i-permissions the local server may still answer differently, each with why. */
export const allowlist: readonly AllowedDifference[] = [
  { seq: 2, reason: "not yet implemented: createTable:t_open" }, // body.bytesUsed: expected 1067, actual 138
  { seq: 3, reason: "not yet implemented: createTable:t_rows" }, // body.bytesUsed: expected 1067, actual 138
  { seq: 4, reason: "not yet implemented: createTable:t_locked" }, // body.bytesUsed: expected 1067, actual 138
  { seq: 5, reason: "not yet implemented: createTable:t_readonly" }, // body.bytesUsed: expected 1067, actual 138
  { seq: 6, reason: "not yet implemented: createTable:t_both" }, // body.bytesUsed: expected 1067, actual 138
  { seq: 7, reason: "not yet implemented: createTable:t_disabled" }, // body.bytesUsed: expected 1067, actual 138
  { seq: 8, reason: "not yet implemented: createTable:t_verified" }, // body.bytesUsed: expected 1067, actual 138
  { seq: 24, reason: "not yet implemented: alice:listRows:t_rows" }, // body.rows[3]: expected {"title":"runverified","n":1,"$id":"runverified","$sequence":"<sequence>","$createdAt":"<datetime>","$updatedAt":"<datetime>","$permissions":["read(\"user:rec_a…, actual (absent)
  { seq: 30, reason: "not yet implemented: alice:listRows:t_rows-total-false" }, // body.rows[3]: expected {"title":"runverified","n":1,"$id":"runverified","$sequence":"<sequence>","$createdAt":"<datetime>","$updatedAt":"<datetime>","$permissions":["read(\"user:rec_a…, actual (absent)
  { seq: 38, reason: "not yet implemented: alice:getTable" }, // body.message: expected "recalice@example.test (role: users) missing scopes ([\"tables.read\",\"collections.read\"])", actual "recalice@example.test (role: users) missing scopes ([\"tables.read\"])"
  { seq: 39, reason: "not yet implemented: alice:listTables" }, // body.message: expected "recalice@example.test (role: users) missing scopes ([\"tables.read\",\"collections.read\"])", actual "recalice@example.test (role: users) missing scopes ([\"tables.read\"])"
  { seq: 41, reason: "not yet implemented: alice:listRows:cursor-on-unreadable-row" }, // body.rows[2]: expected {"title":"runverified","n":1,"$id":"runverified","$sequence":"<sequence>","$createdAt":"<datetime>","$updatedAt":"<datetime>","$permissions":["read(\"user:rec_a…, actual (absent)
  { seq: 47, reason: "not yet implemented: alice:createRow:grant-role-she-lacks" }, // body.message: expected "Permissions must be one of: (any, users, user:rec_alice, user:rec_alice/unverified, users/unverified)", actual "Permissions must be one of: (any, users, user:rec_alice)"
  { seq: 48, reason: "not yet implemented: alice:createRow:grant-team-role" }, // body.message: expected "Permissions must be one of: (any, users, user:rec_alice, user:rec_alice/unverified, users/unverified)", actual "Permissions must be one of: (any, users, user:rec_alice)"
  { seq: 49, reason: "not yet implemented: alice:createRow:$permissions-in-data" }, // status: expected 201, actual 401
  { seq: 50, reason: "not yet implemented: alice:createRow:t_locked" }, // body.message: expected "No permissions provided for action 'create'", actual "The current user is not authorized to perform the requested action."
  { seq: 51, reason: "not yet implemented: alice:createRow:t_readonly" }, // body.message: expected "No permissions provided for action 'create'", actual "The current user is not authorized to perform the requested action."
  { seq: 53, reason: "not yet implemented: alice:createRow:t_verified-unverified-role" }, // status: expected 201, actual 401
  { seq: 63, reason: "not yet implemented: alice:updateRow:give-permissions-away" }, // body.message: expected "Permissions must be one of: (any, users, user:rec_alice, user:rec_alice/unverified, users/unverified)", actual "Permissions must be one of: (any, users, user:rec_alice)"
  { seq: 66, reason: "not yet implemented: alice:upsertRow:new" }, // status: expected 200, actual 201
  { seq: 67, reason: "not yet implemented: alice:upsertRow:others-existing" }, // body.message: expected "Permissions must be one of: (any, users, user:rec_alice, user:rec_alice/unverified, users/unverified)", actual "The current user is not authorized to perform the requested action."
  { seq: 76, reason: "not yet implemented: alice:upsertRows" }, // status: expected 404, actual 401
  { seq: 77, reason: "not yet implemented: alice:updateRows" }, // status: expected 404, actual 401
  { seq: 78, reason: "not yet implemented: alice:deleteRows" }, // status: expected 404, actual 401
  { seq: 80, reason: "not yet implemented: alice:createTransaction" }, // status: expected 201, actual 501
  { seq: 81, reason: "not yet implemented: alice:staged:createRow" }, // status: expected 201, actual 501
  { seq: 82, reason: "not yet implemented: alice:staged:updateRow-others" }, // status: expected 404, actual 501
  { seq: 83, reason: "not yet implemented: bob:getTransaction-of-alice" }, // status: expected 404, actual 501
  { seq: 84, reason: "not yet implemented: alice:commit" }, // status: expected 200, actual 501
  { seq: 85, reason: "not yet implemented: alice:getRow:atx1" }, // status: expected 200, actual 404
  { seq: 92, reason: "not yet implemented: updateTable:t_rows-rowSecurity-off" }, // body.bytesUsed: expected 1200, actual 138
  { seq: 96, reason: "not yet implemented: updateTable:t_rows-rowSecurity-on" }, // body.bytesUsed: expected 1200, actual 138
  { seq: 97, reason: "not yet implemented: alice:listRows:t_rows-rowSecurity-on" }, // body.rows[2].$id: expected "runverified", actual "ar1"
  { seq: 98, reason: "not yet implemented: updateTable:t_disabled-name-only-reenables" }, // body.bytesUsed: expected 1200, actual 138
  { seq: 99, reason: "not yet implemented: alice:listRows:t_disabled-after-update" }, // status: expected 200, actual 404
  { seq: 103, reason: "not yet implemented: guest:createRow:t_open" }, // body.message: expected "Missing \"create\" permission for role \"users\". Only \"[\"any\",\"guests\"]\" scopes are allowed and \"[\"users\"]\" was given.", actual "The current user is not authorized to perform the requested action."
  { seq: 105, reason: "not yet implemented: guest:createTable" }, // body.message: expected "User (role: guests) missing scopes ([\"tables.write\",\"collections.write\"])", actual "User (role: guests) missing scopes ([\"tables.write\"])"
  { seq: 106, reason: "not yet implemented: invalid-jwt:listRows" }, // body.message: expected "Failed to verify JWT. Invalid token: Incomplete segments", actual "The JWT token is invalid. Please check the value of the X-Appwrite-JWT header to ensure the correct token is being used."
  { seq: 107, reason: "not yet implemented: key-and-jwt:listRows" }, // status: expected 200, actual 403
];
