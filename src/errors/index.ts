export { OrmError, type OrmErrorCode, type OrmErrorContext } from './orm-error.js';
export { NotFoundError } from './not-found-error.js';
export { ConflictError } from './conflict-error.js';
export { QueryError } from './query-error.js';
export { AppwriteError } from './appwrite-error.js';
export { BulkPartialError, type BulkRowRef, type BulkRowFailure } from './bulk-partial-error.js';
