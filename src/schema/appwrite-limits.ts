import type { FieldDefinition } from './field-definition.js';
import { DEFAULT_STRING_SIZE, TEXT_TYPE_LENGTHS } from './field-definition.js';
import type { IndexDefinition } from './table-definition.js';

/** MariaDB's row size limit that Appwrite checks when columns are added (Table `bytesMax`). */
export const ROW_WIDTH_LIMIT = 65_535;
/** MariaDB's key length for key and unique indexes, in characters of the indexed columns. */
export const INDEX_LENGTH_LIMIT = 768;
/** What Appwrite's own columns take in every row. */
const BASE_WIDTH = 1_067;
/** The longest varchar column; string columns above it are stored as text (20 bytes in the row). */
export const VARCHAR_LIMIT = 16_381;
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

/** String length Appwrite gives a field's column (email, url, ip and enum use their endpoints' sizes; the text types their fixed ones). */
function stringLength(field: FieldDefinition): number | undefined {
  switch (field.type) {
    case 'string':
    case 'varchar':
      return field.size ?? DEFAULT_STRING_SIZE;
    case 'text':
    case 'mediumtext':
    case 'longtext':
      return TEXT_TYPE_LENGTHS[field.type];
    case 'email':
      return 254;
    case 'url':
      return 2000;
    case 'ip':
      return 39;
    case 'enum':
      return 255;
    default:
      return undefined;
  }
}

/** True when an integer declaration's bounds fit a 32-bit column (else the ORM creates a 64-bit one). */
export function fitsInt32(min: number | undefined, max: number | undefined): boolean {
  return min !== undefined && max !== undefined && min >= INT32_MIN && max <= INT32_MAX;
}

function fieldWidth(field: FieldDefinition): number {
  if (field.array === true) return 20;
  const length = stringLength(field);
  if (length !== undefined) return length > VARCHAR_LIMIT ? 20 : length * 4 + (length <= 255 ? 1 : 2);
  switch (field.type) {
    case 'integer':
      return fitsInt32(field.min, field.max) ? 4 : 8;
    case 'float':
      return 8;
    case 'boolean':
      return 1;
    default:
      return 7;
  }
}

/**
 * The row width Appwrite computes for these fields (utopia-php/database `getAttributeWidth`, reference §8).
 *
 * @example
 * ```ts
 * rowWidth({ name: { type: 'string', size: 255 } }); // 1067 + 1021
 * ```
 */
export function rowWidth(schema: Readonly<Record<string, FieldDefinition>>): number {
  return Object.values(schema).reduce((total, field) => total + fieldWidth(field), BASE_WIDTH);
}

/** The key length of a key or unique index: given lengths, else the string columns' lengths (double 2, others 1). */
export function indexLength(schema: Readonly<Record<string, FieldDefinition>>, index: IndexDefinition): number {
  return index.attributes.reduce((total, attribute, position) => {
    const given = index.lengths?.[position];
    if (given !== undefined && given !== null && given > 0) return total + given;
    const field = schema[attribute];
    if (field === undefined) return total + (attribute === '$id' ? 255 : 1);
    return total + (stringLength(field) ?? (field.type === 'float' ? 2 : 1));
  }, 0);
}
