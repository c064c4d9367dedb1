import { request } from 'node:http';
import { Query } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
import { createTable } from './support.js';

const fixture = useEmulator({ resetBetweenTests: true });

function headers(contentType?: string): Record<string, string> {
  return {
    'x-appwrite-project': fixture.emu.projectId,
    'x-appwrite-key': fixture.emu.apiKey,
    ...(contentType === undefined ? {} : { 'content-type': contentType }),
  };
}

const notOptional = (param: string) => ({ code: 400, type: 'general_argument_invalid', message: `Param "${param}" is not optional.` });

async function seeded(): Promise<void> {
  const tablesDb = fixture.tablesDb();
  await createTable(tablesDb, 't', [{ key: 'v', type: 'integer', required: false }]);
  await tablesDb.createRows({ databaseId: 'db', tableId: 't', rows: [1, 2, 3].map((v) => ({ $id: `r${v}`, v })) });
}

/** A GET carrying a body, which fetch refuses to send. */
function getWithBody(path: string, body: string): Promise<{ status: number; json: unknown }> {
  const url = new URL(`${fixture.emu.endpoint}${path}`);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers: { ...headers('application/json'), 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as unknown }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('request params, read from one place as Appwrite reads them', () => {
  it('POST reads the body only: a query string is ignored, even for a param the body lacks', async () => {
    const url = `${fixture.emu.endpoint}/tablesdb?databaseId=fromquery&name=Query`;
    const created = await fetch(url, { method: 'POST', headers: headers('application/json'), body: JSON.stringify({ databaseId: 'frombody', name: 'Body' }) });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ $id: 'frombody', name: 'Body' });
    const missing = await fetch(url, { method: 'POST', headers: headers('application/json'), body: JSON.stringify({ name: 'Body' }) });
    expect(await missing.json()).toMatchObject(notOptional('databaseId'));
    expect(fixture.emu.requests.list({ method: 'POST' }).map((entry) => entry.body)).toEqual([{ databaseId: 'frombody', name: 'Body' }, { name: 'Body' }]);
  });

  it('PATCH and DELETE read the body only', async () => {
    await seeded();
    const rows = `${fixture.emu.endpoint}/tablesdb/db/tables/t/rows`;
    const patched = await fetch(`${rows}/r1?data[v]=9`, { method: 'PATCH', headers: headers('application/json'), body: JSON.stringify({ data: { v: 5 } }) });
    expect(await patched.json()).toMatchObject({ $id: 'r1', v: 5 });
    // The query string names r2, the body r3: only r3 goes.
    const query = encodeURIComponent(Query.equal('v', 2));
    const deleted = await fetch(`${rows}?queries[]=${query}`, { method: 'DELETE', headers: headers('application/json'), body: JSON.stringify({ queries: [Query.equal('v', 3)] }) });
    expect(deleted.status).toBe(200);
    const left = await fixture.tablesDb().listRows({ databaseId: 'db', tableId: 't' });
    expect(left.rows.map((row) => row.$id)).toEqual(['r1', 'r2']);
  });

  it('GET reads the query string only: a body is ignored', async () => {
    await seeded();
    const path = `/tablesdb/db/tables/t/rows?queries[]=${encodeURIComponent(Query.limit(1))}`;
    const answer = await getWithBody(path, JSON.stringify({ queries: [Query.limit(2)] }));
    expect(answer.status).toBe(200);
    expect((answer.json as { rows: unknown[] }).rows).toHaveLength(1);
    expect(fixture.emu.requests.list({ method: 'GET', tableId: 't' }).at(-1)).toMatchObject({ queries: [Query.limit(1)], body: null });
  });

  it('reads the body by its content type: JSON (with a charset), form fields, nothing for other types', async () => {
    const tablesdb = `${fixture.emu.endpoint}/tablesdb`;
    const json = await fetch(tablesdb, { method: 'POST', headers: headers('application/json; charset=utf-8'), body: JSON.stringify({ databaseId: 'json', name: 'Json' }) });
    expect(await json.json()).toMatchObject({ $id: 'json', name: 'Json' });
    const urlencoded = await fetch(tablesdb, { method: 'POST', headers: headers('application/x-www-form-urlencoded'), body: 'databaseId=form&name=Form' });
    expect(await urlencoded.json()).toMatchObject({ $id: 'form', name: 'Form' });
    const multipart = new FormData();
    multipart.set('databaseId', 'multipart');
    multipart.set('name', 'Multipart');
    // fetch sets the multipart content type with its boundary.
    const parts = await fetch(tablesdb, { method: 'POST', headers: headers(), body: multipart });
    expect(await parts.json()).toMatchObject({ $id: 'multipart', name: 'Multipart' });
    for (const contentType of ['text/plain', 'application/JSON', undefined]) {
      const ignored = await fetch(`${tablesdb}?databaseId=q&name=Q`, { method: 'POST', headers: headers(contentType), body: JSON.stringify({ databaseId: 'other', name: 'Other' }) });
      expect(await ignored.json(), String(contentType)).toMatchObject(notOptional('databaseId'));
    }
  });
});
