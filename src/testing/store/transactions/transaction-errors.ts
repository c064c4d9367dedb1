import { ApiError } from '../../http/api-error.js';

/*
 * Errors of Appwrite's transaction routes (app/config/errors.php). `transaction_expired` is declared 410,
 * a code Appwrite's error handler does not pass through: it answers 500 "Server Error" with the type kept.
 */

export const transactionNotFound = (id: string): ApiError =>
  new ApiError('transaction_not_found', `Transaction with the requested ID '${id}' could not be found.`, 404);

export const transactionNotReady = (): ApiError =>
  new ApiError('transaction_not_ready', 'The transaction is not ready yet. Please try again later.', 400);

export const transactionExpired = (): ApiError => new ApiError('transaction_expired', 'Server Error', 500);

export const transactionConflict = (): ApiError =>
  new ApiError('transaction_conflict', 'The transaction has a conflict. Please resolve the conflict and try again.', 409);

export const transactionLimitExceeded = (existing: number, adding: number, max: number): ApiError =>
  new ApiError('transaction_limit_exceeded',
    `Transaction already has ${existing} operations, adding ${adding} would exceed the maximum of ${max}`, 400);

/** What increment, decrement, the bulk routes and createOperations answer for a missing or finished transaction. */
export const transactionNotPending = (): ApiError => new ApiError('general_bad_request', 'Invalid or non\u2011pending transaction', 400);

/** Commit failures use the collection-era types, even on TablesDB. */
export const documentNotFound = (id: string): ApiError =>
  new ApiError('document_not_found', `Document with the requested ID '${id}' could not be found.`, 404);

export const collectionNotFound = (id: string): ApiError =>
  new ApiError('collection_not_found', `Collection with the requested ID '${id}' could not be found.`, 404);
