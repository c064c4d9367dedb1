import { ValidationError } from '../errors/validation-error.js';
import { QueryError } from '../errors/query-error.js';
import { validateInsert, validatePatch, validateUpsert } from '../schema/row-validation.js';
import { rejectOperatorStrings } from '../query/operator-strings.js';
import type { CanonicalQuery } from '../query/canonical-query.js';
import type { TableRuntime } from './table-runtime.js';
import { isSteppable, stepProblem, type StepValue } from './step-check.js';

/** A validated row body, ready to send. */
export type RowBody = Readonly<Record<string, unknown>>;

/*
 * The checks of a write, made before anything is sent, shared by the table handles and the transaction
 * tables: both validate against the same declaration and answer bad input with the same errors.
 */

/**
 * Appwrite refuses a write without data: `row_missing_data` for a create, `row_missing_payload` for an
 * update that gives no permissions either, and for `updateRows` always. Refused here instead.
 */
function requireData(runtime: TableRuntime, body: object, what: string, permissions?: readonly string[]): void {
  if (permissions !== undefined || Object.values(body).some((value) => value !== undefined)) return;
  throw new ValidationError(runtime.id, [{ field: '', reason: `${what} needs at least one field${permissions === undefined && what !== 'create' && what !== 'updateWhere' ? ' (or permissions)' : ''}; Appwrite refuses an empty one` }]);
}

/**
 * The body of a create. `staged`: in a transaction, whose commit parses every staged write for operators,
 * creates included (Transactions/Update.php), so operator-shaped text is refused there too.
 */
export function createBody(runtime: TableRuntime, data: unknown, staged = false): RowBody {
  const body = validateInsert(runtime.definition, data);
  requireData(runtime, body, 'create');
  if (staged) rejectOperatorStrings(runtime.id, 'create', body);
  return body;
}

/** The body of `update` or `updateWhere`: the given fields, values or `Operator`s. */
export function patchBody(runtime: TableRuntime, data: unknown, method: 'update' | 'updateWhere', permissions?: readonly string[]): RowBody {
  const body = validatePatch(runtime.definition, data);
  requireData(runtime, body, method, permissions);
  rejectOperatorStrings(runtime.id, method, body);
  return body;
}

/** The body of an upsert: a complete row, whose fields may be `Operator`s. */
export function upsertBody(runtime: TableRuntime, data: unknown): RowBody {
  const body = validateUpsert(runtime.definition, data);
  rejectOperatorStrings(runtime.id, 'upsert', body);
  return body;
}

/** Checks an `increment` / `decrement` of `column` by `by` (within `bound`): exact steps on bigint fields. */
export function checkStep(runtime: TableRuntime, column: string, by: StepValue, method: 'increment' | 'decrement', bound?: StepValue): void {
  if (!isSteppable(runtime, column)) {
    throw new ValidationError(runtime.id, [{ field: column, reason: 'not an integer or float field of the schema, nor a bigint field' }]);
  }
  const field = runtime.definition.schema[column];
  if (field?.required !== true && field?.default === undefined) {
    // On a NULL column Appwrite keeps NULL yet answers as if it had added (reference §2.5): refuse rather than lie.
    throw new ValidationError(runtime.id, [{
      field: column,
      reason: `${method} needs a column that always holds a number; this one is optional without a ` +
        'default, so a row may hold NULL, which Appwrite keeps while answering as if it had changed it. Declare a default ' +
        '(or required: true), or use update()',
    }]);
  }
  const problem = stepProblem(runtime, column, by, bound);
  if (problem !== null) throw new ValidationError(runtime.id, [{ field: column, reason: problem }]);
}

/** An empty filter would change every row of the table: refuse it rather than guess. */
export function requireFilter(runtime: TableRuntime, query: CanonicalQuery, method: string): void {
  if (!query.filtered) {
    throw new QueryError(runtime.id, '[]', `${method} needs at least one filter; to target every row, say so with Query.isNotNull('$id')`);
  }
}

/**
 * Tables a write of `body` to this table changes: the table, and the two-way partners of the relationship
 * keys it sets (their rows show the link).
 */
export function writeTables(runtime: TableRuntime, body: object): readonly string[] {
  const relations = runtime.relations;
  return relations.keys.length === 0 ? [runtime.id] : relations.writeTables(Object.keys(body));
}
