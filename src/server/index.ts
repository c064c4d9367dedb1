export { OrmError, type OrmErrorCode, type OrmErrorContext } from '../errors/index.js';
