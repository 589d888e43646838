/**
 * `POST /v1/query` through `squall serve`'s HTTP server with plain fetch: the JSON result of
 * ARCHITECTURE.md (what `squall query --format json` prints), errors as
 * `{"error":{"code","message","line","column"}}` with a 4xx status, 202 and a result link when
 * the wait runs out; and `squall serve` on S3 scratch keeping its result pages in the bucket.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseConfig } from '../../../src/config/config.ts';
import { resultStoreFor, ObjectStoreResultStore } from '../../../src/runtime/api/objectStoreResultStore.ts';
import { startHttpServer, type RunningServer } from '../../../src/runtime/api/httpServer.ts';
import { MemoryQueryStore } from '../../../src/runtime/api/queryStore.ts';
import { MemoryResultStore } from '../../../src/runtime/api/resultStore.ts';
import { StatementService } from '../../../src/runtime/api/statementService.ts';
import { clientRows, formatJson } from '../../../src/runtime/resultFormats.ts';
import type { Squall } from '../../../src/runtime/squall.ts';
import { storeFor } from '../../../src/storage/stores.ts';
import { lakeConfig, openSquall, useS3rverCredentials } from '../../helpers/engine.ts';
import { createTestBucket, s3TestOptions } from '../../helpers/s3.ts';

const ALICE = 'alice-token-0123456789';
const BOB = 'bob-token-0123456789ab';
const auth = { tokens: { [ALICE]: 'alice', [BOB]: 'bob' } };
const asAlice = { Authorization: `Bearer ${ALICE}`, 'X-Trino-Schema': 'tpch_zstd' };
const SQL = 'SELECT n_regionkey, count(*) AS nations, min(n_name) AS first FROM nation GROUP BY n_regionkey ORDER BY n_regionkey';

interface JsonBody {
  columns?: { name: string; type: string }[];
  rows?: unknown[][];
  stats?: Record<string, unknown>;
  error?: { code: string; message: string; line: number | null; column: number | null };
  queryId?: string;
  state?: string;
  nextUri?: string;
}

let squall: Squall;
let server: RunningServer;
let impatient: RunningServer;

beforeAll(async () => {
  squall = openSquall('file');
  server = await startHttpServer(new StatementService({ engine: squall, store: new MemoryQueryStore(), auth }), 0);
  // Answers 202 at once unless the query has already ended.
  impatient = await startHttpServer(new StatementService({ engine: squall, store: new MemoryQueryStore(), auth, jsonWaitMs: 0 }), 0);
});

afterAll(async () => {
  await server?.close();
  await impatient?.close();
  await squall?.close();
});

async function post(base: RunningServer, sql: string, headers: Record<string, string> = asAlice): Promise<{ status: number; body: JsonBody; text: string }> {
  const res = await fetch(`${base.url}/v1/query`, { method: 'POST', body: sql, headers });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as JsonBody, text };
}

describe('POST /v1/query', () => {
  it('answers the JSON result the CLI prints: columns, rows encoded as Trino does, stats', async () => {
    const { status, body, text } = await post(server, SQL);
    expect(status).toBe(200);
    const direct = await squall.query(SQL, { schema: 'tpch_zstd' });
    const rows = clientRows(direct.columns, direct.batch);
    expect(body.columns).toEqual([{ name: 'n_regionkey', type: 'bigint' }, { name: 'nations', type: 'bigint' }, { name: 'first', type: 'varchar' }]);
    expect(body.rows).toEqual(rows);
    expect(body.rows).toHaveLength(5);
    expect(Object.keys(body.stats!)).toEqual(Object.keys(direct.stats));
    expect(body.stats!.invocations).toBeGreaterThan(0);
    // Byte for byte the CLI's formatting, but for the figures of this run.
    expect(text).toBe(formatJson(direct.columns, rows, body.stats));
  });

  it('answers a failed query with its code and position and a 4xx status', async () => {
    const syntax = await post(server, 'SELECT n_name\nFROM nation\nWHERE AND');
    expect(syntax.status).toBe(400);
    expect(syntax.body).toEqual({ error: { code: 'SYNTAX_ERROR', message: expect.any(String), line: 3, column: 7 } });
    const missing = await post(server, 'SELECT nope FROM nation');
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'COLUMN_NOT_FOUND', line: 1, column: 8 });
    const empty = await post(server, '  ');
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: 'INVALID_ARGUMENTS', line: null, column: null });
  });

  it('answers 202 with a result link when the wait runs out; the link answers once the query ends', async () => {
    const accepted = await post(impatient, SQL);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ queryId: expect.any(String), state: expect.stringMatching(/^(QUEUED|RUNNING)$/), nextUri: `${impatient.url}/v1/query/${accepted.body.queryId}/result` });
    const link = accepted.body.nextUri!;
    expect((await fetch(link, { headers: { Authorization: `Bearer ${BOB}` } })).status).toBe(404);
    expect((await fetch(link, { method: 'POST', headers: asAlice })).status).toBe(405);
    let res = await fetch(link, { headers: asAlice });
    while (res.status === 202) res = await fetch(link, { headers: asAlice });
    expect(res.status).toBe(200);
    const body = (await res.json()) as JsonBody;
    const direct = await squall.query(SQL, { schema: 'tpch_zstd' });
    expect(body.rows).toEqual(clientRows(direct.columns, direct.batch));
  });

  it('refuses a request without credentials', async () => {
    expect((await fetch(`${server.url}/v1/query`, { method: 'POST', body: SQL })).status).toBe(401);
  });

  it('answers a result larger than its bound with EXCEEDED_PAYLOAD_LIMIT', async () => {
    const bounded = await startHttpServer(new StatementService({ engine: squall, store: new MemoryQueryStore(), auth, jsonMaxBytes: 200 }), 0);
    try {
      expect((await post(bounded, 'SELECT count(*) FROM nation')).status).toBe(200);
      const big = await post(bounded, 'SELECT n_name, n_comment FROM nation');
      expect(big.status).toBe(500);
      expect(big.body.error).toMatchObject({ code: 'EXCEEDED_PAYLOAD_LIMIT', message: expect.stringMatching(/\/v1\/statement/) });
    } finally {
      await bounded.close();
    }
  });
});

describe('squall serve on S3 scratch', () => {
  it('keeps result pages in the scratch bucket and serves them from there', async () => {
    useS3rverCredentials();
    const bucket = await createTestBucket('serve-results');
    const s3 = { endpoint: inject('s3Endpoint'), region: 'us-east-1', forcePathStyle: true };
    const base = lakeConfig('file');
    const config = parseConfig({ catalogs: base.catalogs, defaultCatalog: 'lake', defaultSchema: 'tpch_zstd', scratch: `s3://${bucket}/queries`, scratchS3: s3 }, process.cwd(), 'test config');
    expect(resultStoreFor(base)).toBeInstanceOf(MemoryResultStore);
    const results = resultStoreFor(config, { maxRows: 10, maxBytes: 1 << 20 });
    expect(results).toBeInstanceOf(ObjectStoreResultStore);
    const service = new StatementService({ engine: squall, store: new MemoryQueryStore(), results, auth });
    const local = await startHttpServer(service, 0);
    try {
      const { status, body } = await post(local, 'SELECT n_nationkey, n_name FROM nation ORDER BY n_nationkey');
      expect(status).toBe(200);
      expect(body.rows!.map((r) => r[0])).toEqual(Array.from({ length: 25 }, (_, i) => i));
      const pages = await storeFor(`s3://${bucket}/`, s3TestOptions()).list(`s3://${bucket}/queries/results/`);
      expect(pages.map((p) => p.uri.replace(/^.*\/results\/[^/]+\//, ''))).toEqual(['000000.json', '000001.json', '000002.json']);
    } finally {
      await local.close();
    }
  });
});
