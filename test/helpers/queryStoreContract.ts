/** What every QueryStore must do: one suite, run against each implementation. */
import { expect, it } from 'vitest';
import type { QueryRecord, QueryStore } from '../../src/runtime/api/queryStore.ts';
import type { QueryStats } from '../../src/runtime/squall.ts';
import { canceledError } from '../../src/runtime/api/queryErrors.ts';

let counter = 0;

export function newRecord(overrides: Partial<QueryRecord> = {}): QueryRecord {
  counter++;
  return {
    queryId: `20261121_000000_${String(counter).padStart(5, '0')}_abcde`,
    slug: `slug${counter}`,
    user: 'alice',
    source: null,
    clientTags: [],
    sql: 'SELECT 1',
    catalog: 'lake',
    schema: null,
    state: 'QUEUED',
    createdAt: 1_700_000_000_000,
    startedAt: null,
    endedAt: null,
    progress: { totalSplits: 0, completedSplits: 0, processedBytes: 0 },
    processedRows: 0,
    error: null,
    canceled: false,
    costCap: null,
    executionArn: null,
    result: null,
    stats: null,
    ...overrides,
  };
}


export function queryStoreContract(store: () => QueryStore): void {
  it('creates and reads back a record, every field intact', async () => {
    const r = newRecord({
      source: 'trino-cli',
      clientTags: ['finance', 'q4 board'],
      schema: 'tpch',
      sql: "SELECT 'é' -- ünïcode",
      costCap: { usd: 0.01, kind: 'daily', scope: 'source', name: 'trino-cli', budgetUsd: 1 },
    });
    await store().create(r);
    expect(await store().get(r.queryId)).toEqual(r);
  });

  it('knows nothing of unknown queries', async () => {
    expect(await store().get('nope')).toBeUndefined();
    expect(await store().update('nope', (r) => r)).toBeUndefined();
  });

  it('applies updates and returns the new record', async () => {
    const r = newRecord();
    await store().create(r);
    const running = await store().update(r.queryId, (q) => ({ ...q, state: 'RUNNING', startedAt: 1_700_000_000_005 }));
    expect(running?.state).toBe('RUNNING');
    const progressed = await store().update(r.queryId, (q) => ({ ...q, progress: { totalSplits: 4, completedSplits: 1, processedBytes: 1024 } }));
    expect(progressed?.progress.completedSplits).toBe(1);
    expect(await store().get(r.queryId)).toEqual({ ...r, state: 'RUNNING', startedAt: 1_700_000_000_005, progress: { totalSplits: 4, completedSplits: 1, processedBytes: 1024 } });
  });

  it('keeps FINISHED final: a cancel after the finish is a no-op', async () => {
    const r = newRecord();
    await store().create(r);
    const finished = await store().update(r.queryId, (q) => ({ ...q, state: 'FINISHED', endedAt: 1_700_000_000_010, processedRows: 3 }));
    const after = await store().update(r.queryId, (q) => ({ ...q, state: 'FAILED', canceled: true, endedAt: 1_700_000_000_020, error: canceledError() }));
    expect(after).toEqual(finished);
    expect(await store().get(r.queryId)).toEqual(finished);
  });

  it('keeps a canceled query canceled: a late finish or progress report is a no-op', async () => {
    const r = newRecord({ state: 'RUNNING', startedAt: 1_700_000_000_001 });
    await store().create(r);
    const canceled = await store().update(r.queryId, (q) => ({ ...q, state: 'FAILED', canceled: true, endedAt: 1_700_000_000_002, error: canceledError() }));
    expect(canceled?.error?.errorName).toBe('USER_CANCELED');
    await store().update(r.queryId, (q) => ({ ...q, state: 'FINISHED', canceled: false, error: null }));
    await store().update(r.queryId, (q) => ({ ...q, processedRows: 99 }));
    expect(await store().get(r.queryId)).toEqual(canceled);
  });

  it('refuses to move a state backwards', async () => {
    const r = newRecord({ state: 'RUNNING', startedAt: 1_700_000_000_001 });
    await store().create(r);
    await expect(store().update(r.queryId, (q) => ({ ...q, state: 'QUEUED' }))).rejects.toThrow(/back to QUEUED/);
    expect((await store().get(r.queryId))?.state).toBe('RUNNING');
  });

  it('loses no concurrent update', async () => {
    const r = newRecord({ state: 'RUNNING', startedAt: 1_700_000_000_001 });
    await store().create(r);
    await Promise.all(Array.from({ length: 6 }, () => store().update(r.queryId, (q) => ({ ...q, processedRows: q.processedRows + 1 }))));
    expect((await store().get(r.queryId))?.processedRows).toBe(6);
  });

  it('keeps the execution, the result location and the figures', async () => {
    const r = newRecord();
    await store().create(r);
    const executionArn = `arn:aws:states:us-east-1:000000000000:execution:squall-query-test:${r.queryId}`;
    await store().update(r.queryId, (q) => ({ ...q, state: 'RUNNING', startedAt: 1_700_000_000_001, executionArn }));
    const result = { location: `s3://scratch/queries/results/${r.queryId}/`, pageCount: 3, rowCount: 2500, bytes: 81_920 };
    const stats = { wallMs: 12.5, invocations: 7, byFunction: { scan: { invocations: 5, billedGbSeconds: 0.25, durationMs: 80 } } } as unknown as QueryStats;
    const finished = await store().update(r.queryId, (q) => ({ ...q, state: 'FINISHED', endedAt: 1_700_000_000_003, result, stats }));
    expect(finished).toMatchObject({ executionArn, result, stats });
    expect(await store().get(r.queryId)).toEqual(finished);
  });
}
