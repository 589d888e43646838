/**
 * Retries through the real state machine: scan and merge invocations that fail once or time
 * out (killed, or left running so their write lands late) are retried by the ASL's Retry
 * rules, and the answer is still exact with exactly one partial per fragment and merge group.
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

/** Small fragments and a fan-in of 2, so the query has many scans and several merge levels. */
const PLANNER = { fragmentTargetBytes: 16 * 1024, mergeFanIn: 2 };

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

  beforeAll(async () => {
    reference = await openReference({ lineitem: 'tpch_zstd/lineitem' });
    expected = await reference.rows(DUCK_Q1);
  });
  afterAll(() => reference.close());

  it('fail once, time out, or land late: the answer is exact and no partial is duplicated', async () => {
    const scratchDir = path.join(os.tmpdir(), `squall-retry-${process.pid}-${Date.now()}`);
    const injected: string[] = [];
    const faults: FaultInjector = (fn, payload, attempt) => {
      if (attempt > 1) return null;
      if (fn === 'scan') {
        const f = payloadField(payload, 'fragment') as number;
        const kind = f % 4;
        if (kind === 0) {
          injected.push(`scan ${f} fail`);
          return { kind: 'fail', errorType: 'Lambda.ServiceException' };
        }
        if (kind === 1) {
          injected.push(`scan ${f} timeout`);
          return { kind: 'timeout', afterMs: 1 };
        }
        if (kind === 2) {
          injected.push(`scan ${f} late`);
          return { kind: 'timeout', afterMs: 1, keepRunning: true };
        }
        return null;
      }
      if (fn === 'merge' && payloadField(payload, 'finalize') !== true && payloadField(payload, 'group') === 0) {
        injected.push(`merge L${String(payloadField(payload, 'level'))} throttled`);
        return { kind: 'fail', errorType: 'Lambda.TooManyRequestsException' };
      }
      return null;
    };
    const squall = engine(faults, scratchDir);
    try {
      const result = await squall.query(Q1);
      expect(clientRows(result.columns, result.batch)).toEqual(normalize(expected));
      const { stats } = result;
      expect(stats.fragments).toBeGreaterThanOrEqual(8);
      expect(injected.filter((x) => x.startsWith('scan')).length).toBeGreaterThanOrEqual(6);
      expect(injected.some((x) => x.startsWith('merge'))).toBe(true);
      expect(stats.retries).toBe(injected.length);
      expect(stats.failedInvocations).toBe(injected.filter((x) => x.endsWith('timeout') || x.endsWith('late')).length);

      // Exactly one partial per fragment and per merge group: retries overwrote, never added.
      const query = readdirSync(scratchDir).find((d) => d === result.queryId)!;
      const partials = path.join(scratchDir, query, 'partials');
      const level0 = readdirSync(path.join(partials, 'L0')).filter((f) => f.endsWith('.sqb'));
      expect(level0.sort()).toEqual(Array.from({ length: stats.fragments }, (_x, i) => `${String(i).padStart(6, '0')}.sqb`));
      const levels = readdirSync(partials).sort();
      expect(levels.length).toBeGreaterThanOrEqual(3);
      let inputs = stats.fragments;
      for (const level of levels.slice(1)) {
        const files = readdirSync(path.join(partials, level)).filter((f) => f.endsWith('.sqb'));
        expect(files.length).toBe(Math.ceil(inputs / PLANNER.mergeFanIn));
        inputs = files.length;
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
