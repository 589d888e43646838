/**
 * The scheduler advanced by a fake clock (no waiting): reports run exactly at their due times,
 * once each, their outputs land at the expected keys (S3 on s3rver, and a local directory), and
 * the run records say what happened. A restarted scheduler picks up from the run store; two
 * schedulers sharing a store run each time once.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type SquallConfig } from '../../../src/config/config.ts';
import { LocalReportRunStore } from '../../../src/runtime/reports/localReportRunStore.ts';
import type { ReportRun } from '../../../src/runtime/reports/reportRunStore.ts';
import type { ReportEngine, ReportRunContext } from '../../../src/runtime/reports/runReport.ts';
import { SquallError } from '../../../src/errors.ts';
import { Scheduler } from '../../../src/runtime/reports/scheduler.ts';
import { Squall } from '../../../src/runtime/squall.ts';
import { storeFor } from '../../../src/storage/stores.ts';
import { lakeConfig } from '../../helpers/engine.ts';
import { createTestBucket, s3TestOptions } from '../../helpers/s3.ts';

let dir: string;
let bucket: string;
let config: SquallConfig;
let squall: Squall;
let runs: LocalReportRunStore;
/** The fake clock: what the scheduler and the run records read as "now". */
let clock = 0;
let context: ReportRunContext;

const at = (iso: string): number => Date.parse(iso);
const HOURLY_CSV = 'r_regionkey,r_name\r\n0,AFRICA\r\n1,AMERICA\r\n2,ASIA\r\n3,EUROPE\r\n4,MIDDLE EAST\r\n';

/** `report@HH:MM` for each run a tick started, for compact expectations. */
function started(outcomes: Awaited<ReturnType<Scheduler['tick']>>): string[] {
  return outcomes.map((o) => (o.ran ? `${o.run.report}@${o.run.scheduledFor.slice(11, 16)}` : `taken:${o.existing?.runId}`)).sort();
}

async function tickAt(scheduler: Scheduler, iso: string): Promise<string[]> {
  clock = at(iso);
  return started(await scheduler.tick(clock));
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'squall-scheduler-'));
  bucket = await createTestBucket('reports');
  const base = lakeConfig('s3');
  const { endpoint, region, forcePathStyle } = s3TestOptions();
  config = parseConfig(
    {
      catalogs: base.catalogs,
      defaultCatalog: 'lake',
      defaultSchema: 'tpch_zstd',
      reports: [
        { name: 'hourly', schedule: 'rate(1 hour)', format: 'csv', destination: `s3://${bucket}/reports`, s3: { endpoint, region, forcePathStyle }, sql: 'SELECT r_regionkey, r_name FROM region ORDER BY 1' },
        { name: 'morning', schedule: 'cron(30 6 * * ? *)', format: 'json', destination: 'file:out', sql: 'SELECT count(*) AS n FROM nation' },
        // 21 Nov 2026 is a Saturday.
        { name: 'saturdays', schedule: 'cron(0 7 ? * SAT *)', format: 'csv', destination: 'file:out', sql: 'SELECT 1 / (count(*) - count(*)) FROM region' },
      ],
    },
    dir,
    'scheduler test config',
  );
  squall = new Squall({ config, workers: 2 });
  runs = new LocalReportRunStore(config.reportRuns as string);
  context = { engine: squall, runs, now: () => clock };
});

afterAll(async () => {
  await squall?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the scheduler on a fake clock', () => {
  it('runs each report at its due times, once, skipping what a pause missed to the latest', async () => {
    const scheduler = new Scheduler({ reports: config.reports!, context, since: at('2026-11-21T04:10:00Z') });
    expect(await tickAt(scheduler, '2026-11-21T04:10:00Z')).toEqual([]);
    expect(await tickAt(scheduler, '2026-11-21T04:59:59Z')).toEqual([]);
    expect(await scheduler.due(at('2026-11-21T05:00:00Z'))).toMatchObject([{ report: { name: 'hourly' }, scheduledFor: at('2026-11-21T05:00:00Z') }]);
    expect(await tickAt(scheduler, '2026-11-21T05:00:00Z')).toEqual(['hourly@05:00']);
    expect(await tickAt(scheduler, '2026-11-21T05:00:30Z')).toEqual([]);
    expect(await tickAt(scheduler, '2026-11-21T06:45:00Z')).toEqual(['hourly@06:00', 'morning@06:30']);
    expect(await tickAt(scheduler, '2026-11-21T07:00:00Z')).toEqual(['hourly@07:00', 'saturdays@07:00']);
    // 08:00 passed unticked: one run, for 09:00.
    expect(await tickAt(scheduler, '2026-11-21T09:10:00Z')).toEqual(['hourly@09:00']);
    expect(await scheduler.due(at('2026-11-21T09:59:00Z'))).toEqual([]);
    expect(scheduler.nextRun('morning', at('2026-11-21T09:10:00Z'))).toBe(at('2026-11-22T06:30:00Z'));
  });

  it('wrote every output at <destination>/<name>/<scheduled time>.<ext>', async () => {
    const s3 = storeFor(`s3://${bucket}/`, { ...s3TestOptions() });
    const objects = await s3.list(`s3://${bucket}/reports/`);
    expect(objects.map((o) => o.uri)).toEqual(
      ['05', '06', '07', '09'].map((h) => `s3://${bucket}/reports/hourly/2026-11-21T${h}-00-00Z.csv`),
    );
    const body = new TextDecoder().decode(await s3.get(objects[0]!.uri));
    expect(body).toBe(HOURLY_CSV);
    expect(readdirSync(path.join(dir, 'out', 'morning'))).toEqual(['2026-11-21T06-30-00Z.json']);
    expect(JSON.parse(readFileSync(path.join(dir, 'out', 'morning', '2026-11-21T06-30-00Z.json'), 'utf8')).rows).toEqual([[25]]);
    // The failed run left nothing behind.
    expect(readdirSync(path.join(dir, 'out'))).toEqual(['morning']);
  });

  it('recorded every run: state, rows, bytes, cost, where the output went, when it ran', async () => {
    const hourly = await runs.list('hourly', 10);
    expect(hourly.map((r) => [r.runId, r.state, r.rows])).toEqual([
      ['2026-11-21T09-00-00Z', 'SUCCEEDED', 5],
      ['2026-11-21T07-00-00Z', 'SUCCEEDED', 5],
      ['2026-11-21T06-00-00Z', 'SUCCEEDED', 5],
      ['2026-11-21T05-00-00Z', 'SUCCEEDED', 5],
    ]);
    const first = hourly.at(-1)!;
    expect(first).toMatchObject<Partial<ReportRun>>({
      scheduledFor: '2026-11-21T05:00:00.000Z',
      startedAt: '2026-11-21T05:00:00.000Z',
      endedAt: '2026-11-21T05:00:00.000Z',
      trigger: 'schedule',
      output: `s3://${bucket}/reports/hourly/2026-11-21T05-00-00Z.csv`,
      bytes: Buffer.byteLength(HOURLY_CSV),
      user: 'report:hourly',
    });
    expect(first.costUsd).toBeGreaterThan(0);
    expect((await runs.list('morning', 10)).map((r) => [r.runId, r.state, r.rows])).toEqual([['2026-11-21T06-30-00Z', 'SUCCEEDED', 1]]);
    expect(await runs.list('saturdays', 10)).toMatchObject([{ runId: '2026-11-21T07-00-00Z', state: 'FAILED', error: 'DIVISION_BY_ZERO: Division by zero', output: null }]);
  });

  it('a restarted scheduler resumes from the run store: no repeats, the missed run caught up', async () => {
    const restarted = new Scheduler({ reports: config.reports!, context, since: at('2026-11-21T09:30:00Z') });
    expect(await tickAt(restarted, '2026-11-21T09:30:00Z')).toEqual([]);
    // Down overnight: the latest missed fire time of each report, once.
    expect(await tickAt(restarted, '2026-11-22T07:05:00Z')).toEqual(['hourly@07:00', 'morning@06:30']);
    expect(await tickAt(restarted, '2026-11-22T07:06:00Z')).toEqual([]);
  });

  it('two schedulers sharing a run store run a time once', async () => {
    const a = new Scheduler({ reports: config.reports!, context, since: at('2026-11-22T07:30:00Z') });
    const b = new Scheduler({ reports: config.reports!, context, since: at('2026-11-22T07:30:00Z') });
    clock = at('2026-11-22T08:00:00Z');
    const [ra, rb] = await Promise.all([a.tick(clock), b.tick(clock)]);
    expect([...started(ra), ...started(rb)].sort()).toEqual(['hourly@08:00', 'taken:2026-11-22T08-00-00Z']);
    expect((await runs.list('hourly', 1))[0]).toMatchObject({ runId: '2026-11-22T08-00-00Z', state: 'SUCCEEDED' });
  });
});

describe('stopping the scheduler', () => {
  it('cancels a run in progress, records it FAILED (USER_CANCELED) and leaves no output', async () => {
    // Stands in for a long query: it ends only when its signal aborts, as Squall.query does.
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const engine: ReportEngine = {
      query: (_sql, _session, _progress, options) =>
        new Promise((_, reject) => {
          started();
          options?.signal?.addEventListener('abort', () => reject(new SquallError('USER_CANCELED', 'Query was canceled')));
        }),
    };
    const stopRuns = new LocalReportRunStore(path.join(dir, 'stop-runs.jsonl'));
    const report = { ...config.reports!.find((r) => r.name === 'morning')!, name: 'long' };
    const scheduler = new Scheduler({ reports: [report], context: { engine, runs: stopRuns, now: () => at('2026-11-21T06:30:00Z') }, since: at('2026-11-21T06:00:00Z') });
    const tick = scheduler.tick(at('2026-11-21T06:30:00Z'));
    await running;
    expect(await scheduler.due(at('2026-11-21T06:31:00Z'))).toEqual([]);
    await scheduler.stop();
    await tick;
    expect(await stopRuns.list('long', 5)).toMatchObject([{ runId: '2026-11-21T06-30-00Z', state: 'FAILED', error: 'USER_CANCELED: Query was canceled', output: null }]);
    expect(readdirSync(path.join(dir, 'out'))).not.toContain('long');
  });
});
