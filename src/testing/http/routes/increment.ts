import { ApiError } from '../api-error.js';
import { assertCanChange } from '../../auth/access.js';
import { isoAfter } from '../../control/clock.js';
import { argumentInvalid, columnNotFound, rowNotFound } from '../errors.js';
import { commitRows } from '../../store/row-writer.js';
import { answerRows, emitRows, rowTable } from './row-context.js';
import { stagedIn, stageStep } from './staged-rows.js';
import type { RouteDefinition } from './route.js';

/**
 * incrementRowColumn / decrementRowColumn, checked in the order of utopia's `increaseDocumentAttribute`:
 * column (404 `column_not_found`), column type (400 `attribute_type_invalid`), row (404), permission, limit
 * (400 `column_limit_exceeded`). A NULL value counts as 0.
 */
export function incrementRoute(direction: 'increment' | 'decrement'): RouteDefinition {
  const bound = direction === 'increment' ? 'max' : 'min';
  return {
    method: 'PATCH',
    path: `/v1/tablesdb/:databaseId/tables/:tableId/rows/:rowId/:column/${direction}`,
    operation: `${direction}RowColumn`,
    access: 'rows',
    handle: (context) => {
      const { params, path, state, caller } = context;
      const table = rowTable(context);
      const key = path.column ?? '';
      const staged = stagedIn(context);
      if (staged !== undefined) return stageStep(context, table, staged, direction, path.rowId ?? '', key);
      const column = state.store.availableColumns(table).find((item) => item.key === key);
      if (column === undefined) throw columnNotFound(key);
      if ((column.type !== 'integer' && column.type !== 'double') || column.array) {
        throw new ApiError('attribute_type_invalid', 'Attribute must be an integer or float and can not be an array.', 400);
      }
      const value = params.number('value') ?? 1;
      if (value <= 0) throw argumentInvalid('Value must be numeric and greater than 0');
      if (column.type === 'integer' && !Number.isInteger(value)) throw argumentInvalid('Value must be an integer for integer columns');
      const limit = params.number(bound);
      const row = table.rows.get(path.rowId ?? '');
      if (row === undefined) throw rowNotFound(path.rowId ?? '');
      assertCanChange(caller, table.table, row, 'update');
      const current = typeof row[key] === 'number' ? row[key] : 0;
      const next = direction === 'increment' ? current + value : current - value;
      if (limit !== undefined && (direction === 'increment' ? next > limit : next < limit)) {
        // Appwrite's message names the SDK namespace, not the column type (reference §2.5).
        throw new ApiError('column_limit_exceeded', `tablesDB "${key}" has reached the ${bound === 'max' ? 'maximum' : 'minimum'} value of ${limit}`, 400);
      }
      const updated = { ...row, [key]: next, $updatedAt: isoAfter(row.$updatedAt) };
      const rows = answerRows(context, table, commitRows(state.store, table, [updated], false));
      emitRows(context, table, 'update', rows);
      return { status: 200, body: rows[0] };
    },
  };
}
