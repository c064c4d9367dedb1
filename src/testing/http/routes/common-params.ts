import { arrayList, boolean, json, nullable, optional, param, permissions, text, uid, type ParamRule, type Validator } from '../param-rules.js';

/* Params many TablesDB actions declare alike (Appwrite 1.9 Modules/Databases/Http/TablesDB/**). */

export const databaseId: ParamRule = param('databaseId', uid);
export const tableId: ParamRule = param('tableId', uid);
export const rowId: ParamRule = param('rowId', uid);
/** `Nullable(UID)`, optional: the transaction a row route stages into or reads from. */
export const transactionId: ParamRule = optional('transactionId', nullable(uid));
/** Row routes' `queries`: `ArrayList(Text(APP_LIMIT_ARRAY_ELEMENT_SIZE), APP_LIMIT_ARRAY_PARAMS_SIZE)`. */
export const rowQueries: ParamRule = optional('queries', arrayList(text(4096), 100));
/** List routes' `total`: `Boolean(true)` (loose, for query strings). */
export const total: ParamRule = optional('total', boolean(true));
/** Metadata list routes' `search`: `Text(256)`. */
export const search: ParamRule = optional('search', text(256));
/** Row routes' `data`: utopia `JSON` (an object, a list, or a JSON string). */
export const data: ParamRule = optional('data', json);
/** Row routes' `permissions`: `Nullable(Permissions(100, [read, update, delete, write]))`. */
export const rowPermissions: ParamRule = permissions('permissions', ['read', 'update', 'delete', 'write']);
/** `rows` of createRows and upsertRows: `ArrayList(JSON(), APP_LIMIT_DATABASE_BATCH)`. */
export const rowsValidator: Validator = arrayList(json, 100);
