/**
 * `squall serve`'s protocol core over node:http, driven by the unmodified `trino-client` package:
 * results (columns, types, rows, paging), errors with their location, tokens, owners, cancel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasicAuth, Trino, type QueryResult as TrinoPage } from 'trino-client';
import { clientRows } from '../../../src/cli/format.ts';
import { MemoryQueryStore } from '../../../src/runtime/api/queryStore.ts';
import { startHttpServer, type RunningServer } from '../../../src/runtime/api/httpServer.ts';
import { StatementService, type QueryEngine } from '../../../src/runtime/api/statementService.ts';
import type { Squall } from '../../../src/runtime/squall.ts';
import { openSquall } from '../../helpers/engine.ts';
import { TPCH_Q1 } from '../../unit/sql/tpchQueries.ts';

const ALICE = 'alice-token-0123456789';
const BOB = 'bob-token-0123456789ab';
const auth = { tokens: { [ALICE]: 'alice', [BOB]: 'bob' } };

// The specification's text, as a client sends it: without the trailing semicolon.
const Q1 = TPCH_Q1.trim().replace(/;$/, '');

let squall: Squall;
let server: RunningServer;

beforeAll(async () => {
  squall = openSquall('file');
  server = await startHttpServer(new StatementService({ engine: squall, store: new MemoryQueryStore(), auth }), 0);
});

afterAll(async () => {
  await server?.close();
  await squall?.close();
});

function client(token: string, user: string): Trino {
  return Trino.create({ server: server.url, catalog: 'lake', schema: 'tpch_zstd', auth: new BasicAuth(user, token) });
}

/** Every page the client fetches after the POST (the client skips pages without data until the last). */
async function pages(trino: Trino, sql: string): Promise<TrinoPage[]> {
  const out: TrinoPage[] = [];
  for await (const page of await trino.query(sql)) out.push(page);
  return out;
}

describe('Trino client protocol (trino-client)', () => {
  it('answers TPC-H Q1 with the engine’s columns, types and rows', async () => {
    const got = await pages(client(ALICE, 'alice'), Q1);
    const last = got.at(-1)!;
    expect(last.error).toBeUndefined();
    expect(last.stats?.state).toBe('FINISHED');
    expect(last.nextUri).toBeUndefined();
    const columns = got.find((p) => p.columns)!.columns!;
    expect(columns.map((c) => c.type)).toEqual([
      'varchar', 'varchar', 'decimal(38,2)', 'decimal(38,2)', 'decimal(38,4)', 'decimal(38,6)',
      'decimal(15,2)', 'decimal(15,2)', 'decimal(15,2)', 'bigint',
    ]);
    expect(columns[2]).toMatchObject({ name: 'sum_qty', typeSignature: { rawType: 'decimal', arguments: [{ kind: 'LONG', value: 38 }, { kind: 'LONG', value: 2 }] } });
    const direct = await squall.query(Q1);
    expect(columns.map((c) => c.name)).toEqual(direct.columns.map((c) => c.name));
    expect(got.flatMap((p) => p.data ?? [])).toEqual(clientRows(direct.columns, direct.batch));
    expect(got.flatMap((p) => p.data ?? []).length).toBe(4);
    // The final stats: rows and bytes read, task time, the largest task's memory, and the cost.
    const stats = last.stats as unknown as Record<string, number>;
    expect(stats.processedRows).toBe(direct.stats.rowsScanned);
    expect(stats.processedBytes).toBeGreaterThan(0);
    expect(stats.cpuTimeMillis).toBeGreaterThan(0);
    expect(stats.peakMemoryBytes).toBeGreaterThan(0);
    expect(stats.estimatedCostUsd).toBeGreaterThan(0);
    expect(stats.progressPercentage).toBe(100);
  });

  it('reports a syntax error with its line and column', async () => {
    const got = await pages(client(ALICE, 'alice'), 'SELECT l_orderkey\nFROM lineitem\nWHERE AND');
    const error = got.at(-1)!.error as unknown as Record<string, unknown>;
    expect(got.at(-1)!.stats?.state).toBe('FAILED');
    expect(error).toMatchObject({ errorName: 'SYNTAX_ERROR', errorCode: 1, errorType: 'USER_ERROR', errorLocation: { lineNumber: 3, columnNumber: 7 } });
  });

  it('pages a result of over 200,000 rows completely and in order', async () => {
    const trino = client(BOB, 'bob');
    const got = await pages(trino, `SELECT l_orderkey, l_linenumber, n FROM lineitem CROSS JOIN (VALUES 1, 2, 3, 4) AS t(n)
      ORDER BY l_orderkey, l_linenumber, n`);
    const rows = got.flatMap((p) => (p.data ?? []) as [number, number, number][]);
    const direct = await squall.query('SELECT count(*) FROM lineitem');
    expect(rows.length).toBe(4 * Number(clientRows(direct.columns, direct.batch)[0]![0]));
    expect(rows.length).toBeGreaterThan(200_000);
    expect(got.filter((p) => (p.data?.length ?? 0) > 0).length).toBe(Math.ceil(rows.length / 1000));
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      const before = a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] < b[2];
      if (!before) throw new Error(`rows ${i - 1} and ${i} out of order`);
    }
    expect(got.at(-1)!.stats?.state).toBe('FINISHED');
  });

  it('records the session headers and answers GET /v1/query/{id} with them, the figures and the cost', async () => {
    const headers = { Authorization: `Bearer ${ALICE}`, 'X-Trino-Source': 'redash', 'X-Trino-Client-Tags': 'finance, board ,', 'X-Trino-Schema': 'tpch_zstd' };
    let page = (await (await fetch(`${server.url}/v1/statement`, { method: 'POST', body: 'SELECT count(*) FROM orders', headers })).json()) as TrinoPage;
    while (page.nextUri) page = (await (await fetch(page.nextUri, { headers })).json()) as TrinoPage;
    expect(page.stats?.state).toBe('FINISHED');
    const info = (await (await fetch(`${server.url}/v1/query/${page.id}`, { headers })).json()) as Record<string, unknown>;
    expect(info).toMatchObject({
      queryId: page.id,
      state: 'FINISHED',
      query: 'SELECT count(*) FROM orders',
      session: { user: 'alice', source: 'redash', catalog: null, schema: 'tpch_zstd', clientTags: ['finance', 'board'] },
      queryStats: { rowsScanned: 15_000 },
    });
    const stats = info.queryStats as { estimatedCostUsd: number; cost: { totalUsd: number } };
    expect(stats.estimatedCostUsd).toBeGreaterThan(0);
    expect(stats.cost.totalUsd).toBe(stats.estimatedCostUsd);
  });

  it('takes a bearer token too, and refuses a wrong one with 401', async () => {
    const bearer = Trino.create({ server: server.url, catalog: 'lake', schema: 'tpch_zstd', extraHeaders: { Authorization: `Bearer ${ALICE}` } });
    const got = await pages(bearer, 'SELECT count(*) AS n FROM nation');
    expect(got.flatMap((p) => p.data ?? [])).toEqual([[25]]);
    await expect(pages(client('not-a-token-at-all-xx', 'alice'), 'SELECT 1')).rejects.toMatchObject({ response: { status: 401 } });
    const anonymous = await fetch(`${server.url}/v1/statement`, { method: 'POST', body: 'SELECT 1', headers: { 'X-Trino-User': 'alice' } });
    expect(anonymous.status).toBe(401);
  });

  it('does not let one user read or cancel another’s query', async () => {
    const post = await fetch(`${server.url}/v1/statement`, { method: 'POST', body: 'SELECT count(*) FROM nation', headers: { Authorization: `Bearer ${ALICE}` } });
    expect(post.status).toBe(200);
    const first = (await post.json()) as TrinoPage;
    expect(first.stats?.state).toBe('QUEUED');
    expect(first.nextUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/statement\//);
    const asBob = { headers: { Authorization: `Bearer ${BOB}` } };
    expect((await fetch(first.nextUri!, asBob)).status).toBe(404);
    expect((await fetch(first.nextUri!, { ...asBob, method: 'DELETE' })).status).toBe(404);
    expect((await fetch(`${server.url}/v1/query/${first.id}`, asBob)).status).toBe(404);
    // Alice can, and Bob's attempts changed nothing.
    let page = first;
    while (page.nextUri) page = (await (await fetch(page.nextUri, { headers: { Authorization: `Bearer ${ALICE}` } })).json()) as TrinoPage;
    expect(page.stats?.state).toBe('FINISHED');
  });
});

describe('cancel', () => {
  let gated: RunningServer;
  let release: () => void = () => undefined;

  beforeAll(async () => {
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The query waits at the gate, so the cancel surely comes first.
    const engine: QueryEngine = { query: async (sql, session, onProgress) => (await gate, squall.query(sql, session, onProgress)) };
    gated = await startHttpServer(new StatementService({ engine, store: new MemoryQueryStore(), maxWaitMs: 50 }), 0);
  });

  afterAll(async () => {
    release();
    await gated?.close();
  });

  it('DELETE nextUri cancels; later GETs report USER_CANCELED', async () => {
    const headers = { 'X-Trino-User': 'carol', 'X-Trino-Schema': 'tpch_zstd' };
    const first = (await (await fetch(`${gated.url}/v1/statement`, { method: 'POST', body: 'SELECT count(*) FROM nation', headers })).json()) as TrinoPage;
    const running = (await (await fetch(first.nextUri!, { headers })).json()) as TrinoPage;
    expect(running.stats?.state).toBe('RUNNING');
    expect(running.nextUri).toBe(first.nextUri);
    expect((await fetch(first.nextUri!, { headers: { 'X-Trino-User': 'mallory' } })).status).toBe(404);
    expect((await fetch(running.nextUri!, { method: 'DELETE', headers })).status).toBe(204);
    release();
    await new Promise((r) => setTimeout(r, 200));
    const after = (await (await fetch(running.nextUri!, { headers })).json()) as TrinoPage;
    expect(after.stats?.state).toBe('FAILED');
    expect(after.nextUri).toBeUndefined();
    expect(after.error).toMatchObject({ errorName: 'USER_CANCELED', errorCode: 3, errorType: 'USER_ERROR' });
  });

  it('trino-client’s cancel (DELETE /v1/query/{id}) works too', async () => {
    const headers = { 'X-Trino-User': 'dave' };
    const first = (await (await fetch(`${gated.url}/v1/statement`, { method: 'POST', body: 'SELECT 1', headers })).json()) as TrinoPage;
    // Without configured auth, Basic only names the user (X-Trino-User), as on an unsecured Trino.
    await Trino.create({ server: gated.url, auth: new BasicAuth('dave') }).cancel(first.id);
    const info = (await (await fetch(`${gated.url}/v1/query/${first.id}`, { headers })).json()) as { state: string };
    expect(info.state).toBe('FAILED');
    expect((await fetch(`${gated.url}/v1/query/${first.id}`, { method: 'DELETE', headers: { 'X-Trino-User': 'erin' } })).status).toBe(404);
  });
});
