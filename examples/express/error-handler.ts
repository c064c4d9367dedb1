import type { ErrorRequestHandler } from 'express';
import { OrmError, type OrmErrorCode, ValidationError } from 'appwrite-orm/server';

const STATUS_BY_CODE: Partial<Record<OrmErrorCode, number>> = {
  E_VALIDATION: 400,
  E_NOT_FOUND: 404,
  E_CONFLICT: 409,
  E_APPWRITE: 502,
};

/**
 * Answers every error as JSON: `{ error: { code, message, fields? } }`. ORM errors map by code
 * (validation 400 with the field errors, not found 404, conflict 409, Appwrite unreachable or failing 502,
 * anything else 500); errors from body parsing keep their 4xx status.
 */
export const jsonErrorHandler: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  if (error instanceof OrmError) {
    const status = STATUS_BY_CODE[error.code] ?? 500;
    const fields = error instanceof ValidationError ? Object.fromEntries(error.issues.map((issue) => [issue.field, issue.reason])) : undefined;
    res.status(status).json({ error: { code: error.code, message: error.message, ...error.context, ...(fields && { fields }) } });
    return;
  }
  const status = clientErrorStatus(error);
  if (status !== undefined) {
    res.status(status).json({ error: { code: 'E_REQUEST', message: (error as Error).message } });
    return;
  }
  console.error(error);
  res.status(500).json({ error: { code: 'E_INTERNAL', message: 'internal error' } });
};

/** The 4xx status that body parsers attach to their errors (malformed JSON, body too large). */
function clientErrorStatus(error: unknown): number | undefined {
  const status = typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
