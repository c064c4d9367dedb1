import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, RequestHandler, type StrictRequest, type DefaultBodyType } from 'msw';
import { ApiError } from './api-error.js';
import { bridgedBodies, bridgedReplies, errorResponse } from './responses.js';

/** A running loopback HTTP server that answers with msw handlers. */
export interface HttpBridge {
  readonly server: Server;
  /** `http://host:port` */
  readonly origin: string;
  close(): Promise<void>;
}

function toRequest(req: IncomingMessage, origin: string, body: string): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] ?? '', raw[i + 1] ?? '');
  // The body travels beside the Request (bridgedBodies) rather than as a stream. msw clones each request once
  // for its handlers; a body-less Request can stand for its own clone, which saves a Request per call.
  const request = new Request(`${origin}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers }) as StrictRequest<DefaultBodyType>;
  bridgedBodies.set(request, body);
  RequestHandler.cache.set(request, request);
  return request;
}

async function answer(res: ServerResponse, response: Response): Promise<void> {
  const body = bridgedReplies.get(response) ?? (response.body === null ? '' : await response.text());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (body !== '') headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(response.status, headers);
  res.end(body);
}

async function handle(req: IncomingMessage, res: ServerResponse, origin: string, handlers: () => RequestHandler[], body: string): Promise<void> {
  let response: Response;
  try {
    response = (await getResponse(handlers(), toRequest(req, origin, body))) ?? errorResponse(new ApiError('general_route_not_found', 'Route not found.', 404));
  } catch (error) {
    response = errorResponse(new ApiError('general_server_error', `Emulator error: ${String(error)}`, 500));
  }
  // msw's network error (HttpResponse.error(), a `drop` fault): end the connection without an answer.
  if (response.type === 'error') {
    req.socket.destroy();
    return;
  }
  await answer(res, response);
}

/**
 * Serves msw handlers from a real `node:http` server. msw's own interception cannot see node-appwrite's
 * requests (the SDK calls undici's fetch directly), so each IncomingMessage becomes a Fetch `Request`, is
 * resolved with `getResponse`, and the `Response` is written back.
 */
export async function startHttpBridge(
  handlers: () => RequestHandler[],
  options: { readonly host: string; readonly port: number },
): Promise<HttpBridge> {
  let origin = '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    // A client that goes away mid-request must not take the server down.
    req.on('error', () => res.destroy());
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void handle(req, res, origin, handlers, chunks.length === 0 ? '' : Buffer.concat(chunks).toString('utf8'));
    });
  });
  // Node announces `Keep-Alive: timeout=65`; undici drops idle sockets a little before the announced time, so
  // the client never reuses a socket the server is closing, and pools stay warm across test pauses.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${host}:${address.port}`;
  return {
    server,
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
