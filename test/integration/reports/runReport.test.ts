/**
 * One report run through the real engine (local state machine, worker threads, the test lake):
 * each output format written at `<destination>/<name>/<run time>.<ext>` and read back (Parquet by
 * DuckDB, with the query's types), the run recorded, a failed run recorded FAILED with no output,
 * and a second delivery of the same time neither running the query nor writing again.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type ReportConfig, type SquallConfig } from '../../../src/config/config.ts';
import { LocalReportRunStore } from '../../../src/runtime/reports/localReportRunStore.ts';
import { runReport, type ReportEngine } from '../../../src/runtime/reports/runReport.ts';
import { Squall } from '../../../src/runtime/squall.ts';
import { openDuckDb, sqlString, type DuckDb } from '../../helpers/duckdb.ts';
import { lakeConfig, openReference } from '../../helpers/engine.ts';

let dir: string;
let squall: Squall;
let config: SquallConfig;
let runs: LocalReportRunStore;
let duck: DuckDb;
/** SQL texts the engine was asked to run. */
const queried: string[] = [];
let engine: ReportEngine;

const SCHEDULED = Date.parse('2026-11-21T06:00:00Z');

const TYPES_SQL = `SELECT CAST(1 AS tinyint) AS t, CAST(-2 AS smallint) AS s, 3 AS i, CAST(9007199254740993 AS bigint) AS b,
  CAST(1.5 AS real) AS r, 2.25e0 AS d, CAST(-123.45 AS decimal(10,2)) AS dec,
  CAST('-12345678901234567890.123456' AS decimal(38,6)) AS wide, 'héllo, "world"' AS v, DATE '2024-02-29' AS dt,
  TIMESTAMP '2024-02-29 12:34:56.123456' AS ts, true AS bo, CAST(NULL AS integer) AS n, INTERVAL '3' DAY AS iv`;

function report(name: string, format: ReportConfig['format'], sql: string): ReportConfig {
  return config.reports!.find((r) => r.name === name) ?? { name, format, sql, schedule: 'rate(1 hour)', destination: pathToFileURL(path.join(dir, 'out')).href };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'squall-report-'));
  const base = lakeConfig('file');
  config = parseConfig(
    {
      catalogs: base.catalogs,
      defaultCatalog: 'lake',
      defaultSchema: 'tpch_zstd',
      reports: [
        { name: 'nations', schedule: 'cron(0 6 * * ? *)', format: 'csv', destination: 'file:out', sql: 'SELECT n_nationkey, n_name FROM nation WHERE n_nationkey < 3 ORDER BY 1', source: 'finance' },
        { name: 'quoting', schedule: 'rate(1 day)', format: 'csv', destination: 'file:out', sql: `SELECT 'a,"b"' AS "x,y", CAST(NULL AS varchar) AS n, 'two\nlines' AS m`, user: 'alice' },
        { name: 'summary', schedule: 'rate(1 day)', format: 'json', destination: 'file:out', sql: 'SELECT n_regionkey, count(*) AS c FROM nation GROUP BY 1 ORDER BY 1' },
        { name: 'types', schedule: 'rate(1 day)', format: 'parquet', destination: 'file:out', sql: TYPES_SQL },
        { name: 'lines', schedule: 'rate(1 day)', format: 'parquet', destination: 'file:out', sql: 'SELECT l_orderkey, l_linenumber, l_extendedprice, l_discount, l_shipdate, l_returnflag, l_comment FROM lineitem WHERE l_orderkey < 200' },
        { name: 'empty', schedule: 'rate(1 day)', format: 'parquet', destination: 'file:out', sql: 'SELECT n_name, n_nationkey FROM nation WHERE n_nationkey < 0' },
        { name: 'broken', schedule: 'rate(1 day)', format: 'parquet', destination: 'file:out', sql: 'SELECT n_name, 1 / (n_nationkey - n_nationkey) FROM nation' },
      ],
    },
    dir,
    'report test config',
  );
  squall = new Squall({ config, workers: 2 });
  engine = { query: (sql, session, onProgress, options) => (queried.push(sql), squall.query(sql, session, onProgress, options)) };
  runs = new LocalReportRunStore(config.reportRuns as string);
  duck = await openDuckDb();
});

afterAll(async () => {
  duck?.close();
  await squall?.close();
  rmSync(dir, { recursive: true, force: true });
});

const fileOf = (uri: string | null): string => fileURLToPath(uri!);

describe('a report run', () => {
  it('writes CSV (RFC 4180: header, CRLF) at <destination>/<name>/<run time>.csv and records the run', async () => {
    const outcome = await runReport(report('nations', 'csv', ''), { scheduledFor: SCHEDULED, trigger: 'schedule' }, { engine, runs });
    expect(outcome.ran).toBe(true);
    const run = outcome.ran ? outcome.run : undefined;
    const expectedUri = pathToFileURL(path.join(dir, 'out', 'nations', '2026-11-21T06-00-00Z.csv')).href;
    const body = readFileSync(fileOf(expectedUri), 'utf8');
    expect(body).toBe('n_nationkey,n_name\r\n0,ALGERIA\r\n1,ARGENTINA\r\n2,BRAZIL\r\n');
    expect(run).toMatchObject({
      report: 'nations',
      runId: '2026-11-21T06-00-00Z',
      scheduledFor: '2026-11-21T06:00:00.000Z',
      trigger: 'schedule',
      state: 'SUCCEEDED',
      rows: 3,
      bytes: Buffer.byteLength(body),
      output: expectedUri,
      error: null,
      user: 'report:nations',
      source: 'finance',
    });
    expect(run!.costUsd).toBeGreaterThan(0);
    expect(run!.queryId).toMatch(/^\d{8}_\d{6}_\d{5}_[a-z0-9]{5}$/);
    expect(Date.parse(run!.endedAt!)).toBeGreaterThanOrEqual(Date.parse(run!.startedAt));
    expect(await runs.get('nations', '2026-11-21T06-00-00Z')).toEqual(run);
  });

  it('quotes CSV fields as RFC 4180 says; NULL is an empty field', async () => {
    const outcome = await runReport(report('quoting', 'csv', ''), { scheduledFor: SCHEDULED, trigger: 'manual' }, { engine, runs });
    expect(outcome.ran && outcome.run.user).toBe('alice');
    expect(readFileSync(path.join(dir, 'out', 'quoting', '2026-11-21T06-00-00Z.csv'), 'utf8')).toBe('"x,y",n,m\r\n"a,""b""",,"two\nlines"\r\n');
  });

  it('writes the JSON result of the contract: columns, rows in client encoding, stats', async () => {
    const outcome = await runReport(report('summary', 'json', ''), { scheduledFor: SCHEDULED, trigger: 'schedule' }, { engine, runs });
    const out = JSON.parse(readFileSync(fileOf(outcome.ran ? outcome.run.output : null), 'utf8')) as { columns: unknown; rows: unknown; stats: Record<string, number> };
    expect(out.columns).toEqual([
      { name: 'n_regionkey', type: 'bigint' },
      { name: 'c', type: 'bigint' },
    ]);
    expect(out.rows).toEqual([[0, 5], [1, 5], [2, 5], [3, 5], [4, 5]]);
    expect(out.stats.estimatedCostUsd).toBeGreaterThan(0);
    expect(outcome.ran && outcome.run.costUsd).toBe(out.stats.estimatedCostUsd);
  });

  it('writes Parquet that DuckDB reads back with the query’s types and values', async () => {
    const outcome = await runReport(report('types', 'parquet', ''), { scheduledFor: SCHEDULED, trigger: 'schedule' }, { engine, runs });
    expect(outcome.ran && outcome.run.state).toBe('SUCCEEDED');
    const file = fileOf(outcome.ran ? outcome.run.output : null);
    expect(file.endsWith(path.join('types', '2026-11-21T06-00-00Z.parquet'))).toBe(true);
    const read = await duck.typed(`SELECT * FROM read_parquet(${sqlString(file)})`);
    expect(read.names).toEqual(['t', 's', 'i', 'b', 'r', 'd', 'dec', 'wide', 'v', 'dt', 'ts', 'bo', 'n', 'iv']);
    expect(read.types).toEqual(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL(10,2)', 'DECIMAL(38,6)', 'VARCHAR', 'DATE', 'TIMESTAMP', 'BOOLEAN', 'INTEGER', 'VARCHAR']);
    expect(read.rows).toEqual([
      [1, -2, 3, '9007199254740993', 1.5, 2.25, '-123.45', '-12345678901234567890.123456', 'héllo, "world"', '2024-02-29', '2024-02-29 12:34:56.123456', true, null, '3 00:00:00.000'],
    ]);
  });

  it('writes Parquet of lake rows equal to what DuckDB reads from the lake', async () => {
    const outcome = await runReport(report('lines', 'parquet', ''), { scheduledFor: SCHEDULED, trigger: 'schedule' }, { engine, runs });
    const file = fileOf(outcome.ran ? outcome.run.output : null);
    const reference = await openReference({ lineitem: 'tpch_zstd/lineitem' });
    try {
      const cols = 'l_orderkey, l_linenumber, l_extendedprice, l_discount, l_shipdate, l_returnflag, l_comment';
      const expected = await reference.typed(`SELECT ${cols} FROM lineitem WHERE l_orderkey < 200 ORDER BY 1, 2`);
      const written = await duck.typed(`SELECT ${cols} FROM read_parquet(${sqlString(file)}) ORDER BY 1, 2`);
      expect(written.rows.length).toBeGreaterThan(100);
      expect(outcome.ran && outcome.run.rows).toBe(written.rows.length);
      expect(written.rows).toEqual(expected.rows);
      // l_orderkey is bigint in the lake; the rest keep the lake's types too.
      expect(written.types).toEqual(expected.types);
    } finally {
      reference.close();
    }
  });

  it('writes a typed Parquet file for an empty result', async () => {
    const outcome = await runReport(report('empty', 'parquet', ''), { scheduledFor: SCHEDULED, trigger: 'schedule' }, { engine, runs });
    expect(outcome.ran && outcome.run.rows).toBe(0);
    const read = await duck.typed(`SELECT * FROM read_parquet(${sqlString(fileOf(outcome.ran ? outcome.run.output : null))})`);
    expect(read.types).toEqual(['VARCHAR', 'BIGINT']);
    expect(read.rows).toEqual([]);
  });

  it('records a failed run FAILED with its error, and leaves no output', async () => {
    const outcome = await runReport(report('broken', 'parquet', ''), { scheduledFor: SCHEDULED, trigger: 'schedule' }, { engine, runs });
    expect(outcome.ran).toBe(true);
    expect(outcome.ran && outcome.run).toMatchObject({ state: 'FAILED', error: 'DIVISION_BY_ZERO: Division by zero', output: null, rows: null, bytes: null });
    // The failed query was billed (it scanned before dividing by zero): the run records that.
    expect(outcome.ran && outcome.run.costUsd).toBeGreaterThan(0);
    expect(existsSync(path.join(dir, 'out', 'broken'))).toBe(false);
    expect((await runs.get('broken', '2026-11-21T06-00-00Z'))?.state).toBe('FAILED');
  });

  it('runs a scheduled time once: a second delivery neither queries nor writes', async () => {
    const time = Date.parse('2026-11-22T06:00:00Z');
    const first = await runReport(report('nations', 'csv', ''), { scheduledFor: time, trigger: 'schedule' }, { engine, runs });
    expect(first.ran).toBe(true);
    const asked = queried.length;
    // EventBridge retries deliver the same event: the same scheduled time.
    const again = await runReport(report('nations', 'csv', ''), { scheduledFor: time, trigger: 'schedule' }, { engine, runs });
    expect(again).toEqual({ ran: false, existing: first.ran ? first.run : undefined });
    expect(queried.length).toBe(asked);
    expect(readdirSync(path.join(dir, 'out', 'nations')).sort()).toEqual(['2026-11-21T06-00-00Z.csv', '2026-11-22T06-00-00Z.csv']);
  });
});
