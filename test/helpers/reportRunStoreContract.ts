/** What every ReportRunStore must do: one suite, run against each implementation. */
import { expect, it } from 'vitest';
import type { ReportRun, ReportRunStore } from '../../src/runtime/reports/reportRunStore.ts';

let counter = 0;

/** A RUNNING run of a report no other test uses (stores are shared within a suite). */
export function newRun(overrides: Partial<ReportRun> = {}): ReportRun {
  counter++;
  return {
    report: `report_${counter}`,
    runId: '2026-11-21T06-00-00Z',
    scheduledFor: '2026-11-21T06:00:00.000Z',
    trigger: 'schedule',
    startedAt: '2026-11-21T06:00:01.000Z',
    endedAt: null,
    state: 'RUNNING',
    rows: null,
    bytes: null,
    costUsd: null,
    output: null,
    error: null,
    user: `report:report_${counter}`,
    source: null,
    queryId: null,
    claim: `claim-${counter}`,
    ...overrides,
  };
}

const LEASE_START = '2026-11-21T05:40:00.000Z';

function succeeded(run: ReportRun): ReportRun {
  return {
    ...run,
    state: 'SUCCEEDED',
    endedAt: '2026-11-21T06:00:03.250Z',
    rows: 25,
    bytes: 1234,
    costUsd: 0.000001234,
    output: `s3://bucket/reports/${run.report}/${run.runId}.csv`,
    queryId: '20261121_060001_00001_abcde',
  };
}

export function reportRunStoreContract(store: () => ReportRunStore): void {
  it('claims a new run and reads it back, every field intact', async () => {
    const run = newRun({ source: 'nightly', error: null });
    expect(await store().claim(run, LEASE_START)).toBe(true);
    expect(await store().get(run.report, run.runId)).toEqual(run);
  });

  it('refuses a second claim of the same scheduled time: one run per time', async () => {
    const run = newRun();
    expect(await store().claim(run, LEASE_START)).toBe(true);
    expect(await store().claim({ ...run, claim: 'someone-else', startedAt: '2026-11-21T06:00:02.000Z' }, LEASE_START)).toBe(false);
    expect(await store().get(run.report, run.runId)).toEqual(run);
  });

  it('records the end of a run for its claimant, and refuses anyone else', async () => {
    const run = newRun();
    await store().claim(run, LEASE_START);
    expect(await store().finish({ ...succeeded(run), claim: 'not-the-claim' })).toBe(false);
    expect((await store().get(run.report, run.runId))?.state).toBe('RUNNING');
    expect(await store().finish(succeeded(run))).toBe(true);
    expect(await store().get(run.report, run.runId)).toEqual(succeeded(run));
  });

  it('keeps an ended run final: no second end, no new claim, however old', async () => {
    const run = newRun();
    await store().claim(run, LEASE_START);
    await store().finish({ ...run, state: 'FAILED', endedAt: '2026-11-21T06:00:02.000Z', error: 'DIVISION_BY_ZERO: Division by zero — ünïcode' });
    expect(await store().finish(succeeded(run))).toBe(false);
    expect(await store().claim({ ...run, claim: 'later' }, '2099-01-01T00:00:00.000Z')).toBe(false);
    expect(await store().get(run.report, run.runId)).toMatchObject({ state: 'FAILED', error: 'DIVISION_BY_ZERO: Division by zero — ünïcode', rows: null, output: null });
  });

  it('lets a RUNNING run past its lease be taken over (its runner died), and only then', async () => {
    const run = newRun({ startedAt: '2026-11-21T06:00:01.000Z' });
    await store().claim(run, LEASE_START);
    const retry = { ...run, claim: 'retry', startedAt: '2026-11-21T06:30:00.000Z' };
    // The lease (started before 05:40) has not run out: the first runner may still be at work.
    expect(await store().claim(retry, LEASE_START)).toBe(false);
    expect(await store().claim(retry, '2026-11-21T06:10:00.000Z')).toBe(true);
    // The first runner comes back: its end no longer counts.
    expect(await store().finish(succeeded(run))).toBe(false);
    expect(await store().finish(succeeded(retry))).toBe(true);
    expect((await store().get(run.report, run.runId))?.claim).toBe('retry');
  });

  it('lists a report’s runs newest first, up to a limit, and only that report’s', async () => {
    const first = newRun();
    const other = newRun();
    const times = ['2026-11-21T06-00-00Z', '2026-11-23T06-00-00Z', '2026-11-22T06-00-00Z', '2026-12-01T06-00-00Z'];
    for (const runId of times) await store().claim({ ...first, runId, claim: runId }, LEASE_START);
    await store().claim(other, LEASE_START);
    await store().finish(succeeded({ ...first, runId: '2026-11-22T06-00-00Z', claim: '2026-11-22T06-00-00Z' }));
    const listed = await store().list(first.report, 3);
    expect(listed.map((r) => r.runId)).toEqual(['2026-12-01T06-00-00Z', '2026-11-23T06-00-00Z', '2026-11-22T06-00-00Z']);
    expect(listed[2]?.state).toBe('SUCCEEDED');
    expect((await store().list(first.report, 10)).map((r) => r.report)).toEqual([first.report, first.report, first.report, first.report]);
    expect(await store().list(other.report, 10)).toEqual([other]);
    expect(await store().list(first.report, 0)).toEqual([]);
  });

  it('knows nothing of unknown runs', async () => {
    expect(await store().get('nope', '2026-11-21T06-00-00Z')).toBeUndefined();
    expect(await store().list('nope', 5)).toEqual([]);
    expect(await store().finish(succeeded(newRun()))).toBe(false);
  });

  it('lets exactly one of many simultaneous claims of one time win', async () => {
    const run = newRun();
    const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => store().claim({ ...run, claim: `c${i}` }, LEASE_START)));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });
}
