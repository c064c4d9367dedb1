import { z } from 'zod';

/** The table name a bridge message carries to mean "every table of the database". */
export const ALL_TABLES = '*';

/**
 * Version 1 of the invalidation message: the sending instance, its database, the table and the
 * sender's sequence number (1, 2, 3... per instance, so that a receiver can see what it missed).
 */
const bridgeMessageSchema = z.strictObject({
  v: z.literal(1),
  origin: z.string().min(1).max(200),
  db: z.string().min(1).max(200),
  table: z.string().min(1).max(200),
  seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

/** An invalidation message as it travels on the Redis channel. */
export type BridgeMessage = z.infer<typeof bridgeMessageSchema>;

/**
 * Serialises a message for the channel.
 *
 * @example
 * ```ts
 * encodeBridgeMessage({ v: 1, origin: 'web-1', db: 'main', table: 'products', seq: 7 });
 * // '{"v":1,"origin":"web-1","db":"main","table":"products","seq":7}'
 * ```
 */
export function encodeBridgeMessage(message: BridgeMessage): string {
  return JSON.stringify({ v: message.v, origin: message.origin, db: message.db, table: message.table, seq: message.seq });
}

/**
 * Parses and validates a raw channel payload; returns `undefined` for anything that is not a
 * well-formed version 1 message (bad JSON, missing or extra fields, wrong types, unknown version).
 *
 * @example
 * ```ts
 * decodeBridgeMessage('{"v":1,"origin":"web-1","db":"main","table":"products","seq":7}')?.table; // 'products'
 * decodeBridgeMessage('hello'); // undefined
 * ```
 */
export function decodeBridgeMessage(raw: string): BridgeMessage | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const result = bridgeMessageSchema.safeParse(parsed);
  return result.success ? result.data : undefined;
}
