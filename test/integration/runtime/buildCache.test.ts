/**
 * Broadcast build sides kept by warm workers: with more probe tasks than workers, a worker that
 * built the table for one task of the stage hands it to its next task of that stage, which reads
 * none of the build side's objects; answers stay exact, with retried tasks too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientRows } from '../../../src/cli/format.ts';
import type { StageStats } from '../../../src/runtime/engine/messages.ts';
import type { FaultInjector } from '../../../src/runtime/local/localStateMachine.ts';
import { Squall } from '../../../src/runtime/squall.ts';
import type { DuckDb } from '../../helpers/duckdb.ts';
import { lakeConfig, openReference } from '../../helpers/engine.ts';

/** orders is the build side (smaller), broadcast to every lineitem scan task. */
const JOIN_Q = `SELECT o_orderpriority, count(*), sum(l_quantity), sum(o_totalprice)
  FROM lineitem JOIN orders ON l_orderkey = o_orderkey WHERE o_orderdate < DATE '1996-01-01' GROUP BY 1 ORDER BY 1`;
const WORKERS = 2;

function engine(faults?: FaultInjector): Squall {
  // Small fragments: many more probe tasks than workers.
  const config = lakeConfig('file', 'tpch_zstd', { fragmentTargetBytes: 16 * 1024, mergeFanIn: 4, broadcastMaxBytes: 1 << 30 });
  return new Squall({ config, workers: WORKERS, retryDelayMs: 5, ...(faults ? { faults } : {}) });
}

/** The stage that probes: it reused build sides, or (none reused) read the most exchange bytes. */
function probeStage(byStage: readonly StageStats[]): StageStats {
  return [...byStage].sort((a, b) => b.buildCacheHits - a.buildCacheHits || b.exchangeBytesRead - a.exchangeBytesRead)[0]!;
}

describe('broadcast build sides cached by warm workers', () => {
  let reference: DuckDb;
  let expected: unknown[][];

  beforeAll(async () => {
    reference = await openReference({ lineitem: 'tpch_zstd/lineitem', orders: 'tpch_zstd/orders' });
    expected = normalize(await reference.rows(JOIN_Q));
  });
  afterAll(() => reference.close());

  it('a worker reuses the table it built for its next task of the stage: the build side is read once per worker, not per task', async () => {
    const squall = engine();
    try {
      const result = await squall.query(JOIN_Q);
      expect(clientRows(result.columns, result.batch)).toEqual(expected);
      const byStage = result.stats.stages.byStage;
      const probe = probeStage(byStage);
      const build = byStage.find((s) => s !== probe && s.exchangeBytesWritten > 0 && s.rowsScanned > 0 && s.rowsOut < 20_000)!;
      const tasks = probe.invocations;
      expect(tasks).toBeGreaterThan(2 * WORKERS);
      // Every worker builds the table at most once; its other tasks of the stage reuse it.
      const builds = tasks - probe.buildCacheHits;
      expect(builds).toBeGreaterThanOrEqual(1);
      expect(builds).toBeLessThanOrEqual(WORKERS);
      // Only the builds read the build side's objects (the probe side is a table scan).
      expect(probe.exchangeBytesRead).toBe(builds * build.exchangeBytesWritten);
      // Tasks that reused a table still account for their share of the build stage's figures:
      // every orders row scanned is counted, once.
      expect(build.rowsScanned).toBe(15_000);
      expect(result.stats.rowsScanned).toBe(15_000 + 60_209);

      // A second query: another query id, so nothing is taken from the first one's tables.
      const again = await squall.query(JOIN_Q);
      expect(clientRows(again.columns, again.batch)).toEqual(expected);
      expect(tasks - probeStage(again.stats.stages.byStage).buildCacheHits).toBeGreaterThanOrEqual(1);
    } finally {
      await squall.close();
    }
  });

  it('retried probe tasks (failed, killed, or landing late) still give the exact answer', async () => {
    let faulted = 0;
    const squall = engine((fn, payload, attempt) => {
      if (fn !== 'scan' || attempt > 1) return null;
      const { stage, task } = payload as { stage: number; task: number };
      if (stage === 0 || task % 3 !== 1) return null;
      faulted++;
      return task % 2 === 0 ? { kind: 'fail', errorType: 'Lambda.ServiceException' } : { kind: 'timeout', afterMs: 1, keepRunning: task % 4 === 1 };
    });
    try {
      const result = await squall.query(JOIN_Q);
      expect(faulted).toBeGreaterThan(0);
      expect(clientRows(result.columns, result.batch)).toEqual(expected);
      expect(result.stats.retries).toBe(faulted);
      expect(probeStage(result.stats.stages.byStage).buildCacheHits).toBeGreaterThan(0);
    } finally {
      await squall.close();
    }
  });
});

/** DuckDB JSON → client JSON: DuckDB gives bigints as strings, Squall as numbers. */
function normalize(rows: unknown[][]): unknown[][] {
  return rows.map((r) => r.map((v) => (typeof v === 'string' && /^-?\d+$/.test(v) && Math.abs(Number(v)) < 2 ** 53 && !v.includes('.') ? Number(v) : v)));
}
