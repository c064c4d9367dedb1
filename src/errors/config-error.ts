import { OrmError, type OrmErrorContext } from './orm-error.js';

/**
 * The configuration or a table declaration is invalid: a missing or malformed connection setting, or a
 * field whose declaration cannot work (a default outside min/max, an index on an unknown field...).
 * Thrown before any request is sent. Secrets (the API key) never appear in the message.
 *
 * @example
 * ```ts
 * try { new ServerORM({ endpoint: 'not a url', projectId: 'p', databaseId: 'd', apiKey: 'k' }); }
 * catch (error) { if (error instanceof ConfigError) console.log(error.message); }
 * ```
 */
export class ConfigError extends OrmError {
  constructor(message: string, context: OrmErrorContext = {}, options?: { cause?: unknown }) {
    super('E_CONFIG', message, context, options);
  }
}
