export {
  DEFAULT_STRING_SIZE,
  FIELD_TYPES,
  type BooleanField,
  type DatetimeField,
  type EmailField,
  type EnumField,
  type FieldDefinition,
  type FieldType,
  type FloatField,
  type IntegerField,
  type BigintField,
  type IpField,
  type SchemaDefinition,
  type StringField,
  type TextField,
  type UrlField,
  type VarcharField,
} from './field-definition.js';
export { defineTable, tableId, type IndexDefinition, type TableByName, type TableDefinition, type TableName } from './table-definition.js';
export type {
  InferInsert, InferPatch, InferRow, InferUpdate, InferUpsert, InsertOf, OperatorFor, PatchOf, RowOf, SerializedInsert, SerializedUpdate, SystemFields,
  UpdateOf, UpsertOf,
} from './infer.js';
export {
  Operator, ColumnOperator, isColumnOperator, type ArrayFilterCondition, type ArrayOperator, type BooleanOperator, type DatetimeOperator,
  type NumericOperator, type OperatorMethod, type OperatorTarget, type TextOperator,
} from './operator.js';
export { checkOperator, type OperatorCheck } from './operator-check.js';
export { rowSchemas, type RowSchemas } from './row-schemas.js';
export { validateInsert, validatePatch, validateUpdate, validateUpsert } from './row-validation.js';
export { schemaFingerprint } from './fingerprint.js';
export { checkTableDefinitions } from './definition-check.js';
export { columnSpec, tableSpec } from './desired-spec.js';
export { normaliseColumn, normaliseIndex, normaliseTable, type RawColumn, type RawIndex, type RawTable } from './live-state.js';
export type { ColumnSpec, IndexSpec, LiveColumn, LiveIndex, LiveState, LiveTable, ResourceStatus, TableSpec } from './spec.js';
export type { MigrationPlan, MigrationStep, PlanNote, PlanOptions, PropertyChange, RefusedChange, TableSettings } from './migration-plan.js';
export { planMigration, type PlanInput } from './planner.js';
export { differenceLines, renderPlan } from './plan-renderer.js';
export type { MigrationPort } from './migration-port.js';
export { applyPlan, type ApplyOptions, type MigrationProgress, type MigrationResult } from './applier.js';
export type { PollOptions } from './resource-waiter.js';
