import type { Caller } from '../../auth/auth.js';
import { assertCanGrant, grants, type PermissionAction } from '../../auth/permissions.js';
import type { TableState } from '../../store/store.js';
import { collectionNotFound, documentNotFound, transactionExpired, transactionLimitExceeded, transactionNotPending } from '../../store/transactions/transaction-errors.js';
import { TRANSACTION_LIMIT, wireTransaction, type StagedAction, type StagedOperation } from '../../store/transactions/transaction-registry.js';
import { badRequest, databaseNotFound, paramInvalid, userUnauthorized } from '../errors.js';
import type { ParamRule } from '../param-rules.js';
import type { RouteContext, RouteDefinition } from './route.js';
import { viewRow } from './transaction-reads.js';

const ACTIONS: readonly StagedAction[] = ['create', 'update', 'upsert', 'delete', 'increment', 'decrement', 'bulkCreate', 'bulkUpdate', 'bulkUpsert', 'bulkDelete'];
const BULK = new Set<string>(['bulkCreate', 'bulkUpdate', 'bulkUpsert', 'bulkDelete']);
const WITH_ROW = new Set<string>(['create', 'update', 'upsert', 'delete', 'increment', 'decrement']);

interface Operation {
  readonly action: StagedAction;
  readonly databaseId: string;
  readonly tableId: string;
  readonly rowId?: string;
  readonly data?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isList = (value: unknown): boolean => Array.isArray(value) || isObject(value);

/** Appwrite's `Operation` validator (tablesdb flavour): why an item is invalid, or undefined. */
function invalidity(value: unknown): string | undefined {
  if (!isObject(value)) return 'Value must be an array';
  for (const key of ['databaseId', 'action', 'tableId']) if (!(key in value)) return `Missing required key: ${key}`;
  for (const key of ['databaseId', 'action', 'tableId']) {
    const item = value[key];
    if (typeof item !== 'string' || item.trim() === '') return `Key '${key}' must be a non\u2011empty string`;
  }
  const action = String(value.action);
  if (!(ACTIONS as readonly string[]).includes(action)) return `Key 'action' must be one of: ${ACTIONS.join(', ')}`;
  if (WITH_ROW.has(action) && !('rowId' in value)) return `Key 'rowId' is required for action '${action}'`;
  if ('rowId' in value && (typeof value.rowId !== 'string' || value.rowId.trim() === '')) return "Key 'rowId' must be a non-empty string";
  if (action !== 'delete' && !('data' in value)) return 'Missing required key: data';
  if ('data' in value && !isList(value.data)) return "Key 'data' must be an array";
  const data = isObject(value.data) ? value.data : {};
  if ((action === 'bulkUpdate' || action === 'bulkDelete') && !('queries' in data)) return `Key 'queries' is required in data for ${action}`;
  if ((action === 'bulkUpdate' || action === 'bulkDelete') && !Array.isArray(data.queries)) return `Key 'queries' must be an array for ${action}`;
  if (action === 'bulkUpdate' && !('data' in data)) return `Key 'data' is required in data for ${action}`;
  if (action === 'bulkUpdate' && !isList(data.data)) return `Key 'data.data' must be an array for ${action}`;
  if ((action === 'increment' || action === 'decrement') && !('column' in data)) return `Key 'column' is required in data for ${action}`;
  if ((action === 'increment' || action === 'decrement') && 'value' in data && !(typeof data.value === 'number' || (typeof data.value === 'string' && data.value.trim() !== '' && !Number.isNaN(Number(data.value))))) {
    return `Key 'value' must be a numeric value for ${action}`;
  }
  return undefined;
}

function tableOf(context: RouteContext, caller: Caller, operation: Operation): TableState {
  const database = context.state.store.databases.get(operation.databaseId);
  if (database === undefined || (!database.database.enabled && caller.kind !== 'key')) throw databaseNotFound(operation.databaseId);
  const table = database.tables.get(operation.tableId);
  if (table === undefined || (!table.table.enabled && caller.kind !== 'key')) throw collectionNotFound(operation.tableId);
  return table;
}

/** A user's operation needs the table permission or, with rowSecurity, the viewed row's (Operations/Create.php:163-225). */
function checkPermission(caller: Caller, table: TableState, action: string, row: Record<string, unknown> | undefined, data: unknown): void {
  if (caller.kind === 'key') return;
  const type: PermissionAction = action === 'create' || (action === 'upsert' && row === undefined) ? 'create' : action === 'delete' ? 'delete' : 'update';
  const onTable = grants(table.table.$permissions, type, caller.roles);
  const onRow = row !== undefined && table.table.rowSecurity && type !== 'create' && Array.isArray(row.$permissions)
    && grants(row.$permissions as string[], type, caller.roles);
  if (!onTable && (type === 'create' || !table.table.rowSecurity || !onRow)) throw userUnauthorized();
  const permissions = isObject(data) ? data.$permissions : undefined;
  if (Array.isArray(permissions)) assertCanGrant(caller, permissions.map(String));
}

/**
 * createOperations: checks every operation, then logs them all (201 with the transaction). `params` are the
 * ones before `operations` (the handler checks that one with its own messages).
 */
export function createOperationsRoute(path: string, params: readonly ParamRule[]): RouteDefinition {
  return {
    method: 'POST', path, operation: 'createOperations', access: 'rows', params,
    handle: (context) => {
      const { state, params, caller } = context;
      const raw = params.raw.operations ?? [];
      if (!Array.isArray(raw)) throw paramInvalid('operations', 'Value must a valid array and Value must be an array');
      for (const item of raw) {
        const reason = invalidity(item);
        if (reason !== undefined) throw paramInvalid('operations', `Value must a valid array and ${reason}`);
      }
      const operations = raw as Operation[];
      if (operations.length === 0) throw badRequest('Operations array cannot be empty');
      const registry = state.transactions;
      const record = registry.get(caller, context.path.transactionId ?? '');
      if (record.status !== 'pending') throw transactionNotPending();
      if (registry.expired(record)) throw transactionExpired();
      if (record.log.length + operations.length > TRANSACTION_LIMIT) throw transactionLimitExceeded(record.log.length, operations.length, TRANSACTION_LIMIT);
      const created = new Set<string>();
      const staged: Omit<StagedOperation, 'stagedAt'>[] = operations.map((operation) => {
        if (caller.kind !== 'key' && BULK.has(operation.action)) throw userUnauthorized();
        const table = tableOf(context, caller, operation);
        const key = `${operation.databaseId}/${operation.tableId}/${operation.rowId ?? ''}`;
        let row: Record<string, unknown> | undefined;
        if (['update', 'delete', 'upsert', 'increment', 'decrement'].includes(operation.action)) {
          row = viewRow(context, table, operation.rowId ?? '', record.$id);
          if (row === undefined && !created.has(key) && operation.action !== 'upsert') throw documentNotFound(operation.rowId ?? '');
        }
        if (!BULK.has(operation.action)) checkPermission(caller, table, operation.action, row, operation.data);
        if (operation.action === 'create') created.add(key);
        return { action: operation.action, databaseId: operation.databaseId, tableId: operation.tableId, rowId: operation.rowId ?? null, data: operation.data ?? {} };
      });
      registry.stage(record, staged);
      return { status: 201, body: wireTransaction(record) };
    },
  };
}
