export { OrmError, type OrmErrorCode, type OrmErrorContext } from './orm-error.js';
