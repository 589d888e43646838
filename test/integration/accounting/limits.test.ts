/**
 * Caps, budgets and the ledger through the real local runtime: a query whose planner estimate
 * passes a per-query cap or what is left of a daily budget is refused in the plan step (no scan
 * invocation, nothing billed beyond the plan); a running query whose billed cost passes its cap
 * is stopped with the cost error; and the ledger's totals per user are the sums of what each
 * query cost, finished, failed, canceled or stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SquallConfig } from '../../../src/config/config.ts';
import { SquallError } from '../../../src/errors.ts';
import { MemoryLedger } from '../../../src/runtime/accounting/ledger.ts';
import { failedQueryCost } from '../../../src/runtime/accounting/queryAccounting.ts';
import type { InvocationRecord } from '../../../src/runtime/local/workerPool.ts';
import { Squall, type QueryOptions } from '../../../src/runtime/squall.ts';
import { costBreakdown } from '../../../src/runtime/accounting/costBreakdown.ts';
import { usageOfTaskCosts } from '../../../src/runtime/accounting/taskCostWatch.ts';
import { readTaskCosts } from '../../../src/runtime/engine/taskCosts.ts';
import { scratchUri } from '../../../src/runtime/queryInput.ts';
import { storeFor } from '../../../src/storage/stores.ts';
import { lakeConfig } from '../../helpers/engine.ts';

const SQL = `SELECT o_orderpriority, l_returnflag, count(*), sum(l_quantity)
  FROM lineitem JOIN orders ON l_orderkey = o_orderkey GROUP BY 1, 2 ORDER BY 1, 2`;
const PLANNER = { fragmentTargetBytes: 16 * 1024, mergeFanIn: 2, broadcastMaxBytes: 0 };
/** An estimate of (almost) only requests and transitions: task time counted as nothing. */
const LOW_ESTIMATE = { scanBytesPerSecond: 1e12, exchangeBytesPerSecond: 1e12, invocationOverheadMs: 0 };

describe('cost limits and the ledger', () => {
  const ledger = new MemoryLedger();
  const records: InvocationRecord[] = [];
  /** What each query cost, per user, as the caller saw it (stats, or the failed query's cost). */
  const costs: Record<string, number[]> = {};
  let slow = false;
  let config: SquallConfig;
  let squall: Squall;

  beforeAll(() => {
    const base = lakeConfig('file', 'tpch_zstd', PLANNER);
    config = {
      ...base,
      // Big functions: a slow attempt costs far more than the estimate's margin.
      runtime: { ...base.runtime, memoryMb: 10240 },
      accounting: {
        users: { alice: { perQueryUsd: 0.000001 } },
        sources: { dash: { dailyUsd: 0.01 } },
        estimate: LOW_ESTIMATE,
      },
    };
    squall = new Squall({
      config,
      workers: 2,
      ledger,
      retryDelayMs: 5,
      onInvocation: (r) => records.push(r),
      // While `slow`, every scan task is a straggler: half a second late, billed.
      faults: (fn) => (slow && fn === 'scan' ? { kind: 'slow', delayMs: 500 } : null),
    });
  });

  afterAll(async () => {
    await squall?.close();
  });

  async function run(sql: string, options: QueryOptions & { user: string }, onProgress?: Parameters<Squall['query']>[2]) {
    try {
      const result = await squall.query(sql, {}, onProgress, options);
      (costs[options.user] ??= []).push(result.stats.estimatedCostUsd);
      return { result, error: null };
    } catch (error) {
      const cost = failedQueryCost(error);
      expect(cost).toBeDefined();
      (costs[options.user] ??= []).push(cost!.estimatedCostUsd);
      return { result: null, error: error as SquallError, cost: cost! };
    }
  }

  const recordsOf = (queryId: string): InvocationRecord[] => records.filter((r) => r.queryId === queryId);

  it('refuses a query estimated past its per-query cap in the plan step: no scan runs, only the plan is billed', async () => {
    const { error, cost } = await run(SQL, { user: 'alice' });
    expect(error).toBeInstanceOf(SquallError);
    expect(error).toMatchObject({ code: 'EXCEEDED_COST_LIMIT', type: 'INSUFFICIENT_RESOURCES' });
    expect(error!.message).toMatch(/^Query estimated to cost \$0\.\d+ exceeds the per-query cap of \$0\.00000100 for user alice$/);
    expect(recordsOf(cost!.queryId).map((r) => r.fn)).toEqual(['plan']);
    const lines = cost!.cost.lines;
    expect(lines.lambdaRequests.quantity).toBe(1);
    expect(Object.keys(cost!.cost.byFunction)).toEqual(['plan']);
    expect(lines.sfnStandardTransitions.quantity).toBe(1);
    expect(lines.sfnExpressRequests.quantity).toBe(0);
    expect(lines.s3PutList.quantity).toBe(0);
    expect(cost!.estimatedCostUsd).toBeGreaterThan(0);
    expect(Math.abs((await ledger.spentToday({ user: 'alice' })) - cost!.estimatedCostUsd)).toBeLessThanOrEqual(0.5e-9);
  });

  it("refuses a query estimated past what is left of its source's daily budget", async () => {
    await ledger.record({ queryId: 'seed-dash', user: 'bob', source: 'dash', endedAt: Date.now(), costUsd: 0.00999, state: 'FINISHED' });
    (costs.bob ??= []).push(0.00999);
    const { error, cost } = await run(SQL, { user: 'bob', source: 'dash' });
    expect(error).toMatchObject({ code: 'EXCEEDED_COST_LIMIT' });
    expect(error!.message).toMatch(/^Query estimated to cost \$0\.\d+ exceeds the \$0\.0000100 left today of the daily budget of \$0\.0100 for source dash$/);
    expect(recordsOf(cost!.queryId).map((r) => r.fn)).toEqual(['plan']);
    // Without the source the same user's query runs.
    const { result } = await run(SQL, { user: 'bob' });
    expect(result?.batch.length).toBeGreaterThan(0);
  });

  it('stops a running query once what it has cost passes its cap, and says so', async () => {
    // Warm, then what the query costs and is estimated to cost when nothing goes wrong.
    await run(SQL, { user: 'carol' });
    const { result: full } = await run(SQL, { user: 'carol' });
    const planned = full!.stats.plannedCostUsd!;
    expect(full!.stats.estimatedCostUsd).toBeGreaterThan(planned);
    const fullScans = recordsOf(full!.queryId).filter((r) => r.fn === 'scan').length;

    const cap = planned + 0.00005;
    config.accounting!.users!.carol = { perQueryUsd: cap };
    slow = true;
    try {
      const { error, cost } = await run(SQL, { user: 'carol' });
      expect(error).toMatchObject({ code: 'EXCEEDED_COST_LIMIT', type: 'INSUFFICIENT_RESOURCES' });
      expect(error!.message).toMatch(new RegExp(`^Query ${cost!.queryId} was stopped after spending \\$0\\.\\d+, past the per-query cap of \\$0\\.\\d+ for user carol$`));
      // The plan passed the cap; the running cost did not.
      expect(cost!.estimatedCostUsd).toBeGreaterThan(cap);
      const mine = recordsOf(cost!.queryId);
      expect(mine.some((r) => r.fn === 'scan' && r.durationMs >= 500)).toBe(true);
      // Stopped: the final fragment never ran, and fewer tasks finished than the query has.
      expect(mine.filter((r) => r.fn === 'merge')).toEqual([]);
      expect(mine.filter((r) => r.fn === 'scan' && r.ok).length).toBeLessThan(fullScans);
    } finally {
      slow = false;
      delete config.accounting!.users!.carol;
    }
  });

  it('records every query, failed and canceled ones too: per-user totals are the sums of the queries’ costs', async () => {
    await run('SELECT count(*) FROM nation', { user: 'dave', source: 'notebook' });
    await run('SELECT r_name FROM region ORDER BY 1', { user: 'dave' });
    const failed = await run('SELECT CAST(l_comment AS integer) FROM lineitem', { user: 'dave' });
    expect(failed.error).toMatchObject({ code: 'INVALID_CAST_ARGUMENT' });
    expect(recordsOf(failed.cost!.queryId).some((r) => r.fn === 'scan')).toBe(true);
    await run('SELECT count(*) FROM orders', { user: 'erin' });
    const controller = new AbortController();
    const canceled = await run(SQL, { user: 'erin', signal: controller.signal }, (p) => {
      if (p.tasksDone >= 2) controller.abort();
    });
    expect(canceled.error).toMatchObject({ code: 'USER_CANCELED' });
    expect(canceled.cost!.estimatedCostUsd).toBeGreaterThan(0);

    const rows = await ledger.spend();
    for (const [user, list] of Object.entries(costs)) {
      const mine = rows.filter((r) => r.user === user);
      expect(mine.reduce((n, r) => n + r.queries, 0)).toBe(list.length);
      const total = mine.reduce((s, r) => s + r.costUsd, 0);
      const expected = list.reduce((s, c) => s + c, 0);
      // Stored as integer nano-dollars: each query rounds by at most half a nano-dollar.
      expect(Math.abs(total - expected)).toBeLessThanOrEqual(list.length * 0.5e-9 + 1e-15);
      expect(await ledger.spentToday({ user })).toBeCloseTo(expected, 8);
    }
    expect(Object.keys(costs).sort()).toEqual(['alice', 'bob', 'carol', 'dave', 'erin']);
    expect(rows.find((r) => r.user === 'dave' && r.source === 'notebook')?.queries).toBe(1);
  });
});

describe('task cost markers (what a driver that sees no invocation watches: the api function on AWS)', () => {
  it('a capped query\'s every task attempt leaves one, with its memory and at most its billed time', async () => {
    const records: InvocationRecord[] = [];
    const base = lakeConfig('file', 'tpch_zstd', PLANNER);
    const config: SquallConfig = { ...base, accounting: { users: { erin: { perQueryUsd: 10 } } } };
    const squall = new Squall({ config, workers: 2, keepScratch: true, ledger: new MemoryLedger(), onInvocation: (r) => records.push(r) });
    try {
      const result = await squall.query(SQL, {}, undefined, { user: 'erin' });
      const scratch = scratchUri(config);
      const markers = [...(await readTaskCosts(storeFor(scratch), scratch, result.queryId)).values()];
      const tasks = records.filter((r) => r.queryId === result.queryId && r.fn === 'scan');
      expect(tasks.length).toBeGreaterThan(4);
      expect(markers).toHaveLength(tasks.length);
      expect(new Set(markers.map((m) => `${m.stage}/${m.task}`)).size).toBe(tasks.length);
      expect(markers.every((m) => m.memoryMb === tasks[0]!.memoryMb && m.s3PutsAndLists >= 2)).toBe(true);
      const markerMs = markers.reduce((s, m) => s + m.durationMs, 0);
      expect(markerMs).toBeGreaterThan(0);
      expect(markerMs).toBeLessThanOrEqual(tasks.reduce((s, r) => s + Math.ceil(r.durationMs), 0) + markers.length);
      // Priced, they are a lower bound of what the query cost.
      expect(costBreakdown(usageOfTaskCosts(markers), config.runtime.architecture).totalUsd).toBeLessThan(result.stats.estimatedCostUsd);
      // Without a cap, tasks leave none (each marker is a PUT).
      const uncapped = await squall.query(SQL, {}, undefined, { user: 'frank' });
      expect((await readTaskCosts(storeFor(scratch), scratch, uncapped.queryId)).size).toBe(0);
    } finally {
      await squall.close();
    }
  });
});
