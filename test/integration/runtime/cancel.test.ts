/**
 * Canceling a query through the real state machine: aborting its AbortSignal stops the
 * execution (no invocation starts after the cancel), deletes the query's scratch objects,
 * rejects with USER_CANCELED, and leaves the engine (its shared workers) answering the next
 * query correctly.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientRows } from '../../../src/cli/format.ts';
import { SquallError } from '../../../src/errors.ts';
import { Squall } from '../../../src/runtime/squall.ts';
import { lakeConfig } from '../../helpers/engine.ts';

/** A partitioned join and an aggregation over small fragments: many tasks in several stages. */
const SLOW_Q = `SELECT o_orderpriority, l_returnflag, count(*), sum(l_quantity)
  FROM lineitem JOIN orders ON l_orderkey = o_orderkey GROUP BY 1, 2 ORDER BY 1, 2`;
const PLANNER = { fragmentTargetBytes: 16 * 1024, mergeFanIn: 2, broadcastMaxBytes: 0 };

describe('cancel', () => {
  let scratchDir: string;
  let squall: Squall;
  /** Every invocation attempt the state machine starts, with when it started. */
  const attempts: { fn: string; at: number }[] = [];

  beforeAll(() => {
    scratchDir = mkdtempSync(path.join(os.tmpdir(), 'squall-cancel-'));
    const base = lakeConfig('file', 'tpch_zstd', PLANNER);
    squall = new Squall({
      config: { ...base, scratch: pathToFileURL(scratchDir).href },
      workers: 2,
      // Kept unless canceled: the test sees that cancel, not the usual cleanup, removed them.
      keepScratch: true,
      faults: (fn) => {
        attempts.push({ fn, at: performance.now() });
        return null;
      },
    });
  });

  afterAll(async () => {
    await squall?.close();
    rmSync(scratchDir, { recursive: true, force: true });
  });

  it('stops the execution, cleans its scratch, and rejects with USER_CANCELED', async () => {
    // Uncanceled, the query needs many invocations (the figure the cancel must cut short).
    const full = await squall.query(SLOW_Q);
    const fullInvocations = attempts.length;
    expect(fullInvocations).toBeGreaterThan(10);
    rmSync(scratchDir, { recursive: true, force: true });
    attempts.length = 0;

    const controller = new AbortController();
    let canceledAt = Infinity;
    const canceled = squall.query(SLOW_Q, {}, (p) => {
      // Cancel once the scans are under way.
      if (p.tasksDone >= 2 && !controller.signal.aborted) {
        canceledAt = performance.now();
        controller.abort();
      }
    }, { signal: controller.signal });
    const err = await canceled.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SquallError);
    expect(err).toMatchObject({ code: 'USER_CANCELED', type: 'USER_ERROR' });
    expect(canceledAt).toBeLessThan(Infinity);
    // Nothing started after the cancel, and far less ran than the whole query needs.
    expect(attempts.filter((a) => a.at > canceledAt)).toEqual([]);
    expect(attempts.length).toBeLessThan(fullInvocations);
    // Settle a moment: nothing arrives late either.
    const count = attempts.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(attempts.length).toBe(count);
    // The query's scratch prefix (its only one: the scratch holds nothing else) is gone.
    expect(readdirRecursive(scratchDir)).toEqual([]);

    // The engine answers the next query, and the same one, correctly.
    const again = await squall.query(SLOW_Q);
    expect(clientRows(again.columns, again.batch)).toEqual(clientRows(full.columns, full.batch));
    const nations = await squall.query('SELECT count(*), sum(n_nationkey) FROM nation');
    expect(clientRows(nations.columns, nations.batch)).toEqual([[25, 300]]);
  });

  it('rejects at once when the signal is already aborted', async () => {
    attempts.length = 0;
    const controller = new AbortController();
    controller.abort();
    await expect(squall.query('SELECT count(*) FROM nation', {}, undefined, { signal: controller.signal })).rejects.toMatchObject({
      code: 'USER_CANCELED',
    });
    expect(attempts).toEqual([]);
  });
});

function readdirRecursive(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => path.join(d.parentPath, d.name));
  } catch {
    return [];
  }
}
