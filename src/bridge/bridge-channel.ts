/**
 * The default Redis channel of a database's invalidation bridge. It names the project and the
 * database, so that two applications or two databases sharing one Redis never invalidate each other.
 *
 * @example
 * ```ts
 * defaultBridgeChannel('shop', 'main'); // 'appwrite-orm:shop:main:invalidate'
 * ```
 */
export function defaultBridgeChannel(projectId: string, databaseId: string): string {
  return `appwrite-orm:${projectId}:${databaseId}:invalidate`;
}
