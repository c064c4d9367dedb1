import { paramInvalid } from '../errors.js';
import { isValidKey, KEY_DESCRIPTION, UID_DESCRIPTION } from '../../store/ids.js';
import type { RouteDefinition } from './route.js';

/** The validator each TablesDB path param is declared with (appwrite 1.9.0 `H/TablesDB/**`: `UID` or `Key`). */
const PATH_PARAMS: Readonly<Record<string, string>> = {
  databaseId: UID_DESCRIPTION,
  tableId: UID_DESCRIPTION,
  rowId: UID_DESCRIPTION,
  transactionId: UID_DESCRIPTION,
  key: KEY_DESCRIPTION,
  column: KEY_DESCRIPTION,
};

/**
 * A route whose path params are validated first, in the order the path declares them, as Appwrite's routes
 * declare and validate them before the action runs (e.g. Tables/Rows/Get.php: `databaseId`, `tableId`,
 * `rowId` as `UID`; Columns/Get.php: `key` as `Key`): an invalid one is a 400 `general_argument_invalid`
 * naming the param. Row routes also take an optional `transactionId` (`Nullable(UID)`).
 *
 * @example
 * ```ts
 * const routes = rowRoutes.map(withParamChecks);
 * // GET /v1/tablesdb/db/tables/t/rows/_bad -> 400 "Invalid `rowId` param: UID must contain at most 36 chars. ..."
 * ```
 */
export function withParamChecks(route: RouteDefinition): RouteDefinition {
  const names = route.path.split('/').filter((segment) => segment.startsWith(':')).map((segment) => segment.slice(1))
    .filter((name) => Object.hasOwn(PATH_PARAMS, name));
  const takesTransaction = route.path.includes('/rows');
  return {
    ...route,
    handle: (context) => {
      for (const name of names) {
        if (!isValidKey(context.path[name])) throw paramInvalid(name, PATH_PARAMS[name] ?? KEY_DESCRIPTION);
      }
      const transactionId = context.params.raw.transactionId;
      if (takesTransaction && transactionId !== undefined && transactionId !== null && !isValidKey(transactionId)) {
        throw paramInvalid('transactionId', `${UID_DESCRIPTION} or null`);
      }
      return route.handle(context);
    },
  };
}
