export { OrmError, type OrmErrorCode, type OrmErrorContext } from '../errors/index.js';
export { warm, type WarmTask, type WarmTaskResult, type WarmReport, type WarmOptions } from '../cache/warm-tasks.js';
export { createWarmer, type Warmer, type WarmerOptions, type WarmerStats } from '../cache/cache-warmer.js';
