import {
  arrayList, boolean, datetime, float, format, integer, key, nullable, optional, param, range, text, uid, whiteList,
  type ParamRule, type Validator,
} from '../param-rules.js';
import { isColumnEndpoint, type ColumnEndpoint } from '../../store/column-types.js';
import { databaseId, tableId } from './common-params.js';

/*
 * The params of the column actions (Appwrite 1.9 TablesDB/Tables/Columns/<Type>/Create.php and Update.php),
 * in their declaration order: databaseId, tableId, key, then the type's own.
 */

const columnKey: ParamRule = param('key', key);
const required: ParamRule = param('required', boolean());
const array: ParamRule = optional('array', boolean());
const encrypt: ParamRule = optional('encrypt', boolean());
const newKey: ParamRule = optional('newKey', nullable(key));
const STRING_MAX = 1_073_741_824;
const VARCHAR_MAX = 16_381;
const ON_DELETE = ['cascade', 'restrict', 'setNull'];

/** The `default` param's validator per type (always `Nullable`). */
function defaultValidator(endpoint: ColumnEndpoint): Validator {
  switch (endpoint) {
    case 'integer': return integer(64);
    case 'float': return float;
    case 'boolean': return boolean();
    case 'datetime': return datetime;
    case 'email':
    case 'url':
    case 'ip': return format(endpoint);
    case 'enum': return text(0);
    default: return text(0, 0);
  }
}

/** Create.php: `default` is optional. */
function createParams(endpoint: ColumnEndpoint): readonly ParamRule[] {
  const defaultValue = optional('default', nullable(defaultValidator(endpoint)));
  switch (endpoint) {
    case 'string':
    case 'varchar':
      return [columnKey, param('size', range(1, endpoint === 'string' ? STRING_MAX : VARCHAR_MAX)), required, defaultValue, array, encrypt];
    case 'text':
    case 'mediumtext':
    case 'longtext':
      return [columnKey, required, defaultValue, array, encrypt];
    case 'integer':
    case 'float': {
      const bound = nullable(endpoint === 'integer' ? integer(64) : float);
      return [columnKey, required, optional('min', bound), optional('max', bound), defaultValue, array];
    }
    case 'enum':
      return [columnKey, param('elements', arrayList(text(255), 100)), required, defaultValue, array];
    default:
      return [columnKey, required, defaultValue, array];
  }
}

/** Update.php: `default` is required (null allowed), `newKey` optional. */
function updateParams(endpoint: ColumnEndpoint): readonly ParamRule[] {
  const defaultValue = param('default', nullable(defaultValidator(endpoint)));
  switch (endpoint) {
    case 'string':
    case 'varchar':
      return [columnKey, required, defaultValue, optional('size', nullable(range(1, endpoint === 'string' ? STRING_MAX : VARCHAR_MAX))), newKey];
    case 'integer':
    case 'float': {
      const bound = nullable(endpoint === 'integer' ? integer(64) : float);
      return [columnKey, required, optional('min', bound), optional('max', bound), defaultValue, newKey];
    }
    case 'enum':
      return [columnKey, param('elements', arrayList(text(255), 100)), required, defaultValue, newKey];
    default:
      return [columnKey, required, defaultValue, newKey];
  }
}

/** Relationship/Create.php:55-71. */
const createRelationship: readonly ParamRule[] = [
  databaseId, tableId, param('relatedTableId', uid),
  // The relation type is a body param (the route's `:type` segment holds `relationship`).
  param('type', whiteList(['oneToOne', 'manyToOne', 'manyToMany', 'oneToMany'], true), { pathName: null }),
  optional('twoWay', boolean()), optional('key', nullable(key)), optional('twoWayKey', nullable(key)),
  optional('onDelete', whiteList(ON_DELETE, true)),
];

/**
 * Relationship/Update.php:56-64. The route is `/columns/:key/relationship`, which the emulator's router
 * reads as `/columns/:type/:key`: the column key is in the `type` segment.
 */
const updateRelationship: readonly ParamRule[] = [
  databaseId, tableId, param('key', key, { pathName: 'type' }),
  optional('onDelete', nullable(whiteList(ON_DELETE, true))), newKey,
];

/**
 * The params of `POST /columns/:type`; none for a type the emulator does not serve (its route answers).
 * The bigint column's handler checks its own body params (BigInt/Create.php).
 */
export function createColumnParams(path: Readonly<Record<string, string>>): readonly ParamRule[] {
  const type = path.type ?? '';
  if (type === 'relationship') return createRelationship;
  if (type === 'bigint') return [databaseId, tableId];
  return isColumnEndpoint(type) ? [databaseId, tableId, ...createParams(type)] : [];
}

/** The params of `PATCH /columns/:type/:key` (and of the relationship update sharing that path). */
export function updateColumnParams(path: Readonly<Record<string, string>>): readonly ParamRule[] {
  if (path.key === 'relationship') return updateRelationship;
  const type = path.type ?? '';
  if (type === 'bigint') return [databaseId, tableId, columnKey];
  return isColumnEndpoint(type) ? [databaseId, tableId, ...updateParams(type)] : [];
}

/** Columns/Get.php:60-62 and Columns/Delete.php:55-57. */
export const columnParams: readonly ParamRule[] = [databaseId, tableId, columnKey];
