export { OrmError, type OrmErrorCode, type OrmErrorContext } from '../errors/index.js';
export { warm, type WarmTask, type WarmTaskResult, type WarmReport, type WarmOptions } from '../warming/warm-tasks.js';
export { createWarmer, type Warmer, type WarmerOptions, type WarmerStats } from '../warming/cache-warmer.js';
export { ServerORM, type MigrateOptions } from './server-orm.js';
export { DEFAULTS } from './defaults.js';
export type { ServerORMConfig, CacheConfig, L2Config, MigrateConfig, RetryConfig, OrmLogger } from './config.js';
export { ConfigError, ValidationError, type ValidationIssue, MigrationError, SchemaDriftError } from '../errors/index.js';
export {
  defineTable,
  tableId,
  rowSchemas,
  validateInsert,
  validateUpdate,
  validatePatch,
  validateUpsert,
  Operator,
  ColumnOperator,
  type ArrayFilterCondition,
  type ArrayOperator,
  type BooleanOperator,
  type DatetimeOperator,
  type NumericOperator,
  type TextOperator,
  type OperatorMethod,
  type OperatorTarget,
  type OperatorFor,
  type FieldDefinition,
  type FieldType,
  type StringField,
  type VarcharField,
  type TextField,
  type IntegerField,
  type BigintField,
  type FloatField,
  type BooleanField,
  type DatetimeField,
  type EmailField,
  type UrlField,
  type IpField,
  type EnumField,
  type SchemaDefinition,
  type IndexDefinition,
  type TableDefinition,
  type TableName,
  type TableByName,
  type InferRow,
  type InferInsert,
  type InferUpdate,
  type InferPatch,
  type InferUpsert,
  type RowOf,
  type InsertOf,
  type UpdateOf,
  type PatchOf,
  type UpsertOf,
  type SystemFields,
  type RowSchemas,
  type MigrationPlan,
  type MigrationStep,
  type RefusedChange,
  type PlanNote,
  type MigrationResult,
  type MigrationProgress,
} from '../schema/index.js';
export { Database } from './database.js';
export type { RememberOptions } from './remember.js';
export type { FoundOrCreated } from './table-defaults.js';
export type { AggregateSpec, AggregateResult, AggregateFigure, AggregateOptions } from './table-aggregate.js';
export type { TableHandle } from './table-handle.js';
export type { Transaction, TransactionOptions } from './transaction.js';
export type { TransactionTable, StagedRow } from './transaction-table.js';
export type {
  CallOptions, StepOptions, ReadOptions, QueryOptions, AllOptions, IterateOptions, TableFilter, TableQuery, OrderBy, ColumnName, QueryableColumn,
  NumericColumn, BigintColumn, SteppableColumn, SelectedRow, CreateOptions, WriteOptions, BulkCreateRow, BulkUpsertRow, BulkUpdateItem, BulkDeleteResult,
} from './table-types.js';
export type { FilterObject, FilterScalar } from '../query/filter-object.js';
export type { RetryPolicy } from '../appwrite/read-retry.js';
export { NotFoundError, ConflictError, QueryError, AppwriteError, ConnectionError, BulkPartialError, type BulkRowRef, type BulkRowFailure, TransactionError, type TransactionFailureReason } from '../errors/index.js';
export type { BridgeStats, BridgeState, BridgeCounters } from '../bridge/bridge-stats.js';
export type { OperationEvent, OperationOutcome, OrmTracer, OrmSpan } from './operation-observer.js';
export { prometheusMetrics, type PrometheusMetrics, type PrometheusMetricsOptions, type PrometheusRegistry } from './prometheus-metrics.js';
export type { Migrator, MigrationRows, MigrationRow, MigrationTableOptions } from '../schema/migrations/migrator.js';
export type { CliConfig } from '../schema/migrations/cli-config.js';
