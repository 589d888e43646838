/** The same service through the unmodified `presto-client` package (X-Presto-* headers, Basic auth). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import presto from 'presto-client';
import { clientRows } from '../../../src/cli/format.ts';
import { startHttpServer, type RunningServer } from '../../../src/runtime/api/httpServer.ts';
import { MemoryQueryStore } from '../../../src/runtime/api/queryStore.ts';
import { StatementService } from '../../../src/runtime/api/statementService.ts';
import type { Squall } from '../../../src/runtime/squall.ts';
import { openSquall } from '../../helpers/engine.ts';

const TOKEN = 'presto-token-0123456789';
let squall: Squall;
let server: RunningServer;

beforeAll(async () => {
  squall = openSquall('file');
  server = await startHttpServer(new StatementService({ engine: squall, store: new MemoryQueryStore(), auth: { tokens: { [TOKEN]: 'pat' } } }), 0);
});

afterAll(async () => {
  await server?.close();
  await squall?.close();
});

interface Outcome {
  rows: unknown[][];
  columns: { name: string; type: string }[];
  state?: string;
  error?: { message: string; errorName?: string; errorLocation?: { lineNumber: number; columnNumber: number } };
}

function run(sql: string): Promise<Outcome> {
  const port = Number(new URL(server.url).port);
  const client = new presto.Client({ host: '127.0.0.1', port, catalog: 'lake', schema: 'tpch_zstd', checkInterval: 10, basic_auth: { user: 'pat', password: TOKEN } });
  return new Promise((resolve) => {
    const out: Outcome = { rows: [], columns: [] };
    client.execute({
      query: sql,
      data: (_e, data, columns) => {
        out.rows.push(...data);
        out.columns = columns;
      },
      success: (_e, stats) => resolve({ ...out, state: stats.state }),
      error: (error) => resolve({ ...out, error }),
    });
  });
}

describe('Trino protocol (presto-client)', () => {
  it('runs a query and reports a syntax error', async () => {
    const sql = 'SELECT r_name, count(*) AS n FROM region JOIN nation ON n_regionkey = r_regionkey GROUP BY r_name ORDER BY r_name';
    const got = await run(sql);
    const direct = await squall.query(sql);
    expect(got.state).toBe('FINISHED');
    expect(got.columns.map((c) => [c.name, c.type])).toEqual([['r_name', 'varchar'], ['n', 'bigint']]);
    expect(got.rows).toEqual(clientRows(direct.columns, direct.batch));
    const bad = await run('SELECT *\n  FROM');
    expect(bad.error).toMatchObject({ errorName: 'SYNTAX_ERROR', errorLocation: { lineNumber: 2 } });
  });
});
