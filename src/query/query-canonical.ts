import { NESTED, type QueryNode, type QueryValue } from './query-node.js';

/**
 * Serialises a query node exactly as node-appwrite does (`{"method","attribute","values"}` in that order,
 * absent parts omitted), with two canonical choices: an empty attribute and empty values are omitted, and
 * the children of `and`/`or`/`elemMatch` are sorted, since their order does not change the result.
 */
export function canonicalString(node: QueryNode): string {
  let out = `{"method":${JSON.stringify(node.method)}`;
  if (node.attribute !== undefined && node.attribute !== '') out += `,"attribute":${JSON.stringify(node.attribute)}`;
  const values = node.values;
  if (values !== undefined && values.length > 0) {
    const parts = values.map((value) => valueString(value));
    if (NESTED.has(node.method)) parts.sort();
    out += `,"values":[${parts.join(',')}]`;
  }
  return out + '}';
}

function valueString(value: QueryValue): string {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${(value as readonly QueryValue[]).map((item) => valueString(item)).join(',')}]`;
  if (typeof value === 'object' && value !== null) return canonicalString(value as QueryNode);
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}
