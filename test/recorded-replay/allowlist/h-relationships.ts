import type { AllowedDifference } from '../allowlist.js';

/** Exchanges of h-relationships the local server may still answer differently, each with why. */
export const allowlist: readonly AllowedDifference[] = [
  { seq: 2, reason: "not yet implemented: createTable:authors" }, // body.bytesUsed: expected 1067, actual 258
  { seq: 3, reason: "not yet implemented: createTable:profiles" }, // body.bytesUsed: expected 1067, actual 258
  { seq: 4, reason: "not yet implemented: createTable:books" }, // body.bytesUsed: expected 1067, actual 258
  { seq: 5, reason: "not yet implemented: createTable:publishers" }, // body.bytesUsed: expected 1067, actual 258
  { seq: 6, reason: "not yet implemented: createTable:tags" }, // body.bytesUsed: expected 1067, actual 258
  { seq: 7, reason: "not yet implemented: createTable:reviews" }, // body.bytesUsed: expected 1067, actual 258
  { seq: 8, reason: "not yet implemented: createRelationship:oneToOne-oneWay-cascade" }, // status: expected 202, actual 501
  { seq: 9, reason: "not yet implemented: wait:column:authors.profile" }, // status: expected 200, actual 404
  { seq: 10, reason: "not yet implemented: wait:column:authors.profile" }, // status: expected 200, actual 404
  { seq: 11, reason: "not yet implemented: createRelationship:oneToMany-twoWay-restrict" }, // status: expected 202, actual 501
  { seq: 12, reason: "not yet implemented: wait:column:authors.books" }, // status: expected 200, actual 404
  { seq: 13, reason: "not yet implemented: wait:column:authors.books" }, // status: expected 200, actual 404
  { seq: 14, reason: "not yet implemented: wait:column:books.author" }, // status: expected 200, actual 404
  { seq: 15, reason: "not yet implemented: createRelationship:manyToOne-twoWay-setNull" }, // status: expected 202, actual 501
  { seq: 16, reason: "not yet implemented: wait:column:books.publisher" }, // status: expected 200, actual 404
  { seq: 17, reason: "not yet implemented: wait:column:books.publisher" }, // status: expected 200, actual 404
  { seq: 18, reason: "not yet implemented: wait:column:publishers.books" }, // status: expected 200, actual 404
  { seq: 19, reason: "not yet implemented: createRelationship:manyToMany-twoWay-setNull" }, // status: expected 202, actual 501
  { seq: 20, reason: "not yet implemented: wait:column:books.tags" }, // status: expected 200, actual 404
  { seq: 21, reason: "not yet implemented: wait:column:books.tags" }, // status: expected 200, actual 404
  { seq: 22, reason: "not yet implemented: wait:column:tags.books" }, // status: expected 200, actual 404
  { seq: 23, reason: "not yet implemented: createRelationship:manyToOne-oneWay-default-onDelete" }, // status: expected 202, actual 501
  { seq: 24, reason: "not yet implemented: wait:column:reviews.book" }, // status: expected 200, actual 404
  { seq: 25, reason: "not yet implemented: wait:column:reviews.book" }, // status: expected 200, actual 404
  { seq: 27, reason: "not yet implemented: getTable:authors" }, // body.bytesUsed: expected 3366, actual 258
  { seq: 28, reason: "not yet implemented: getTable:books" }, // body.bytesUsed: expected 4387, actual 258
  { seq: 29, reason: "not yet implemented: listColumns:tags" }, // body.columns[1]: expected {"key":"books","type":"relationship","status":"available","error":"","required":false,"array":false,"$createdAt":"<datetime>","$updatedAt":"<datetime>","related…, actual (absent)
  { seq: 30, reason: "not yet implemented: createRelationship:missing-related-table" }, // status: expected 404, actual 501
  { seq: 31, reason: "not yet implemented: createRelationship:duplicate-key" }, // status: expected 409, actual 501
  { seq: 32, reason: "not yet implemented: createRelationship:second-manyToMany-same-tables" }, // status: expected 409, actual 501
  { seq: 33, reason: "not yet implemented: createRelationship:invalid-type" }, // status: expected 400, actual 501
  { seq: 34, reason: "not yet implemented: createRelationship:invalid-onDelete" }, // status: expected 400, actual 501
  { seq: 35, reason: "not yet implemented: createRelationship:twoWayKey-taken" }, // status: expected 409, actual 501
  { seq: 36, reason: "not yet implemented: createIndex:on-relationship" }, // body.message: expected "Cannot create an index for a relationship column: publisher", actual "The column 'publisher' required for the index could not be found. Please confirm all your columns are in the available state."
  { seq: 37, reason: "not yet implemented: createRelationship:self" }, // status: expected 202, actual 501
  { seq: 38, reason: "not yet implemented: wait:column:authors.mentor" }, // status: expected 200, actual 404
  { seq: 39, reason: "not yet implemented: wait:column:authors.mentor" }, // status: expected 200, actual 404
  { seq: 41, reason: "not yet implemented: createRow:author-a1-links-profile-and-nested-books" }, // status: expected 201, actual 400
  { seq: 42, reason: "not yet implemented: createRow:author-a2-nested-profile" }, // status: expected 201, actual 400
  { seq: 43, reason: "not yet implemented: createRow:publisher" }, // body.books: expected [], actual (absent)
  { seq: 44, reason: "not yet implemented: createRow:tags" }, // body.books: expected [], actual (absent)
  { seq: 45, reason: "not yet implemented: createRow:tag-t2" }, // body.books: expected [], actual (absent)
  { seq: 46, reason: "not yet implemented: updateRow:book-publisher-and-tags" }, // status: expected 200, actual 404
  { seq: 47, reason: "not yet implemented: createRow:book-k3-with-author-id" }, // status: expected 201, actual 400
  { seq: 48, reason: "not yet implemented: createRow:review" }, // status: expected 201, actual 400
  { seq: 49, reason: "not yet implemented: createRow:invalid-relationship-value" }, // body.message: expected "Relationship value must be an object, document ID string, or associative array", actual "Invalid document structure: Unknown attribute: \"publisher\""
  { seq: 50, reason: "not yet implemented: createRow:link-to-missing-row" }, // status: expected 201, actual 400
  { seq: 51, reason: "not yet implemented: createRow:many-side-given-scalar" }, // body.message: expected "Invalid relationship value. Must be either an array of documents or document IDs, document ID given.", actual "Invalid document structure: Unknown attribute: \"books\""
  { seq: 52, reason: "not yet implemented: getRow:a1-no-select" }, // status: expected 200, actual 404
  { seq: 53, reason: "not yet implemented: getRow:a1-select-star" }, // status: expected 200, actual 404
  { seq: 54, reason: "not yet implemented: getRow:a1-select-books" }, // status: expected 200, actual 400
  { seq: 55, reason: "not yet implemented: getRow:a1-select-books-title" }, // status: expected 200, actual 400
  { seq: 56, reason: "not yet implemented: getRow:k1-select-all-relations" }, // status: expected 200, actual 400
  { seq: 57, reason: "not yet implemented: getRow:pub1-select-books" }, // status: expected 200, actual 400
  { seq: 58, reason: "not yet implemented: getRow:t2-select-books" }, // status: expected 200, actual 400
  { seq: 59, reason: "not yet implemented: getRow:v1-select-book-author" }, // status: expected 200, actual 400
  { seq: 60, reason: "not yet implemented: listRows:authors-no-select" }, // body.rows[0]: expected {"name":"Ann","$id":"a1","$sequence":"<sequence>","$createdAt":"<datetime>","$updatedAt":"<datetime>","$permissions":[],"profile":"p1","$databaseId":"rec_h_rela…, actual (absent)
  { seq: 61, reason: "not yet implemented: listRows:authors-select-books" }, // status: expected 200, actual 400
  { seq: 62, reason: "not yet implemented: listRows:books-select-star" }, // body.rows[0]: expected {"title":"Book 1","$id":"k1","$sequence":"<sequence>","$createdAt":"<datetime>","$updatedAt":"<datetime>","$permissions":[],"author":"a1","publisher":"pub1","$d…, actual (absent)
  { seq: 63, reason: "not yet implemented: listRows:books-filter-author" }, // status: expected 200, actual 400
  { seq: 64, reason: "not yet implemented: listRows:books-filter-publisher" }, // status: expected 200, actual 400
  { seq: 65, reason: "not yet implemented: listRows:books-filter-dotted" }, // status: expected 200, actual 400
  { seq: 66, reason: "not yet implemented: listRows:authors-filter-virtual-books" }, // body.message: expected "Invalid query: Cannot query on virtual relationship attribute", actual "Invalid query: Attribute not found in schema: books"
  { seq: 68, reason: "not yet implemented: updateRow:unlink-k2" }, // status: expected 200, actual 404
  { seq: 69, reason: "not yet implemented: getRow:k2-after-unlink" }, // status: expected 200, actual 400
  { seq: 70, reason: "not yet implemented: updateRow:nested-update" }, // status: expected 200, actual 404
  { seq: 71, reason: "not yet implemented: updateRow:set-null-oneToOne" }, // status: expected 200, actual 404
  { seq: 72, reason: "not yet implemented: getRow:p2-after-unlink" }, // status: expected 200, actual 404
  { seq: 73, reason: "not yet implemented: updateRow:profile-back" }, // status: expected 200, actual 404
  { seq: 74, reason: "not yet implemented: createRows:tags-refused" }, // status: expected 400, actual 201
  { seq: 75, reason: "not yet implemented: updateRows:books-refused" }, // status: expected 400, actual 200
  { seq: 76, reason: "not yet implemented: upsertRows:reviews-refused" }, // status: expected 400, actual 201
  { seq: 77, reason: "not yet implemented: deleteRows:profiles-refused" }, // body.rows[1]: expected {"bio":"bio 2","$id":"p2","$sequence":"<sequence>","$createdAt":"<datetime>","$updatedAt":"<datetime>","$permissions":[],"$databaseId":"rec_h_relationships","$t…, actual (absent)
  { seq: 78, reason: "not yet implemented: deleteRow:author-a1-restrict" }, // status: expected 403, actual 404
  { seq: 79, reason: "not yet implemented: deleteRow:book-k2-no-author" }, // status: expected 204, actual 404
  { seq: 81, reason: "not yet implemented: getRow:k1-after-publisher-delete" }, // status: expected 200, actual 400
  { seq: 83, reason: "not yet implemented: getRow:k1-after-tag-delete" }, // status: expected 200, actual 400
  { seq: 84, reason: "not yet implemented: deleteRow:author-a2-restrict-has-book" }, // status: expected 403, actual 404
  { seq: 85, reason: "not yet implemented: deleteRow:book-k3" }, // status: expected 204, actual 404
  { seq: 86, reason: "not yet implemented: deleteRow:author-a2-cascade-profile" }, // status: expected 204, actual 404
  { seq: 88, reason: "not yet implemented: deleteRow:book-k1-referenced-by-review" }, // status: expected 403, actual 404
  { seq: 89, reason: "not yet implemented: listRows:reviews-after" }, // status: expected 200, actual 400
  { seq: 90, reason: "not yet implemented: updateRelationship:onDelete-cascade" }, // status: expected 200, actual 501
  { seq: 91, reason: "not yet implemented: getColumn:authors.books-after-update" }, // status: expected 200, actual 404
  { seq: 92, reason: "not yet implemented: getColumn:books.author-after-update" }, // status: expected 200, actual 404
  { seq: 93, reason: "not yet implemented: updateRelationship:rename" }, // status: expected 200, actual 501
  { seq: 94, reason: "not yet implemented: getTable:books-after-rename" }, // body.bytesUsed: expected 4387, actual 258
  { seq: 95, reason: "not yet implemented: deleteRow:author-a1-cascade" }, // status: expected 403, actual 404
  { seq: 96, reason: "not yet implemented: listRows:books-after-cascade" }, // body.rows[0]: expected {"title":"Book 1 (2nd ed.)","$id":"k1","$sequence":"<sequence>","$createdAt":"<datetime>","$updatedAt":"<datetime>","$permissions":[],"author":"a1","publisher":…, actual (absent)
  { seq: 97, reason: "not yet implemented: deleteColumn:authors.books-twoWay" }, // status: expected 204, actual 404
  { seq: 101, reason: "not yet implemented: getTable:authors-final" }, // body.bytesUsed: expected 3366, actual 258
  { seq: 102, reason: "not yet implemented: getTable:books-final" }, // body.bytesUsed: expected 3366, actual 258
];
