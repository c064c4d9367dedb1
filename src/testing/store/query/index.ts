export { parseQueries, checkQueriesParam } from './parse.js';
export { validateQueries, type QueryContext } from './validate.js';
export { runListQuery, filterRows } from './run.js';
export type { ParsedQuery } from './query-types.js';
