/**
 * `squall report run|list` as users run them (the built CLI in a child process): where the output
 * went, rows and cost; one-line errors and a non-zero exit on failure; the list of schedules with
 * next and last runs. And `squall serve` with reports: its scheduler starts and stops with it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
let dir: string;
let config: string;

function squall(...args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'squall.mjs'), ...args], { encoding: 'utf8', cwd: dir, timeout: 60_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const lake = () => ({ lake: { connector: 'parquet', location: inject('testLakeUri') } });

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'squall-report-cli-'));
  config = path.join(dir, 'squall.json');
  writeFileSync(
    config,
    JSON.stringify({
      catalogs: lake(),
      defaultCatalog: 'lake',
      defaultSchema: 'tpch_zstd',
      reports: [
        { name: 'nations', schedule: 'cron(0 6 * * ? *)', format: 'csv', destination: 'file:out', sql: 'SELECT n_nationkey, n_name FROM nation WHERE n_nationkey < 3 ORDER BY 1' },
        { name: 'broken', schedule: 'rate(1 hour)', format: 'json', destination: 'file:out', sql: 'SELECT 1 / (count(*) - count(*)) FROM region' },
      ],
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('squall report', () => {
  it('run NAME runs the report now: prints where the output went, its rows and cost', () => {
    const r = squall('report', 'run', 'nations', '--config', config, '--workers', '2');
    expect(r.status).toBe(0);
    const uri = r.stdout.trim();
    expect(uri).toMatch(new RegExp(`^${pathToFileURL(path.join(dir, 'out', 'nations')).href}/\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ\\.csv$`));
    const body = readFileSync(fileURLToPath(uri), 'utf8');
    expect(body).toBe('n_nationkey,n_name\r\n0,ALGERIA\r\n1,ARGENTINA\r\n2,BRAZIL\r\n');
    expect(r.stderr).toMatch(new RegExp(`^nations: 3 rows, ${Buffer.byteLength(body)} bytes, est\\. \\$\\d[\\d.e-]*\\n$`));
    // The run store sits beside the config by default.
    expect(existsSync(path.join(dir, '.squall', 'report-runs.jsonl'))).toBe(true);
  });

  it('run exits non-zero with a one-line error when the report fails, and leaves no output', () => {
    const r = squall('report', 'run', 'broken', '--config', config);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('Report broken failed: DIVISION_BY_ZERO: Division by zero\n');
    expect(r.stdout).toBe('');
    expect(existsSync(path.join(dir, 'out', 'broken'))).toBe(false);
  });

  it('list --format json: each report with its schedule, next run and last runs', () => {
    const r = squall('report', 'list', '--config', config, '--format', 'json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { reports: Array<{ name: string; schedule: string; nextRun: string; runs: Array<Record<string, unknown>> }> };
    expect(out.reports.map((x) => [x.name, x.schedule])).toEqual([
      ['nations', 'cron(0 6 * * ? *)'],
      ['broken', 'rate(1 hour)'],
    ]);
    const nations = out.reports[0]!;
    expect(nations.nextRun).toMatch(/T06:00:00\.000Z$/);
    expect(Date.parse(nations.nextRun)).toBeGreaterThan(Date.now() - 1000);
    expect(out.reports[1]!.nextRun).toMatch(/T\d\d:00:00\.000Z$/);
    expect(nations.runs).toHaveLength(1);
    expect(nations.runs[0]).toMatchObject({ report: 'nations', trigger: 'manual', state: 'SUCCEEDED', rows: 3 });
    expect(nations.runs[0]!.costUsd).toBeGreaterThan(0);
    expect(out.reports[1]!.runs).toMatchObject([{ state: 'FAILED', error: 'DIVISION_BY_ZERO: Division by zero', output: null }]);
  });

  it('list prints the schedules and the last runs as tables', () => {
    const r = squall('report', 'list', '--config', config);
    expect(r.status).toBe(0);
    const [schedules, runs] = r.stdout.split('\n\n');
    expect(schedules).toMatch(/^ report  \|\s+schedule\s+\| format \|/);
    expect(schedules).toMatch(/\n nations \| cron\(0 6 \* \* \? \*\) \| csv    \| file:\/\/.*\/out \| \d{4}-\d\d-\d\dT06:00:00\.000Z \n/);
    expect(schedules).toContain('(2 rows)');
    expect(runs).toMatch(/ nations \| \d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ \(manual\) \| SUCCEEDED \|\s+3 \| \$[\d.e-]+ \| file:\/\//);
    expect(runs).toMatch(/ broken  \| \S+ \(manual\) \| FAILED    \| NULL \| \$\d+\.\d{6} \| DIVISION_BY_ZERO: Division by zero/);
  });

  it('refuses an unknown report, a missing name and an unknown subcommand', () => {
    const unknown = squall('report', 'run', 'nope', '--config', config);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toBe("Query failed (INVALID_ARGUMENTS): No report named 'nope' (reports: nations, broken)\n");
    expect(squall('report', 'run', '--config', config).stderr).toContain('exactly one report name');
    expect(squall('report', 'frobnicate', '--config', config).stderr).toContain("squall report takes 'run NAME' or 'list'");
  });

  it('a bad schedule in the config names the report, the field and what is wrong', () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ catalogs: lake(), reports: [{ name: 'weekly', schedule: 'cron(0 6 * * MON)', format: 'csv', destination: 'file:out', sql: 'SELECT 1' }] }));
    const r = squall('report', 'list', '--config', bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`Query failed (INVALID_CONFIG): Invalid config file ${bad}: reports[weekly].schedule: cron(0 6 * * MON): cron takes 6 fields (minutes hours day-of-month month day-of-week year), got 5\n`);
  });
});

describe('squall serve with reports', () => {
  it('starts the scheduler with the server and stops both on SIGINT', async () => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'squall.mjs'), 'serve', '--config', config, '--port', '0', '--workers', '1'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('scheduling 2 report(s)')) resolve();
      });
      child.on('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
    });
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(stderr).toMatch(/squall serve: Trino protocol on http:\/\/127\.0\.0\.1:\d+\/v1\/statement\nsquall serve: scheduling 2 report\(s\) \(UTC\)\n/);
  });
});
