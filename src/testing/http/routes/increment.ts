import { ApiError } from '../api-error.js';
import { assertCanChange } from '../../auth/access.js';
import { isoAfter } from '../../control/clock.js';
import { argumentInvalid, paramInvalid } from '../errors.js';
import { isNumeric } from '../../store/operators/operator.js';
import { isSteppable, steppedValue, storedStep, type StepValue } from '../../store/column-step.js';
import type { Params } from '../params.js';
import { answerRows, emitRows, rowTable } from './row-context.js';
import { stagedIn, stageStep } from './staged-rows.js';
import { key, nullable, numeric, optional, param } from '../param-rules.js';
import { databaseId, rowId, tableId, transactionId } from './common-params.js';
import type { RouteDefinition } from './route.js';

/** Appwrite maps utopia's NotFoundException (a missing column or row) to `column_not_found` without its ID. */
const columnOrRowNotFound = (): ApiError =>
  new ApiError('column_not_found', "Column with the requested key '%s' could not be found.", 404);

/**
 * A `Numeric` param (numbers and numeric strings; an integer beyond ±2^53 stays a BigInt), or `fallback`
 * when absent: `value` is `Numeric()`, the bounds `Nullable(Numeric())`, whose description ends in " or null"
 * (Rows/Column/Increment.php:63-64).
 */
function numericParam(params: Params, name: string, fallback: StepValue | undefined): StepValue | undefined {
  const raw = params.raw[name];
  if (raw === undefined || raw === null) return fallback;
  if (!isNumeric(raw)) throw paramInvalid(name, `Value must be a valid number${name === 'value' ? '' : ' or null'}`);
  return typeof raw === 'bigint' ? raw : Number(raw);
}

/**
 * incrementRowColumn / decrementRowColumn, in the order of Increment.php and utopia's
 * `increaseDocumentAttribute`: value (> 0), column (404), column type (400 `attribute_type_invalid`), row (also
 * 404 `column_not_found`), update permission, bound (400 `column_limit_exceeded`). The SQL adds to the stored
 * value (`col = col + v`, `AND col <= max - v` with a bound), so a NULL column stays NULL (and with a bound the
 * row is not touched), an integer column stores the sum rounded, a bigint column adds exactly (beyond int64
 * MariaDB fails: a 500), and the column's own min/max do not apply;
 * the answer is the row read before the write with only the column changed (in PHP: NULL counts as 0).
 */
export function incrementRoute(direction: 'increment' | 'decrement'): RouteDefinition {
  const boundName = direction === 'increment' ? 'max' : 'min';
  return {
    method: 'PATCH',
    path: `/v1/tablesdb/:databaseId/tables/:tableId/rows/:rowId/:column/${direction}`,
    operation: `${direction}RowColumn`,
    access: 'rows',
    // Rows/Column/Increment.php:59-65, Decrement.php:59-65
    params: [databaseId, tableId, rowId, param('column', key), optional('value', numeric), optional(boundName, nullable(numeric)), transactionId],
    handle: (context) => {
      const { params, path, state, caller } = context;
      const value = numericParam(params, 'value', 1) ?? 1;
      const bound = numericParam(params, boundName, undefined);
      const table = rowTable(context, { checkEnabled: false });
      if (value <= 0) throw argumentInvalid('Value must be numeric and greater than 0');
      const key = path.column ?? '';
      const staged = stagedIn(context);
      if (staged !== undefined) return stageStep(context, table, staged, direction, path.rowId ?? '', key);
      const column = state.store.availableColumns(table).find((item) => item.key === key);
      if (column === undefined) throw columnOrRowNotFound();
      if (!isSteppable(column)) {
        throw new ApiError('attribute_type_invalid', `tablesDB "${key}" is not a number`, 400);
      }
      const row = table.rows.get(path.rowId ?? '');
      if (row === undefined) throw columnOrRowNotFound();
      assertCanChange(caller, table.table, row, 'update');
      const stored = row[key];
      const next = steppedValue(column, stored, value, direction === 'increment');
      if (bound !== undefined && (direction === 'increment' ? next > bound : next < bound)) {
        // Appwrite's message names the SDK namespace, not the column type (reference §2.5).
        throw new ApiError('column_limit_exceeded', `tablesDB "${key}" has reached the ${boundName === 'max' ? 'maximum' : 'minimum'} value of ${bound}`, 400);
      }
      const [answer] = answerRows(context, table, [{ ...row, [key]: next }]);
      const present = typeof stored === 'number' || typeof stored === 'bigint';
      if (present || bound === undefined) {
        const written = { ...row, [key]: present ? storedStep(column, next) : null, $updatedAt: isoAfter(row.$updatedAt) };
        table.rows.set(row.$id, written);
        state.store.changed(table);
      }
      emitRows(context, table, 'update', answer === undefined ? [] : [answer]);
      return { status: 200, body: answer };
    },
  };
}
