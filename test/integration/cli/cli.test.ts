/**
 * The `squall` command as users and tools run it: output formats, exit status, errors on stderr
 * in one line, and the JSON error object on stdout with --format json (the contract in
 * ARCHITECTURE.md).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
let dir: string;
let config: string;

function squall(...args: string[]): { status: number; stdout: string; stderr: string } {
  // A home of its own: the CLI's default ledger is ~/.squall/ledger.jsonl.
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'squall.mjs'), ...args], { encoding: 'utf8', cwd: dir, timeout: 60_000, env: { ...process.env, HOME: dir } });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'squall-cli-'));
  config = path.join(dir, 'lake.json');
  writeFileSync(
    config,
    JSON.stringify({ catalogs: { lake: { connector: 'parquet', location: inject('testLakeUri') } }, defaultCatalog: 'lake', defaultSchema: 'tpch_zstd', runtime: { workers: 2 } }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('squall query', () => {
  it('prints an aligned table by default', () => {
    const r = squall('query', '--config', config, 'SELECT r_regionkey, r_name FROM region ORDER BY 1 LIMIT 2');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [' r_regionkey | r_name  ', '-------------+---------', '           0 | AFRICA  ', '           1 | AMERICA ', '(2 rows)', ''].join('\n'),
    );
  });

  it('--format json follows the contract: columns, client-protocol values, stats', () => {
    const r = squall('query', '--config', config, '--format', 'json', "SELECT sum(l_quantity) AS q, count(*) AS n, DATE '1998-12-01' AS d, CAST(NULL AS double) AS x FROM lineitem");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { columns: unknown; rows: unknown[][]; stats: Record<string, number> };
    expect(out.columns).toEqual([
      { name: 'q', type: 'decimal(38,2)' },
      { name: 'n', type: 'bigint' },
      { name: 'd', type: 'date' },
      { name: 'x', type: 'double' },
    ]);
    expect(out.rows).toHaveLength(1);
    expect(out.rows[0]![0]).toMatch(/^\d+\.\d{2}$/);
    expect(typeof out.rows[0]![1]).toBe('number');
    expect(out.rows[0]!.slice(2)).toEqual(['1998-12-01', null]);
    for (const k of ['wallMs', 'fragments', 'invocations', 'bytesScanned', 'rowsScanned', 'rowGroupsPruned', 'billedGbSeconds', 's3Requests', 'estimatedCostUsd']) {
      expect(typeof out.stats[k]).toBe('number');
    }
    expect(out.stats.rowsScanned).toBeGreaterThan(0);
    expect(out.stats.estimatedCostUsd).toBeGreaterThan(0);
  });

  it('stops quietly when the reader closes the pipe early (squall query … | head)', async () => {
    // Run as a user's shell runs it, through the #! line and the Node flags it carries.
    const child = spawn(path.join(root, 'bin', 'squall.mjs'), ['query', '--config', config, 'SELECT * FROM lineitem'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('--format csv and ndjson', () => {
    const sql = "SELECT n_nationkey, n_name FROM nation WHERE n_nationkey < 2 ORDER BY 1";
    expect(squall('query', '--config', config, '--format', 'csv', sql).stdout).toBe('n_nationkey,n_name\n0,ALGERIA\n1,ARGENTINA\n');
    expect(squall('query', '--config', config, '--format', 'ndjson', sql).stdout).toBe(
      '{"n_nationkey":0,"n_name":"ALGERIA"}\n{"n_nationkey":1,"n_name":"ARGENTINA"}\n',
    );
  });

  it.each([
    ['SELECT FROM lineitem', 'SYNTAX_ERROR', 1, 8],
    ['SELECT nope FROM lineitem', 'COLUMN_NOT_FOUND', 1, 8],
    ['SELECT * FROM missing', 'TABLE_NOT_FOUND', 1, 15],
    ['SELECT frobnicate(1)', 'FUNCTION_NOT_FOUND', 1, 8],
    ["SELECT 'a' + 1", 'TYPE_MISMATCH', 1, 12],
  ])('%s fails with %s at %d:%d, one line on stderr, JSON error on stdout', (sql, code, line, column) => {
    const r = squall('query', '--config', config, '--format', 'json', sql);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code, line, column } });
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`Query failed (${code}): line ${line}:${column}: `);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('data errors name the object and exit non-zero without a stack trace', () => {
    const r = squall('query', '--config', config, 'SELECT count(*) FROM bad.truncated');
    expect(r.status).toBe(1);
    // The error points at the table reference in the SQL and names the object.
    expect(r.stderr).toMatch(/^Query failed \(CORRUPT_FILE\): line 1:22: Corrupt Parquet object file:\/\/.*bad\/truncated\/part-0\.parquet/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a query beyond the function memory exits non-zero, naming the limit and the stage, without a stack trace', () => {
    const small = path.join(dir, 'small.json');
    const lake = { connector: 'parquet', location: inject('testLakeUri') };
    writeFileSync(small, JSON.stringify({ catalogs: { lake }, defaultCatalog: 'lake', defaultSchema: 'tpch_sf01', runtime: { workers: 2, memoryMb: 128 } }));
    // The planner takes the filter to keep 1/81 of lineitem and broadcasts it; it keeps all.
    const r = squall('query', '--config', small, `SELECT count(*), max(l_comment), max(l_shipinstruct), max(l_shipmode) FROM orders
      LEFT JOIN (SELECT * FROM lineitem WHERE l_shipdate < DATE '2100-01-01' AND l_quantity > 0 AND l_discount >= 0 AND l_tax >= 0) l ON o_orderkey = l_orderkey`);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Query failed \(EXCEEDED_MEMORY_LIMIT\): Query exceeded per-task memory limit of 76\.8MB in stage \d+ \(task \d+\): hash join build side holds [\d.]+MB\n$/);
    writeFileSync(small, JSON.stringify({ catalogs: { lake }, runtime: { memoryMb: 64 } }));
    expect(squall('query', '--config', small, 'SELECT 1').stderr).toContain('runtime.memoryMb');
  });

  it('a bad config names the field', () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ catalogs: { lake: { connector: 'parquet', location: 'ftp://x' } } }));
    const r = squall('query', '--config', bad, 'SELECT 1');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('INVALID_CONFIG');
    expect(r.stderr).toContain('catalogs.lake.location');
  });

  it('unknown options and commands are refused', () => {
    expect(squall('query', '--formatt', 'json', 'SELECT 1').stderr).toContain('Unknown option --formatt');
    expect(squall('frobnicate').stderr).toContain("Unknown command 'frobnicate'");
  });
});

describe('squall explain', () => {
  it('shows the distributed plan with pruning figures', () => {
    const r = squall('explain', '--config', config, "SELECT l_returnflag, count(*) FROM lineitem WHERE l_shipdate < DATE '1993-01-01' GROUP BY 1");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Fragment 1 [SINGLE]');
    expect(r.stdout).toContain('Aggregate(FINAL)');
    expect(r.stdout).toContain('Fragment 0 [SOURCE]');
    expect(r.stdout).toContain('Aggregate(PARTIAL)');
    expect(r.stdout).toMatch(/row groups: \d+ \(\d+ pruned\)/);
  });

  it('says how each join is distributed, with estimated rows', () => {
    const sql = 'SELECT count(*) FROM lineitem JOIN orders ON l_orderkey = o_orderkey';
    const broadcast = squall('explain', '--config', config, sql);
    expect(broadcast.status).toBe(0);
    expect(broadcast.stdout).toMatch(/INNER Join \[l_orderkey = o_orderkey\] \(broadcast: build side to each of \d+ task\(s\); estimated rows: \d+\)/);
    expect(broadcast.stdout).toMatch(/Fragment \d+ \[SINGLE\] \(finalize: one invocation; estimated rows: 1\)/);
  });

  it('--analyze runs the query and reports every stage: estimates beside actual rows, time and exchange bytes', () => {
    const r = squall('explain', '--analyze', '--config', config, 'SELECT l_returnflag, sum(l_tax) FROM lineitem GROUP BY 1');
    expect(r.status).toBe(0);
    for (const stage of ['plan ', 'scan ', 'merge ', 'finalize ']) expect(r.stdout).toContain(`  ${stage}`);
    expect(r.stdout).toMatch(/Cost: \$/);
    expect(r.stdout).toMatch(/state transitions/);
    // Under each fragment's header (its estimates), what it did.
    expect(r.stdout).toMatch(/Fragment 0 \[SOURCE\] \(\d+ task\(s\); output: whole, one object per task; estimated rows: \d+\)\n    actual: \d+ task\(s\), \d+ ms wall, \d+ ms in tasks, [\d,]+ rows out, S3 exchange [\d.]+ k?B written \/ 0 B read, [\d.]+ k?B fetched from the lake \(60,\d{3} rows\)\n/);
    expect(r.stdout).toMatch(/Fragment \d+ \[SINGLE\] .*\n    actual: 1 task, \d+ ms, 3 rows out/);
  });

  it('EXPLAIN ANALYZE as a statement answers with the plan text and the figures, as Trino does', () => {
    const r = squall('query', '--config', config, '--format', 'json', 'EXPLAIN ANALYZE SELECT count(*) FROM region');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { columns: unknown; rows: string[][] };
    expect(out.columns).toEqual([{ name: 'Query Plan', type: 'varchar' }]);
    expect(out.rows).toHaveLength(1);
    expect(out.rows[0]![0]).toMatch(/Fragment 0 \[SOURCE\][^\n]*\n    actual: 1 task\(s\), \d+ ms wall/);
    expect(out.rows[0]![0]).toContain('Cost: $');
  });
});

describe('squall spend', () => {
  interface Spend {
    since: string;
    until: string;
    rows: { day: string; user: string; source: string | null; queries: number; costUsd: number }[];
    byUser: { user: string; queries: number; costUsd: number }[];
    total: { queries: number; costUsd: number };
  }
  const spend = (...args: string[]): Spend => {
    const r = squall('spend', '--config', config, '--format', 'json', ...args);
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout) as Spend;
  };
  const costOf = (r: { stdout: string }): number => (JSON.parse(r.stdout) as { stats: { estimatedCostUsd: number } }).stats.estimatedCostUsd;

  it('reports what earlier CLI queries cost, per day, user and source, failed queries included', () => {
    const a = squall('query', '--config', config, '--format', 'json', '--user', 'ann', '--source', 'nb', 'SELECT count(*) FROM nation');
    const b = squall('query', '--config', config, '--format', 'json', '--user', 'ann', 'SELECT count(*) FROM region');
    expect(a.status).toBe(0);
    expect(b.status).toBe(0);
    const failed = squall('query', '--config', config, '--user', 'ann', '--source', 'nb', 'SELECT CAST(l_comment AS integer) FROM lineitem');
    expect(failed.status).toBe(1);
    const today = new Date().toISOString().slice(0, 10);
    const out = spend('--user', 'ann');
    expect(out.until).toBe(today);
    expect(out.rows.map((r) => [r.day, r.user, r.source, r.queries])).toEqual([
      [today, 'ann', 'nb', 2],
      [today, 'ann', 'squall-cli', 1],
    ]);
    // Stored as integer nano-dollars: within a nano-dollar per query of the queries' own figures.
    expect(Math.abs(out.rows[1]!.costUsd - costOf(b))).toBeLessThanOrEqual(1e-9);
    expect(out.rows[0]!.costUsd).toBeGreaterThan(costOf(a));
    expect(out.byUser).toEqual([{ user: 'ann', queries: 3, costUsd: out.rows[0]!.costUsd + out.rows[1]!.costUsd }]);
    expect(spend('--source', 'nb').total.queries).toBe(2);
    expect(spend('--user', 'ann', '--since', '2000-01-01', '--until', '2000-12-31').rows).toEqual([]);
    const table = squall('spend', '--config', config, '--user', 'ann');
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`^ +day +\\| +user +\\| +source +\\| +queries +\\| +cost +\\n`));
    expect(table.stdout).toMatch(new RegExp(`${today} \\| ann +\\| nb +\\| +2 \\| +\\$0\\.\\d+`));
    expect(table.stdout).toMatch(/\(2 rows\)\nTotal \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d: 3 queries, \$0\.\d+\n$/);
  });

  it('runs queries as the OS user from squall-cli by default, and prints the cost breakdown in the stats line', () => {
    const r = squall('query', '--config', config, '--stats', 'SELECT count(*) FROM region');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/est\. \$0\.\d+ \(Lambda \$0\.\d+, S3 \$0\.\d+, Step Functions \$0\.\d+\)\n$/);
    const me = os.userInfo().username;
    expect(spend('--user', me).rows.map((row) => [row.user, row.source])).toEqual([[me, 'squall-cli']]);
  });

  it('refuses a query over its cap before it runs, and keeps the ledger where the config says', () => {
    const capped = path.join(dir, 'capped.json');
    writeFileSync(
      capped,
      JSON.stringify({
        catalogs: { lake: { connector: 'parquet', location: inject('testLakeUri') } },
        defaultCatalog: 'lake',
        defaultSchema: 'tpch_zstd',
        runtime: { workers: 2 },
        accounting: { ledger: 'file:ledgers/capped.jsonl', users: { cap: { perQueryUsd: 0.000001 } } },
      }),
    );
    const r = squall('query', '--config', capped, '--user', 'cap', 'SELECT count(*) FROM lineitem');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Query failed \(EXCEEDED_COST_LIMIT\): Query estimated to cost \$0\.\d+ exceeds the per-query cap of \$0\.00000100 for user cap\n$/);
    const json = squall('query', '--config', capped, '--user', 'cap', '--format', 'json', 'SELECT count(*) FROM lineitem');
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'EXCEEDED_COST_LIMIT' } });
    const ledgerFile = path.join(dir, 'ledgers', 'capped.jsonl');
    expect(existsSync(ledgerFile)).toBe(true);
    expect(readFileSync(ledgerFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { user: string; errorCode: string })).toMatchObject([
      { user: 'cap', errorCode: 'EXCEEDED_COST_LIMIT' },
      { user: 'cap', errorCode: 'EXCEEDED_COST_LIMIT' },
    ]);
    const out = JSON.parse(squall('spend', '--config', capped, '--format', 'json').stdout) as Spend;
    expect(out.total.queries).toBe(2);
  });

  it('refuses a malformed date', () => {
    const r = squall('spend', '--config', config, '--since', '2026-13-01');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("Query failed (INVALID_ARGUMENTS): --since must be a date YYYY-MM-DD, got '2026-13-01'\n");
  });
});
