import { assertCanChange, canCreate, canReadRow } from '../../auth/access.js';
import { assertCanGrant, defaultRowPermissions } from '../../auth/permissions.js';
import { rowMissingPayload, userUnauthorized } from '../errors.js';
import type { Reply } from '../responses.js';
import { uniqueId } from '../../store/ids.js';
import type { StoredRow } from '../../store/model.js';
import type { TableState } from '../../store/store.js';
import { dropUntouchedChildren, withRelations } from '../../store/relationships/relation-input.js';
import { parseOperators } from '../../store/operators/index.js';
import { prepareUpdate, prepareUpsertExisting } from '../../store/row-update.js';
import { commitRows, prepareCreates, resolvePermissions, splitRowData, type RowInput } from '../../store/row-writer.js';
import { answerRows, dataParam, emitRows, findRow, hasContent, permissionsParam, relationshipKeys, rowTable } from './row-context.js';
import { data, databaseId, rowId, rowPermissions, tableId, transactionId } from './common-params.js';
import type { RouteContext, RouteDefinition } from './route.js';
import { stagedIn, stageUpdateRow, stageUpsertRow } from './staged-rows.js';

const ROW = '/v1/tablesdb/:databaseId/tables/:tableId/rows/:rowId';

/** The row a write answers with, and whether it was written (an unchanged row is not). */
interface WriteOutcome {
  readonly stored: StoredRow;
  readonly changed: boolean;
}

/**
 * What upsertRow and updateRow share: `data` and the given permissions are read (an empty payload refused);
 * inside a transaction the write is staged; otherwise operators in `data` are executed, `write` stores the row,
 * and the row is answered with 200, its `event` emitted when it changed.
 */
function writeRow(
  context: RouteContext,
  event: 'upsert' | 'update',
  stage: typeof stageUpsertRow,
  write: (table: TableState, input: RowInput, given: ReturnType<typeof permissionsParam>) => WriteOutcome,
): Reply {
  const { caller, state, path } = context;
  const data = dataParam(context.params) ?? {};
  const given = permissionsParam(context.params);
  if (!hasContent(data) && given === undefined) throw rowMissingPayload();
  const table = rowTable(context);
  const staged = stagedIn(context);
  if (staged !== undefined) return stage(context, table, staged, path.rowId ?? '', { ...splitRowData(data, caller, { idFromPath: true }), permissions: given });
  const input = splitRowData(parseOperators(data, relationshipKeys(table)), caller, { idFromPath: true });
  const { stored, changed } = write(table, input, given);
  const rows = answerRows(context, table, [stored]);
  dropUntouchedChildren(state.store, table, rows[0], input.values);
  if (changed) emitRows(context, table, event, rows);
  return { status: 200, body: rows[0] };
}

/**
 * upsertRow and updateRow (Documents/Upsert.php, Documents/Update.php): operator-shaped values in `data` are
 * executed, `$permissions` inside `data` is ignored, and both answer 200.
 */
export const rowWriteRoutes: readonly RouteDefinition[] = [
  {
    method: 'PUT', path: ROW, operation: 'upsertRow', access: 'rows',
    params: [databaseId, tableId, rowId, data, rowPermissions, transactionId], // Rows/Upsert.php:61-66
    handle: (context) => writeRow(context, 'upsert', stageUpsertRow, (table, input, given) => {
      const { caller, state, path } = context;
      const existing = table.rows.get(path.rowId ?? '');
      // Without `permissions`, an existing row keeps its own and a new one gets the user's defaults; a user
      // may only grant roles they hold, whichever applies.
      const permissions = resolvePermissions(caller, given, existing?.$permissions ?? defaultRowPermissions(caller));
      assertCanGrant(caller, permissions);
      if (existing === undefined && !canCreate(caller, table.table)) throw userUnauthorized();
      let changed = true;
      const stored = withRelations(state.store, caller, table, { ...input, id: path.rowId, permissions }, (clean) => {
        if (existing === undefined) {
          const id = path.rowId === 'unique()' ? uniqueId() : path.rowId;
          return commitRows(state.store, table, prepareCreates(state.store, table, caller, [{ ...clean, id }]), { mustBeNew: false })[0] as StoredRow;
        }
        const write = prepareUpsertExisting(state.store, table, existing, { ...clean, permissions }, () => {
          assertCanChange(caller, table.table, existing, 'update');
        });
        changed = write.changed;
        // An unchanged row is not written; Appwrite then reads it back.
        return changed ? (commitRows(state.store, table, [write.row], { mustBeNew: false })[0] as StoredRow) : existing;
      });
      return { stored, changed };
    }),
  },
  {
    method: 'PATCH', path: ROW, operation: 'updateRow', access: 'rows',
    params: [databaseId, tableId, rowId, data, rowPermissions, transactionId], // Rows/Update.php:59-64
    handle: (context) => writeRow(context, 'update', stageUpdateRow, (table, input, given) => {
      const { caller, state, path } = context;
      const row = findRow(table, path.rowId ?? '');
      const permissions = resolvePermissions(caller, given, row.$permissions);
      let changed = true;
      const stored = withRelations(state.store, caller, table, { ...input, id: path.rowId, permissions }, (clean) => {
        const write = prepareUpdate(state.store, table, row, { ...clean, permissions }, (changes) => {
          // A write that changes nothing needs only read permission (utopia `updateDocument`).
          if (changes) assertCanChange(caller, table.table, row, 'update');
          else if (!canReadRow(caller, table.table, row)) throw userUnauthorized();
        });
        changed = write.changed;
        return changed ? (commitRows(state.store, table, [write.row], { mustBeNew: false })[0] as StoredRow) : write.row;
      });
      return { stored, changed };
    }),
  },
];
