export {
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
  InferInsert, InferPatch, InferRow, InferUpdate, InferUpsert, InsertOf, OperatorFor, PatchOf, RowOf, SystemFields,
  UpdateOf, UpsertOf,
} from './infer.js';
export {
  Operator, ColumnOperator, isColumnOperator, type ArrayFilterCondition, type ArrayOperator, type BooleanOperator, type DatetimeOperator,
  type NumericOperator, type OperatorMethod, type OperatorTarget, type TextOperator,
} from './operator.js';
export { rowSchemas, type RowSchemas } from './row-schemas.js';
export { validateInsert, validatePatch, validateUpdate, validateUpsert } from './row-validation.js';
export type { MigrationPlan, MigrationStep, PlanNote, RefusedChange } from './migration-plan.js';
export type { MigrationProgress, MigrationResult } from './applier.js';
