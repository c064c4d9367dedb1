/**
 * A loopback HTTP proxy that serves Appwrite's legacy Databases reads (`/databases/{db}/collections/{c}/documents`)
 * from the emulator's TablesDB rows, the way Appwrite itself serves both APIs over one store. appwrite-orm 0.6
 * speaks only the legacy API; pointing it here lets it read the same rows from the same emulator, and every
 * request it makes still reaches (and is counted by) the emulator as `getRow` or `listRows`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const LEGACY = /^\/v1\/databases\/([^/]+)\/collections\/([^/]+)\/documents(\/[^?]*)?(\?.*)?$/;

/** A running proxy: its endpoint (`http://127.0.0.1:PORT/v1`) and how to stop it. */
export interface LegacyDocumentsProxy {
  readonly endpoint: string;
  close(): Promise<void>;
}

/** Renames the TablesDB fields of a response to their legacy names, recursively. */
function legacyShape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(legacyShape);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const name = key === '$tableId' ? '$collectionId' : key === 'rows' ? 'documents' : key;
    out[name] = legacyShape(field);
  }
  return out;
}

async function forward(target: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const match = LEGACY.exec(request.url ?? '');
  if (match === null || request.method !== 'GET') {
    response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Route not served by the legacy proxy', code: 404, type: 'general_route_not_found' }));
    return;
  }
  const [, databaseId = '', collectionId = '', rowPath = '', search = ''] = match;
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string' && name !== 'host') headers.set(name, value);
  const upstream = await fetch(`${target}/tablesdb/${databaseId}/tables/${collectionId}/rows${rowPath}${search}`, { headers });
  const text = await upstream.text();
  const body = upstream.ok ? JSON.stringify(legacyShape(JSON.parse(text))) : text;
  response.writeHead(upstream.status, { 'content-type': 'application/json' }).end(body);
}

/** Starts the proxy in front of the emulator at `target` (its endpoint, ending in `/v1`). */
export async function startLegacyDocumentsProxy(target: string): Promise<LegacyDocumentsProxy> {
  const server = createServer((request, response) => {
    forward(target, request, response).catch((error: unknown) => {
      response.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ message: String(error), code: 502, type: 'proxy_error' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error === undefined ? resolve() : reject(error)));
    }),
  };
}
