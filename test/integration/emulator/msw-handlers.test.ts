import { setupServer } from 'msw/node';
import { mswHandlers } from 'appwrite-orm/testing/msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';

const fixture = useEmulator();
const server = setupServer();

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'bypass' });
});
afterAll(() => {
  server.close();
});

describe('emulator msw handlers', () => {
  it('serve fetch-based clients in-process through msw, sharing the emulator state', async () => {
    server.use(...mswHandlers(fixture.emu));
    const headers = { 'content-type': 'application/json', 'x-appwrite-project': fixture.emu.projectId, 'x-appwrite-key': fixture.emu.apiKey };
    // An origin nothing listens on: only msw can answer.
    const created = await fetch('http://appwrite.test/v1/tablesdb', { method: 'POST', headers, body: JSON.stringify({ databaseId: 'viamsw', name: 'Via msw' }) });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ $id: 'viamsw', name: 'Via msw' });
    expect((await fixture.tablesDb().get({ databaseId: 'viamsw' })).name).toBe('Via msw');
    const missing = await fetch('http://appwrite.test/v1/tablesdb/none', { headers });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ type: 'database_not_found', code: 404, version: '1.9.5' });
    // The emulator's router picks the route, whatever order msw tries the handlers in.
    const transactions = await fetch('http://appwrite.test/v1/tablesdb/transactions', { headers });
    expect(transactions.status).toBe(200);
    expect(await transactions.json()).toEqual({ total: 0, transactions: [] });
  });

  it('come only from an emulator that startAppwriteEmulator() returned', () => {
    const imitation = { ...fixture.emu };
    expect(() => mswHandlers(imitation)).toThrow('mswHandlers() takes an emulator returned by startAppwriteEmulator() of appwrite-orm/testing.');
  });

  it('apply the emulator faults, a dropped connection included', async () => {
    server.use(...mswHandlers(fixture.emu));
    const headers = { 'x-appwrite-project': fixture.emu.projectId, 'x-appwrite-key': fixture.emu.apiKey };
    fixture.emu.faults.add({ operation: 'ping', status: 503, times: 1 });
    fixture.emu.faults.add({ operation: 'list', drop: true, times: 1 });
    expect((await fetch('http://appwrite.test/v1/ping', { headers })).status).toBe(503);
    expect((await fetch('http://appwrite.test/v1/ping', { headers })).status).toBe(200);
    await expect(fetch('http://appwrite.test/v1/tablesdb', { headers })).rejects.toThrow('Failed to fetch');
    expect(fixture.emu.requests.list({ operation: 'list' }).map((entry) => entry.status)).toEqual([-1]);
  });
});
