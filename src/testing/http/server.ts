import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Call, Dispatcher } from './dispatch.js';

/** A running loopback HTTP server answering with the emulator's routes. */
export interface EmulatorServer {
  readonly server: Server;
  /** `http://host:port` */
  readonly origin: string;
  close(): Promise<void>;
}

function callOf(req: IncomingMessage, body: string): Call {
  const { headers } = req;
  return {
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    header: (name) => {
      const value = headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
    body,
  };
}

async function serve(dispatcher: Dispatcher, req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
  const outcome = await dispatcher.answer(callOf(req, body));
  // A `drop` fault: end the connection without an answer; the client sees a network error.
  if (outcome === 'drop') {
    req.socket.destroy();
    return;
  }
  const headers: Record<string, string> = {};
  if (outcome.contentType !== undefined) headers['content-type'] = outcome.contentType;
  if (outcome.body !== '') headers['content-length'] = String(Buffer.byteLength(outcome.body));
  res.writeHead(outcome.status, headers);
  res.end(outcome.body);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The body's text; nothing when it is not valid UTF-8, which PHP's `json_decode` refuses (Appwrite then reads no params). */
function utf8OrNothing(bytes: Buffer): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    return '';
  }
}

/**
 * Serves the emulator from a `node:http` server: each request's body is read as text, answered by the
 * dispatcher, and written back as it is.
 */
export async function startEmulatorServer(dispatcher: Dispatcher, options: { readonly host: string; readonly port: number }): Promise<EmulatorServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    // A client that goes away mid-request must not take the server down.
    req.on('error', () => res.destroy());
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = chunks.length === 0 ? '' : utf8OrNothing(chunks.length === 1 ? (chunks[0] ?? Buffer.alloc(0)) : Buffer.concat(chunks));
      // The dispatcher turns every route error into an answer; anything else is a bug that must not hang the client.
      serve(dispatcher, req, res, body).catch(() => res.destroy());
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
  return {
    server,
    origin: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
