import type { ColumnFormat, ColumnType, StoredColumn } from './model.js';

/** The column type in the route (`/columns/<endpoint>`) and in inline column definitions. */
export type ColumnEndpoint =
  // A float column reports `double`; email, url, ip and enum columns are string columns with a format.
  Exclude<ColumnType, 'double' | 'relationship'> | 'float' | 'email' | 'url' | 'ip' | 'enum';

interface EndpointShape {
  readonly type: ColumnType;
  readonly format?: ColumnFormat;
  /** Maximum length of a value (Appwrite's attribute `size`), for string-like columns. */
  readonly maxLength?: number;
}

const SHAPES: Readonly<Record<ColumnEndpoint, EndpointShape>> = {
  string: { type: 'string' },
  varchar: { type: 'varchar' },
  text: { type: 'text', maxLength: 65_535 },
  mediumtext: { type: 'mediumtext', maxLength: 16_777_215 },
  longtext: { type: 'longtext', maxLength: 4_294_967_295 },
  integer: { type: 'integer' },
  bigint: { type: 'bigint' },
  float: { type: 'double' },
  boolean: { type: 'boolean' },
  datetime: { type: 'datetime', format: 'datetime' },
  email: { type: 'string', format: 'email', maxLength: 254 },
  url: { type: 'string', format: 'url', maxLength: 2000 },
  ip: { type: 'string', format: 'ip', maxLength: 39 },
  enum: { type: 'string', format: 'enum', maxLength: 255 },
};

/** Column endpoints Appwrite has but the emulator does not implement. */
export const UNSUPPORTED_ENDPOINTS: ReadonlySet<string> = new Set(['point', 'line', 'polygon']);

export function isColumnEndpoint(value: string): value is ColumnEndpoint {
  return Object.hasOwn(SHAPES, value);
}

export function endpointShape(endpoint: ColumnEndpoint): EndpointShape {
  return SHAPES[endpoint];
}

/** The endpoint a stored column belongs to (email columns to `email`, double columns to `float`...). */
export function endpointOf(column: StoredColumn): ColumnEndpoint | 'relationship' {
  if (column.format !== undefined && column.format !== 'datetime') return column.format;
  if (column.type === 'double') return 'float';
  return column.type;
}

/** Maximum length of a string value in the column, or undefined for non-string columns. */
export function maxLengthOf(column: StoredColumn): number | undefined {
  const endpoint = endpointOf(column);
  return endpoint === 'relationship' ? undefined : column.size ?? SHAPES[endpoint].maxLength;
}

/** How the SDK's method names spell endpoints that are not one capitalised word. */
const OPERATION_NAMES: Readonly<Record<string, string>> = { bigint: 'BigInt' };

/** The SDK method name for an endpoint: `string` -> `createStringColumn`, `bigint` -> `createBigIntColumn`. */
export function columnOperation(verb: 'create' | 'update', endpoint: string): string {
  return `${verb}${OPERATION_NAMES[endpoint] ?? `${endpoint.charAt(0).toUpperCase()}${endpoint.slice(1)}`}Column`;
}

export function isStringLike(column: StoredColumn): boolean {
  return maxLengthOf(column) !== undefined;
}
