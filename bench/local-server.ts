/**
 * The local server's own cost: `getRow` and `listRows` round trips through node-appwrite against the emulator
 * and against a bare `node:http` server that answers the same bytes (the emulator's answers, captured once)
 * without routing, parsing or any work. Both servers and the SDK share this process and loopback; the
 * difference is what the emulator adds to a request.
 *
 * 3 warm-up rounds, then 31 rounds; in each, every contender makes CALLS awaited calls, in a new random order
 * each round. Reported: the median µs per call over rounds, and the median over rounds of the within-round
 * ratio emulator / bare (goal: at most 1.25x).
 *
 * Run: npx tsx bench/local-server.ts
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { Client, TablesDB } from 'node-appwrite';
import { startAppwriteEmulator } from '../src/testing/index.js';
import { awaitedLoop, formatRatio, markdownTable, median, shuffledRounds, type Contender } from './lib/stats.js';

const CALLS = 200;
const ROWS = 25;
const WARMUP_ROUNDS = 3;
const ROUNDS = 31;
const DATABASE = 'shop';
const TABLE = 'products';

interface Captured {
  readonly contentType: string;
  readonly body: string;
}

async function capture(url: string, headers: Record<string, string>): Promise<Captured> {
  const response = await fetch(url, { headers });
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  return { contentType: response.headers.get('content-type') ?? '', body: await response.text() };
}

/** A server that answers every `/rows/<id>` path with the captured getRow bytes and anything else with listRows'. */
async function bareServer(row: Captured, list: Captured): Promise<{ server: Server; endpoint: string }> {
  const server = createServer((req, res) => {
    const answer = (req.url ?? '').includes('/rows/') ? row : list;
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': answer.contentType, 'content-length': String(Buffer.byteLength(answer.body)) });
      res.end(answer.body);
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` };
}

async function seed(tables: TablesDB): Promise<void> {
  await tables.create({ databaseId: DATABASE, name: 'Shop' });
  await tables.createTable({
    databaseId: DATABASE, tableId: TABLE, name: 'Products',
    columns: [
      { key: 'name', type: 'string', size: 64, required: true },
      { key: 'category', type: 'string', size: 32, required: true },
      { key: 'price', type: 'double', required: true },
      { key: 'stock', type: 'integer', required: false },
    ],
  });
  const rows = Array.from({ length: ROWS }, (_, i) => ({ $id: `p${i}`, name: `Product ${i} with a longer name`, category: ['office', 'home', 'garden'][i % 3] ?? 'office', price: 1.5 + i, stock: i * 3 }));
  await tables.createRows({ databaseId: DATABASE, tableId: TABLE, rows });
}

const emu = await startAppwriteEmulator();
const client = (endpoint: string) => new TablesDB(new Client().setEndpoint(endpoint).setProject(emu.projectId).setKey(emu.apiKey));
const emulated = client(emu.endpoint);
await seed(emulated);
const headers = { 'x-appwrite-project': emu.projectId, 'x-appwrite-key': emu.apiKey };
const base = `${emu.endpoint}/tablesdb/${DATABASE}/tables/${TABLE}/rows`;
const rowBytes = await capture(`${base}/p7`, headers);
const listBytes = await capture(base, headers);
const bare = await bareServer(rowBytes, listBytes);
const plain = client(bare.endpoint);

const operations = {
  getRow: (tables: TablesDB) => () => tables.getRow({ databaseId: DATABASE, tableId: TABLE, rowId: 'p7' }),
  listRows: (tables: TablesDB) => () => tables.listRows({ databaseId: DATABASE, tableId: TABLE }),
} as const;
const contenders: Contender[] = [];
for (const [operation, make] of Object.entries(operations)) {
  for (const [server, tables] of [['emulator', emulated], ['bare', plain]] as const) {
    const loop = awaitedLoop(`${operation} ${server}`);
    const op = make(tables);
    contenders.push({ name: `${operation} ${server}`, run: () => loop(op, CALLS) });
  }
}
const [load1] = os.loadavg();
const samples = await shuffledRounds(contenders, { warmupRounds: WARMUP_ROUNDS, rounds: ROUNDS });
emu.requests.clear();

const us = (ns: number): string => `${(ns / 1_000).toFixed(1)} µs`;
const rows = Object.keys(operations).map((operation) => {
  const emulator = samples.get(`${operation} emulator`) ?? [];
  const plainSamples = samples.get(`${operation} bare`) ?? [];
  const ratios = emulator.map((value, round) => value / (plainSamples[round] ?? Number.NaN));
  const added = emulator.map((value, round) => value - (plainSamples[round] ?? Number.NaN));
  return [`\`${operation}\``, us(median(emulator)), us(median(plainSamples)), us(median(added)), formatRatio(median(ratios))];
});
console.log(`getRow answer ${Buffer.byteLength(rowBytes.body)} bytes, listRows answer ${Buffer.byteLength(listBytes.body)} bytes (${ROWS} rows); `
  + `${ROUNDS} rounds of ${CALLS} awaited calls per contender after ${WARMUP_ROUNDS} warm-up rounds; load average ${load1?.toFixed(2)} at the start\n`);
console.log(markdownTable(['round trip (node-appwrite)', 'emulator', 'bare node:http, same bytes', 'emulator adds', 'ratio (goal <= 1.25x)'], rows));

await new Promise<void>((resolve) => bare.server.close(() => resolve()));
bare.server.closeAllConnections();
await emu.close();
