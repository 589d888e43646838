/** The protocol core without a network or an engine: auth, config, page bounds, failures. */
import { emptyStageStats, emptyWork } from '../../../../src/runtime/engine/workStats.ts';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../src/config/config.ts';
import { ParseError } from '../../../../src/errors.ts';
import { authenticate } from '../../../../src/runtime/api/auth.ts';
import type { ApiRequest } from '../../../../src/runtime/api/http.ts';
import type { QueryResults } from '../../../../src/runtime/api/protocol.ts';
import { MemoryQueryStore } from '../../../../src/runtime/api/queryStore.ts';
import { StatementService, type QueryEngine } from '../../../../src/runtime/api/statementService.ts';
import { typeSignature } from '../../../../src/runtime/api/typeSignature.ts';
import type { QueryResult, QueryStats } from '../../../../src/runtime/squall.ts';
import { BIGINT, VARCHAR, decimal, timestamp } from '../../../../src/types/sqlType.ts';
import { vectorFromValues } from '../../../../src/types/vector.ts';

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const tokens = { tokens: { 'secret-token-0123456789': 'ann' } };

describe('authenticate', () => {
  it('without auth config takes X-Trino-User (or X-Presto-User), else anonymous', () => {
    expect(authenticate({ 'x-trino-user': 'ann' }, undefined)).toEqual({ ok: true, user: 'ann' });
    expect(authenticate({ 'x-presto-user': 'bo' }, undefined)).toEqual({ ok: true, user: 'bo' });
    expect(authenticate({}, undefined)).toEqual({ ok: true, user: 'anonymous' });
  });

  it('with tokens: bearer or Basic with the token as password', () => {
    expect(authenticate({ authorization: 'Bearer secret-token-0123456789' }, tokens)).toEqual({ ok: true, user: 'ann' });
    expect(authenticate({ authorization: basic('ann', 'secret-token-0123456789'), 'x-trino-user': 'ann' }, tokens)).toEqual({ ok: true, user: 'ann' });
  });

  it('refuses missing or wrong credentials (401) and acting as someone else (403)', () => {
    expect(authenticate({ 'x-trino-user': 'ann' }, tokens)).toMatchObject({ ok: false, status: 401 });
    expect(authenticate({ authorization: 'Bearer nope' }, tokens)).toMatchObject({ ok: false, status: 401 });
    expect(authenticate({ authorization: basic('bo', 'secret-token-0123456789') }, tokens)).toMatchObject({ ok: false, status: 401 });
    expect(authenticate({ authorization: 'Bearer secret-token-0123456789', 'x-trino-user': 'bo' }, tokens)).toMatchObject({ ok: false, status: 403 });
  });
});

describe('auth in the config', () => {
  const base = { catalogs: { lake: { connector: 'parquet', location: 'file:///tmp/lake' } } };
  it('is optional and validated', () => {
    expect(parseConfig(base, '/').auth).toBeUndefined();
    expect(parseConfig({ ...base, auth: tokens }, '/').auth).toEqual(tokens);
    expect(() => parseConfig({ ...base, auth: { tokens: { short: 'ann' } } }, '/')).toThrow(/auth\.tokens: every token must be at least 16 characters/);
    expect(() => parseConfig({ ...base, auth: { tokens: { short: 'ann' } } }, '/')).not.toThrow(/short/);
    expect(() => parseConfig({ ...base, auth: { tokens: { 'secret-token-0123456789': '' } } }, '/')).toThrow(/auth\.tokens\.<token>: must be a non-empty user name/);
    expect(() => parseConfig({ ...base, auth: { tokens: {}, users: {} } }, '/')).toThrow(/auth/);
  });
});

describe('typeSignature', () => {
  it('spells parameters as Trino does', () => {
    expect(typeSignature(decimal(38, 2))).toEqual({ rawType: 'decimal', arguments: [{ kind: 'LONG', value: 38 }, { kind: 'LONG', value: 2 }] });
    expect(typeSignature(VARCHAR)).toEqual({ rawType: 'varchar', arguments: [{ kind: 'LONG', value: 2147483647 }] });
    expect(typeSignature(timestamp(6))).toEqual({ rawType: 'timestamp', arguments: [{ kind: 'LONG', value: 6 }] });
    expect(typeSignature(BIGINT)).toEqual({ rawType: 'bigint', arguments: [] });
  });
});

function fakeEngine(rows: number, text = 'x'): QueryEngine {
  return {
    query: async (sql) => {
      if (sql.startsWith('bad')) throw new ParseError("mismatched input 'bad'", { line: 1, column: 1 });
      const ids = Array.from({ length: rows }, (_, i) => BigInt(i));
      const result: QueryResult = {
        queryId: 'q',
        columns: [{ name: 'id', type: BIGINT }, { name: 's', type: VARCHAR }],
        batch: { columns: [vectorFromValues(BIGINT, ids), vectorFromValues(VARCHAR, ids.map(() => text))], length: rows },
        // The figures the service reads; the rest of QueryStats does not matter here.
        stats: {
          rowsScanned: rows,
          bytesScanned: 0,
          estimatedCostUsd: 0,
          byFunction: {},
          stages: { plan: emptyWork(), scan: emptyWork(), merge: emptyWork(), finalize: emptyStageStats(), byStage: [] },
        } as unknown as QueryStats,
      };
      return result;
    },
  };
}

const request = (method: string, path: string, body = ''): ApiRequest => ({ method, path, body, headers: { 'x-trino-user': 'ann' }, baseUrl: 'http://h' });

async function drain(service: StatementService, sql: string): Promise<QueryResults[]> {
  let page = JSON.parse((await service.handle(request('POST', '/v1/statement', sql))).body) as QueryResults;
  const out = [page];
  while (page.nextUri) {
    page = JSON.parse((await service.handle(request('GET', page.nextUri.slice('http://h'.length)))).body) as QueryResults;
    out.push(page);
  }
  return out;
}

describe('StatementService', () => {
  it('bounds pages by rows', async () => {
    const service = new StatementService({ engine: fakeEngine(25), store: new MemoryQueryStore(), pageRows: 10 });
    const pages = (await drain(service, 'select')).filter((p) => p.data);
    expect(pages.map((p) => p.data!.length)).toEqual([10, 10, 5]);
    expect(pages.flatMap((p) => p.data!).map((r) => r[0])).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(pages.at(-1)!.stats.state).toBe('FINISHED');
  });

  it('bounds pages by bytes (at least one row a page)', async () => {
    const service = new StatementService({ engine: fakeEngine(6, 'y'.repeat(100)), store: new MemoryQueryStore(), pageBytes: 250 });
    const pages = (await drain(service, 'select')).filter((p) => p.data);
    expect(pages.map((p) => p.data!.length)).toEqual([2, 2, 2]);
    const tiny = new StatementService({ engine: fakeEngine(2, 'y'.repeat(100)), store: new MemoryQueryStore(), pageBytes: 10 });
    expect((await drain(tiny, 'select')).filter((p) => p.data).map((p) => p.data!.length)).toEqual([1, 1]);
  });

  it('answers an empty result with columns and no rows', async () => {
    const service = new StatementService({ engine: fakeEngine(0), store: new MemoryQueryStore() });
    const last = (await drain(service, 'select')).at(-1)!;
    expect(last).toMatchObject({ columns: [{ name: 'id', type: 'bigint' }, { name: 's', type: 'varchar' }], data: [], stats: { state: 'FINISHED' } });
  });

  it('reports failures with Trino codes and location', async () => {
    const service = new StatementService({ engine: fakeEngine(0), store: new MemoryQueryStore() });
    const last = (await drain(service, 'bad')).at(-1)!;
    expect(last.stats.state).toBe('FAILED');
    expect(last.error).toMatchObject({ errorCode: 1, errorName: 'SYNTAX_ERROR', errorType: 'USER_ERROR', errorLocation: { lineNumber: 1, columnNumber: 1 } });
  });

  it('rejects an empty statement, unknown paths and a tampered link', async () => {
    const service = new StatementService({ engine: fakeEngine(1), store: new MemoryQueryStore() });
    expect((await service.handle(request('POST', '/v1/statement', '  '))).status).toBe(400);
    expect((await service.handle(request('GET', '/v2/x'))).status).toBe(404);
    const first = JSON.parse((await service.handle(request('POST', '/v1/statement', 'select'))).body) as QueryResults;
    const tampered = first.nextUri!.slice('http://h'.length).replace(/\/[0-9a-f]{24}\//, '/000000000000000000000000/');
    expect((await service.handle(request('GET', tampered))).status).toBe(404);
  });
});
