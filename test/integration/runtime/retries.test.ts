/**
 * Retries through the real state machine: stage tasks (scans, partitioned join tasks, merges of
 * partial aggregates) that fail once or time out (killed, or left running so their write lands
 * late) are retried by the ASL's Retry rules, and the answer is still exact with exactly one
 * output object per task of every stage.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientRows } from '../../../src/cli/format.ts';
import type { FaultInjector } from '../../../src/runtime/local/localStateMachine.ts';
import { Squall } from '../../../src/runtime/squall.ts';
import { lakeConfig, openReference } from '../../helpers/engine.ts';
import type { DuckDb } from '../../helpers/duckdb.ts';

const Q1 = `SELECT l_returnflag, l_linestatus, sum(l_quantity), sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)),
  count(*), count(DISTINCT l_suppkey) FROM lineitem WHERE l_shipdate <= DATE '1998-09-02' GROUP BY 1, 2 ORDER BY 1, 2`;
const DUCK_Q1 = Q1;
/** A join of two scans, hash-partitioned (broadcast is off), then an aggregation. */
const JOIN_Q = `SELECT o_orderpriority, l_returnflag, count(*), sum(l_quantity), sum(o_totalprice)
  FROM lineitem JOIN orders ON l_orderkey = o_orderkey WHERE l_shipdate <= DATE '1998-09-02' GROUP BY 1, 2 ORDER BY 1, 2`;

/**
 * A WITH query computed once (it joins and aggregates), in a stage of its own whose output both
 * sides of a join read.
 */
const CTE_Q = `WITH rev AS (SELECT l_suppkey AS s, sum(l_extendedprice) AS total, count(*) AS n
    FROM lineitem JOIN orders ON l_orderkey = o_orderkey WHERE o_orderstatus = 'F' GROUP BY l_suppkey)
  SELECT a.n % 5, count(*), sum(b.total) FROM rev a JOIN rev b ON a.s = b.s + 1 GROUP BY 1 ORDER BY 1`;

/**
 * Small fragments and a fan-in of 2, so the query has many scans and several merge levels;
 * joins always partitioned, so join tasks read partitions of scan tasks' objects.
 */
const PLANNER = { fragmentTargetBytes: 16 * 1024, mergeFanIn: 2, broadcastMaxBytes: 0 };

function engine(faults: FaultInjector | undefined, scratchDir: string): Squall {
  const base = lakeConfig('file', 'tpch_zstd', PLANNER);
  return new Squall({
    config: { ...base, scratch: pathToFileURL(scratchDir).href },
    workers: 2,
    keepScratch: true,
    retryDelayMs: 5,
    ...(faults ? { faults } : {}),
  });
}

function payloadField(payload: unknown, field: string): unknown {
  return (payload as Record<string, unknown>)[field];
}

describe('retried invocations', () => {
  let reference: DuckDb;
  let expected: unknown[][];
  let expectedJoin: unknown[][];
  let expectedCte: unknown[][];

  beforeAll(async () => {
    reference = await openReference({ lineitem: 'tpch_zstd/lineitem', orders: 'tpch_zstd/orders' });
    expected = await reference.rows(DUCK_Q1);
    expectedJoin = await reference.rows(JOIN_Q);
    expectedCte = await reference.rows(CTE_Q);
  });
  afterAll(() => reference.close());

  it('fail once, time out, or land late, in every stage: the answer is exact and no output is duplicated or lost', async () => {
    const scratchDir = path.join(os.tmpdir(), `squall-retry-${process.pid}-${Date.now()}`);
    const injected: string[] = [];
    const faults: FaultInjector = (fn, payload, attempt) => {
      if (attempt > 1 || fn !== 'scan') return null;
      const stage = payloadField(payload, 'stage') as number;
      const task = payloadField(payload, 'task') as number;
      const kind = (stage + task) % 4;
      const name = `stage ${stage} task ${task}`;
      if (kind === 0) {
        injected.push(`${name} fail`);
        return { kind: 'fail', errorType: task % 2 === 0 ? 'Lambda.ServiceException' : 'Lambda.TooManyRequestsException' };
      }
      if (kind === 1) {
        injected.push(`${name} timeout`);
        return { kind: 'timeout', afterMs: 1 };
      }
      if (kind === 2) {
        injected.push(`${name} late`);
        return { kind: 'timeout', afterMs: 1, keepRunning: true };
      }
      return null;
    };
    const squall = engine(faults, scratchDir);
    try {
      for (const [sql, answer] of [
        [Q1, () => expected],
        [JOIN_Q, () => expectedJoin],
        [CTE_Q, () => expectedCte],
      ] as const) {
        injected.length = 0;
        const result = await squall.query(sql);
        expect(clientRows(result.columns, result.batch)).toEqual(normalize(answer()));
        const { stats } = result;
        expect(stats.fragments).toBeGreaterThanOrEqual(8);
        expect(stats.retries).toBe(injected.length);
        expect(stats.failedInvocations).toBe(injected.filter((x) => x.endsWith('timeout') || x.endsWith('late')).length);
        const byStage = stats.stages.byStage;
        expect(byStage.length).toBeGreaterThanOrEqual(3);
        // Faults hit tasks of every stage, the join's and the merges' included.
        for (let s = 0; s < byStage.length; s++) expect(injected.some((x) => x.startsWith(`stage ${s} `))).toBe(true);

        // Exactly one object per task of every stage: retries overwrote, never added; every
        // task's figures arrived once.
        const stagesDir = path.join(scratchDir, result.queryId, 'stages');
        byStage.forEach((work, s) => {
          const files = readdirSync(path.join(stagesDir, `S${s}`)).filter((f) => f.endsWith('.sqb')).sort();
          expect(files).toEqual(Array.from({ length: work.invocations }, (_x, i) => `${String(i).padStart(6, '0')}.sqb`));
        });
      }
    } finally {
      await squall.close();
    }
  });

  it('does not retry a user error: the query fails with its code', async () => {
    const scratchDir = path.join(os.tmpdir(), `squall-retry-user-${process.pid}-${Date.now()}`);
    const squall = engine(undefined, scratchDir);
    try {
      await expect(squall.query('SELECT sum(l_quantity / (l_linenumber - l_linenumber)) FROM lineitem')).rejects.toMatchObject({
        code: 'DIVISION_BY_ZERO',
      });
    } finally {
      await squall.close();
    }
  });

  it('gives up after the Retry attempts and names the timeout', async () => {
    const scratchDir = path.join(os.tmpdir(), `squall-retry-giveup-${process.pid}-${Date.now()}`);
    const squall = engine((fn) => (fn === 'scan' ? { kind: 'timeout', afterMs: 1 } : null), scratchDir);
    try {
      await expect(squall.query('SELECT count(l_tax) FROM lineitem')).rejects.toMatchObject({ code: 'EXCEEDED_TIME_LIMIT' });
    } finally {
      await squall.close();
    }
  });
});

/** DuckDB JSON → client JSON: DuckDB gives bigints as strings, Squall as numbers. */
function normalize(rows: unknown[][]): unknown[][] {
  return rows.map((r) => r.map((v) => (typeof v === 'string' && /^-?\d+$/.test(v) && Math.abs(Number(v)) < 2 ** 53 && !v.includes('.') ? Number(v) : v)));
}
