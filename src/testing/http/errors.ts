import { ApiError } from './api-error.js';

/* Messages follow Appwrite 1.9's app/config/errors.php, with '%s' filled in as the server does. */

export const databaseNotFound = (id: string): ApiError =>
  new ApiError('database_not_found', `Database with the requested ID '${id}' could not be found.`, 404);

export const databaseAlreadyExists = (id: string): ApiError =>
  new ApiError(
    'database_already_exists',
    `Database with the requested ID '${id}' already exists. Try again with a different ID or use ID.unique() to generate a unique ID.`,
    409,
  );

export const tableNotFound = (id: string): ApiError =>
  new ApiError('table_not_found', `Table with the requested ID '${id}' could not be found.`, 404);

export const tableAlreadyExists = (id: string): ApiError =>
  new ApiError(
    'table_already_exists',
    `A table with the requested ID '${id}' already exists. Try again with a different ID or use ID.unique() to generate a unique ID.`,
    409,
  );

export const rowNotFound = (id: string): ApiError =>
  new ApiError('row_not_found', `Row with the requested ID '${id}' could not be found.`, 404);

export const rowAlreadyExists = (id: string): ApiError =>
  new ApiError(
    'row_already_exists',
    `Row with the requested ID '${id}' already exists. Try again with a different ID or use ID.unique() to generate a unique ID.`,
    409,
  );

export const rowInvalidStructure = (detail: string): ApiError =>
  new ApiError('row_invalid_structure', `Invalid document structure: ${detail}`, 400);

export const rowMissingData = (message = 'The row data is missing. Try again with row data populated.'): ApiError =>
  new ApiError('row_missing_data', message, 400);

export const rowMissingPayload = (): ApiError =>
  new ApiError(
    'row_missing_payload',
    'The row data and permissions are missing. You must provide either row data or permissions to be updated.',
    400,
  );

export const columnNotFound = (key: string): ApiError =>
  new ApiError('column_not_found', `Column with the requested key '${key}' could not be found.`, 404);

export const columnUnknown = (key: string): ApiError =>
  new ApiError(
    'column_unknown',
    `The column '${key}' required for the index could not be found. Please confirm all your columns are in the available state.`,
    400,
  );

export const columnNotAvailable = (key: string): ApiError =>
  new ApiError('column_not_available', `The requested column '${key}' is not yet available. Please try again later.`, 400);

export const columnAlreadyExists = (key: string): ApiError =>
  new ApiError(
    'column_already_exists',
    `Column with the requested key '${key}' already exists. Column keys must be unique, try again with a different key.`,
    409,
  );

export const columnDefaultUnsupported = (message: string): ApiError =>
  new ApiError('column_default_unsupported', message, 400);

export const columnValueInvalid = (message: string): ApiError => new ApiError('column_value_invalid', message, 400);

export const columnTypeInvalid = (message: string): ApiError => new ApiError('column_type_invalid', message, 400);

export const indexNotFound = (key: string): ApiError =>
  new ApiError('column_index_not_found', `Index with the requested key '${key}' could not be found.`, 404);

export const indexAlreadyExists = (key: string): ApiError =>
  new ApiError(
    'column_index_already_exists',
    `Index with the requested key '${key}' already exists. Try again with a different key.`,
    409,
  );

export const argumentInvalid = (message: string): ApiError => new ApiError('general_argument_invalid', message, 400);

export const paramMissing = (name: string): ApiError => argumentInvalid(`Param "${name}" is not optional.`);

export const paramInvalid = (name: string, description: string): ApiError =>
  argumentInvalid(`Invalid \`${name}\` param: ${description}`);

export const badRequest = (message: string): ApiError => new ApiError('general_bad_request', message, 400);

export const userUnauthorized = (
  message = 'The current user is not authorized to perform the requested action.',
): ApiError => new ApiError('user_unauthorized', message, 401);

export const unauthorizedScope = (message: string): ApiError =>
  new ApiError('general_unauthorized_scope', message, 401);

export const routeNotFound = (): ApiError =>
  new ApiError(
    'general_route_not_found',
    'Route not found. Please ensure the endpoint is configured correctly and that the API route is valid for this SDK version. Refer to the API docs for more details.',
    404,
  );

/** An exception Appwrite does not map: its error handler answers 500 `Server Error`. */
export const serverError = (): ApiError => new ApiError('general_unknown', 'Server Error', 500);

export const notImplemented = (what: string): ApiError =>
  new ApiError('general_not_implemented', `${what} is not implemented by the Appwrite emulator.`, 501);
