import JSONbig from 'json-bigint';

const parser = JSONbig({ storeAsString: false });
const serializer = JSONbig({ useNativeBigInt: true });
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

interface BigNumberLike {
  readonly _isBigNumber: true;
  isInteger(): boolean;
  toFixed(): string;
  toNumber(): number;
}

function isBigNumber(value: unknown): value is BigNumberLike {
  return typeof value === 'object' && value !== null && (value as { _isBigNumber?: unknown })._isBigNumber === true;
}

/** Integers beyond 2^53 become `bigint` (exact), every other number a `number`, as node-appwrite reads them. */
function revive(_key: string, value: unknown): unknown {
  if (!isBigNumber(value)) return value;
  if (!value.isInteger()) return value.toNumber();
  const exact = BigInt(value.toFixed());
  return exact >= MIN_SAFE && exact <= MAX_SAFE ? Number(exact) : exact;
}

/** Parses JSON without losing integers beyond 2^53. */
export function parseLossless(text: string): unknown {
  return parser.parse(text, revive) as unknown;
}

/** Serialises JSON, writing `bigint` values as bare integers. */
export function stringifyLossless(value: unknown): string {
  return serializer.stringify(value);
}
