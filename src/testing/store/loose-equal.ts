function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === false || value === '' || value === 0 || (Array.isArray(value) && value.length === 0);
}

function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/**
 * PHP 8's loose `==` on JSON values, as utopia compares an upserted row with the stored one: NULL equals
 * false, '', 0 and []; numbers equal numeric strings; lists compare item by item.
 */
export function looselyEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined) return isBlank(b);
  if (b === null || b === undefined) return isBlank(a);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => looselyEqual(item, b[index]));
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') return Boolean(a) === Boolean(b);
  const x = numeric(a);
  const y = numeric(b);
  if (x !== undefined && y !== undefined && (typeof a !== 'string' || typeof b !== 'string')) return x === y;
  return typeof a === 'object' && typeof b === 'object' ? JSON.stringify(a) === JSON.stringify(b) : false;
}
