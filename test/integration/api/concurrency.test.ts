/**
 * The local endpoint under load and cancel: 50 queries submitted at once through node:http and
 * the unmodified trino-client each finish with their own right answer, exactly once; DELETE of
 * a running query stops the engine's execution and cleans its scratch.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Trino, type QueryResult as TrinoPage } from 'trino-client';
import { MemoryQueryStore } from '../../../src/runtime/api/queryStore.ts';
import { startHttpServer, type RunningServer } from '../../../src/runtime/api/httpServer.ts';
import { StatementService, type QueryEngine } from '../../../src/runtime/api/statementService.ts';
import { Squall } from '../../../src/runtime/squall.ts';
import { lakeConfig } from '../../helpers/engine.ts';

let scratchDir: string;
let squall: Squall;
/** How each query the engine ran ended: its error code, or 'ok'. */
const outcomes: string[] = [];
/** The invocations each successful query reported in its stats, by its SQL. */
const invocations = new Map<string, number>();
let server: RunningServer;
const store = new MemoryQueryStore();

beforeAll(async () => {
  scratchDir = mkdtempSync(path.join(os.tmpdir(), 'squall-api-'));
  const base = lakeConfig('file', 'tpch_zstd', { fragmentTargetBytes: 16 * 1024, mergeFanIn: 2, broadcastMaxBytes: 0 });
  squall = new Squall({ config: { ...base, scratch: pathToFileURL(scratchDir).href }, workers: 2 });
  const engine: QueryEngine = {
    query: (sql, session, onProgress, options) =>
      squall.query(sql, session, onProgress, options).then(
        (r) => (outcomes.push('ok'), invocations.set(sql, r.stats.invocations), r),
        (err: unknown) => {
          outcomes.push((err as { code?: string }).code ?? 'unknown');
          throw err;
        },
      ),
  };
  server = await startHttpServer(new StatementService({ engine, store, maxWaitMs: 100 }), 0);
});

afterAll(async () => {
  await server?.close();
  await squall?.close();
  rmSync(scratchDir, { recursive: true, force: true });
});

/** nation's keys are 0..24: below k there are min(k, 25) of them, summing to 0 + … + (min(k, 25) − 1). */
function expectedNation(k: number): [number, number | null] {
  const n = Math.min(k, 25);
  return [n, n === 0 ? null : (n * (n - 1)) / 2];
}

describe('the local endpoint', () => {
  it('answers 50 concurrent queries, each exactly once and right, each billed for its own invocations', async () => {
    const sqlFor = (k: number): string => `SELECT count(*), sum(n_nationkey) FROM nation WHERE n_nationkey < ${k}`;
    // Each query alone first: what it invokes when it has the pools to itself.
    const alone = new Map<string, number>();
    for (let k = 0; k < 50; k++) alone.set(sqlFor(k), (await squall.query(sqlFor(k), { catalog: 'lake', schema: 'tpch_zstd' })).stats.invocations);
    outcomes.length = 0;
    invocations.clear();
    const trino = Trino.create({ server: server.url, catalog: 'lake', schema: 'tpch_zstd', extraHeaders: { 'X-Trino-User': 'load' } });
    const ks = Array.from({ length: 50 }, (_, k) => k);
    const answers = await Promise.all(
      ks.map(async (k) => {
        const pages: TrinoPage[] = [];
        for await (const page of await trino.query(sqlFor(k))) pages.push(page);
        return { k, id: pages[0]!.id, last: pages.at(-1)!, rows: pages.flatMap((p) => p.data ?? []) };
      }),
    );
    for (const a of answers) {
      expect(a.last.error, `k = ${a.k}`).toBeUndefined();
      expect(a.last.stats?.state).toBe('FINISHED');
      expect(a.rows, `k = ${a.k}`).toEqual([expectedNation(a.k)]);
    }
    // 50 distinct queries, each run by the engine once, each recorded as finished once.
    expect(new Set(answers.map((a) => a.id)).size).toBe(50);
    expect(outcomes).toEqual(Array.from({ length: 50 }, () => 'ok'));
    for (const a of answers) expect((await store.get(a.id))?.state).toBe('FINISHED');
    // Queries running at once share the worker pools; none is billed for another's work.
    expect(invocations).toEqual(alone);
  }, 20_000);

  it('DELETE stops a running query in the engine and cleans its scratch', async () => {
    outcomes.length = 0;
    const headers = { 'X-Trino-User': 'carol', 'X-Trino-Schema': 'tpch_zstd' };
    const sql = `SELECT o_orderpriority, l_returnflag, count(*), sum(l_quantity)
      FROM lineitem JOIN orders ON l_orderkey = o_orderkey GROUP BY 1, 2 ORDER BY 1, 2`;
    let page = (await (await fetch(`${server.url}/v1/statement`, { method: 'POST', body: sql, headers })).json()) as TrinoPage;
    // Wait until tasks are running (some done), then cancel.
    while ((page.stats?.completedSplits ?? 0) === 0) {
      expect(page.stats?.state).not.toBe('FINISHED');
      page = (await (await fetch(page.nextUri!, { headers })).json()) as TrinoPage;
    }
    expect((await fetch(page.nextUri!, { method: 'DELETE', headers })).status).toBe(204);
    const deadline = Date.now() + 5000;
    while (outcomes.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(outcomes).toEqual(['USER_CANCELED']);
    expect(readdirSync(scratchDir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile())).toEqual([]);
    const after = (await (await fetch(page.nextUri!, { headers })).json()) as TrinoPage;
    expect(after.stats?.state).toBe('FAILED');
    expect(after.error).toMatchObject({ errorName: 'USER_CANCELED', errorCode: 3, errorType: 'USER_ERROR' });
  });
});
