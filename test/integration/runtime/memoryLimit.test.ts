/**
 * Function memory as a limit: with 128 MB functions (config runtime.memoryMb, as Lambda's
 * memorySize), a join whose build side is far larger than estimated fails with
 * EXCEEDED_MEMORY_LIMIT naming the stage and task, as Trino's per-node limit does, without a
 * stack trace and without crashing the worker; the engine goes on answering. A build side
 * estimated too large for one task is planned in partitions that fit, and succeeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientRows } from '../../../src/cli/format.ts';
import { SquallError } from '../../../src/errors.ts';
import { Squall } from '../../../src/runtime/squall.ts';
import { lakeConfig } from '../../helpers/engine.ts';

const MEMORY_MB = 128;
/**
 * The build side: lineitem (SF 0.1) with its long strings, under a filter the planner's fixed
 * selectivities take to keep 1/81 of the rows (it keeps all): small enough to broadcast, on
 * paper.
 */
const MISESTIMATED = `SELECT count(*), max(l_comment), max(l_shipinstruct), max(l_shipmode)
  FROM orders LEFT JOIN (SELECT * FROM lineitem WHERE l_shipdate < DATE '2100-01-01' AND l_quantity > 0 AND l_discount >= 0 AND l_tax >= 0) l
  ON o_orderkey = l_orderkey`;
/** The same build side without the filter: its estimate no longer fits one task. */
const ESTIMATED = `SELECT count(*), count(l_comment), max(l_shipinstruct), max(l_shipmode) FROM orders LEFT JOIN lineitem ON o_orderkey = l_orderkey`;

describe(`${MEMORY_MB} MB functions`, () => {
  let squall: Squall;
  beforeAll(() => {
    const base = lakeConfig('file', 'tpch_sf01');
    squall = new Squall({ config: { ...base, runtime: { ...base.runtime, memoryMb: MEMORY_MB } }, workers: 2 });
  });
  afterAll(() => squall.close());

  it('a build side beyond the task memory fails the query with EXCEEDED_MEMORY_LIMIT naming the stage; the next query runs', async () => {
    const err = await squall.query(MISESTIMATED).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SquallError);
    const e = err as SquallError;
    expect(e.code).toBe('EXCEEDED_MEMORY_LIMIT');
    expect(e.type).toBe('INSUFFICIENT_RESOURCES');
    // The operators' share of 128 MB, the stage and task, and what held the memory; one line.
    expect(e.message).toMatch(/^Query exceeded per-task memory limit of 76\.8MB in stage \d+ \(task \d+\): hash join build side holds [\d.]+MB$/);
    expect(e.message).not.toContain('\n');

    // The worker was not lost to the failure (nor to the heap limit): the engine answers on.
    const next = await squall.query('SELECT count(*) FROM lineitem');
    expect(clientRows(next.columns, next.batch)).toEqual([[599532]]);
  });

  it('a build side estimated too large for one task is hash-partitioned into parts that fit, and the join succeeds', async () => {
    const explain = await squall.query(`EXPLAIN ${ESTIMATED}`);
    const text = String(clientRows(explain.columns, explain.batch)[0]![0]);
    // Not broadcast (the default broadcastMaxBytes would take it): both sides partitioned.
    expect(text).toMatch(/hash-partitioned into \d+ on \[l_orderkey\]/);
    const result = await squall.query(ESTIMATED);
    const [count, comments] = clientRows(result.columns, result.batch)[0]!;
    expect(count).toBe(599532);
    expect(comments).toBe(599532);
  });
});
