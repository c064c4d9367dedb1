import type { QueryAttribute } from './attributes.js';
import { childQueries, isFilter, type ParsedQuery } from './query-types.js';
import { isValidValue } from './value-rules.js';

/** `APP_DATABASE_QUERY_MAX_VALUES` of Appwrite 1.9. */
const MAX_FILTER_VALUES = 500;

type Attributes = ReadonlyMap<string, QueryAttribute>;

const AT_LEAST_ONE = new Set(['equal', 'contains', 'containsAny', 'notContains', 'containsAll', 'exists', 'notExists']);
const EXACTLY_ONE = new Set([
  'notEqual', 'lessThan', 'lessThanEqual', 'greaterThan', 'greaterThanEqual', 'search', 'notSearch',
  'startsWith', 'notStartsWith', 'endsWith', 'notEndsWith',
]);
const DISTANCE = new Set(['distanceEqual', 'distanceNotEqual', 'distanceGreaterThan', 'distanceLessThan']);
const SPATIAL = new Set([...DISTANCE, 'crosses', 'notCrosses', 'intersects', 'notIntersects', 'overlaps',
  'notOverlaps', 'touches', 'notTouches']);
const CONTAINS = new Set(['contains', 'containsAny', 'containsAll', 'notContains']);
const ARRAY_METHODS = new Set([...CONTAINS, 'isNull', 'isNotNull', 'exists', 'notExists']);

const ucfirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function isEmpty(values: readonly unknown[]): boolean {
  const first = values[0];
  return values.length === 0 || (Array.isArray(first) && first.length === 0);
}

/** The attribute a filter names, or the `Attribute not found` / encrypted message. */
function resolve(name: string, attributes: Attributes): QueryAttribute | string {
  const attribute = attributes.get(name);
  if (attribute?.encrypt === true) return `Cannot query encrypted attribute: ${name}`;
  if (attribute?.relation === 'virtual') return 'Cannot query on virtual relationship attribute';
  if (attribute !== undefined) return attribute;
  // Dotted paths address a column of the related row.
  const top = name.split('.')[0] ?? name;
  if (attributes.get(top)?.relation !== undefined) return { key: name, kind: 'string', array: false, encrypt: false, bits: 64 };
  return `Attribute not found in schema: ${attributes.has(top) ? name : top}`;
}

function checkAttributeAndValues(query: ParsedQuery, attributes: Attributes, maxValues: number): string | null {
  const attribute = resolve(query.attribute, attributes);
  if (typeof attribute === 'string') return attribute;
  // A path into a related row (`author.age`): utopia leaves its values to the related table's query.
  if (!attributes.has(query.attribute)) return null;
  const { method, values } = query;
  const key = attribute.key;
  // The MariaDB adapter accepts exists/notExists in validation, then fails building SQL; the emulator
  // reports that failure as a 400 rather than Appwrite's 500.
  if (method === 'exists' || method === 'notExists') return 'Exists queries are not supported by this database';
  if (values.length > maxValues) {
    return `Query on attribute has greater than ${maxValues} values: ${key}`;
  }
  if (SPATIAL.has(method)) return `Spatial query "${method}" cannot be applied on non-spatial attribute: ${key}`;
  if (!values.every((value) => isValidValue(attribute, value))) {
    return `Query value is invalid for attribute "${key}"`;
  }
  if (!attribute.array && CONTAINS.has(method) && attribute.kind !== 'string') {
    const name = method === 'notContains' ? 'notContains' : 'contains';
    return `Cannot query ${name} on attribute "${key}" because it is not an array, string, or object.`;
  }
  if (attribute.array && !ARRAY_METHODS.has(method)) {
    return `Cannot query ${method} on attribute "${key}" because it is an array.`;
  }
  return null;
}

function checkLogical(query: ParsedQuery): string | null {
  const children = childQueries(query);
  const name = ucfirst(query.method);
  if (!children.every(isFilter)) return `${name} queries can only contain filter queries`;
  if (children.length < 2) return `${name} queries require at least two queries`;
  return null;
}

/**
 * Checks one filter query as utopia-php/database `Validator/Query/Filter` does on the MariaDB adapter
 * (attributes required, no vector or spatial columns, no `elemMatch`); returns its message or null.
 * `maxValues`: 500 on rows (`APP_DATABASE_QUERY_MAX_VALUES`); the metadata lists build their Filter without
 * it (appwrite 1.9.0 Queries/Base.php passes it where the ID type goes), so utopia's default 5000 applies.
 */
export function checkFilter(query: ParsedQuery, attributes: Attributes, maxValues = MAX_FILTER_VALUES): string | null {
  const { method, values } = query;
  const name = ucfirst(method);
  if (AT_LEAST_ONE.has(method)) {
    return isEmpty(values) ? `${name} queries require at least one value.` : checkAttributeAndValues(query, attributes, maxValues);
  }
  if (EXACTLY_ONE.has(method)) {
    return values.length !== 1 ? `${name} queries require exactly one value.` : checkAttributeAndValues(query, attributes, maxValues);
  }
  if (method === 'between' || method === 'notBetween') {
    return values.length !== 2 ? `${name} queries require exactly two values.` : checkAttributeAndValues(query, attributes, maxValues);
  }
  if (method === 'isNull' || method === 'isNotNull') return checkAttributeAndValues(query, attributes, maxValues);
  if (method === 'and' || method === 'or') return checkLogical(query);
  if (method === 'elemMatch') return 'elemMatch is not supported by the database';
  if (method.startsWith('vector')) {
    const attribute = resolve(query.attribute, attributes);
    return typeof attribute === 'string' ? attribute : 'Vector queries can only be used on vector attributes';
  }
  if (DISTANCE.has(method)) {
    const [first] = values;
    const shaped = values.length === 1 && Array.isArray(first) && first.length === 3;
    return shaped ? checkAttributeAndValues(query, attributes, maxValues) : 'Distance query requires [[geometry, distance]] parameters';
  }
  return isEmpty(values) ? `${name} queries require at least one value.` : checkAttributeAndValues(query, attributes, maxValues);
}
