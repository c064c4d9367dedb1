/** A table named by a webhook delivery. */
export interface WebhookTableRef {
  readonly databaseId: string;
  readonly tableId: string;
}

// `databases.db1.tables.t1.rows.r1.create`, the collections/documents mirror, and the newer `tablesdb.` prefix.
const TABLE_EVENT = /^(?:databases|tablesdb)\.([^.]+)\.(?:tables|collections)\.([^.]+)(?:\.|$)/;

/**
 * Lists the tables a webhook delivery is about, from the `X-Appwrite-Webhook-Events` header (wildcard
 * names such as `databases.*.tables.*` are skipped) and from the payload's `$databaseId` and `$tableId`
 * (or `$collectionId`), for a single row, an array of rows or a `{ rows }` list. Each table appears once.
 *
 * @example
 * ```ts
 * tablesNamedByWebhook('databases.shop.tables.products.rows.r1.create,databases.*', { $id: 'r1' });
 * // [{ databaseId: 'shop', tableId: 'products' }]
 * ```
 */
export function tablesNamedByWebhook(eventsHeader: string | undefined, payload: unknown): WebhookTableRef[] {
  const found = new Map<string, WebhookTableRef>();
  const add = (databaseId: string, tableId: string): void => {
    if (databaseId === '*' || tableId === '*' || databaseId === '' || tableId === '') return;
    found.set(`${databaseId}\u0000${tableId}`, { databaseId, tableId });
  };
  for (const event of (eventsHeader ?? '').split(',')) {
    const match = TABLE_EVENT.exec(event.trim());
    if (match?.[1] !== undefined && match[2] !== undefined) add(match[1], match[2]);
  }
  for (const row of rowsOf(payload)) {
    if (typeof row !== 'object' || row === null) continue;
    const { $databaseId: databaseId, $tableId: tableId, $collectionId: collectionId } = row as Record<string, unknown>;
    const table = typeof tableId === 'string' ? tableId : collectionId;
    if (typeof databaseId === 'string' && typeof table === 'string') add(databaseId, table);
  }
  return [...found.values()];
}

function rowsOf(payload: unknown): unknown[] {
  if (Array.isArray(payload)) return payload as unknown[];
  if (typeof payload !== 'object' || payload === null) return [];
  const { rows, documents } = payload as Record<string, unknown>;
  const list = Array.isArray(rows) ? (rows as unknown[]) : Array.isArray(documents) ? (documents as unknown[]) : [];
  return [payload, ...list];
}
