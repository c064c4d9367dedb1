/** The `version` field Appwrite puts in error bodies; matches the SDK's response format. */
export const APPWRITE_VERSION = '1.9.5';

/** JSON body of an Appwrite error response. */
export interface ApiErrorBody {
  readonly message: string;
  readonly code: number;
  readonly version: string;
  readonly type: string;
}

/**
 * An Appwrite API error: the emulator's routes throw it and the server turns it into the JSON error body
 * `{ message, code, version, type }` with `code` as the HTTP status.
 *
 * @example
 * ```ts
 * throw new ApiError('row_not_found', "Row with the requested ID 'r1' could not be found.", 404);
 * ```
 */
export class ApiError extends Error {
  readonly type: string;
  readonly code: number;

  constructor(type: string, message: string, code: number) {
    super(message);
    this.name = 'ApiError';
    this.type = type;
    this.code = code;
  }

  /** The response body Appwrite sends for this error. */
  toBody(version: string = APPWRITE_VERSION): ApiErrorBody {
    return { message: this.message, code: this.code, version, type: this.type };
  }
}
