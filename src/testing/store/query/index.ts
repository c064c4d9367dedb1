export { parseQueries, checkQueriesParam, MAX_QUERIES, MAX_QUERY_LENGTH } from './parse.js';
export { validateQueries, type QueryContext } from './validate.js';
export { runListQuery, filterRows, DEFAULT_LIMIT, TOTAL_CAP, type ListResult } from './run.js';
export { applySelect } from './select.js';
export type { ParsedQuery, QueryMethod } from './query-types.js';
