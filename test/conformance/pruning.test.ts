/**
 * Selective filters must skip work, not only give the right answer (the corpus checks that):
 * a filter on hive partition keys drops whole partitions at planning time, and a filter on the
 * files' sort key drops row groups by their min/max statistics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientRows } from '../../src/cli/format.ts';
import type { Squall } from '../../src/runtime/squall.ts';
import { openSquall } from '../helpers/engine.ts';
import { openTpchReference, type Reference } from './reference.ts';

let squall: Squall;
let reference: Reference;

beforeAll(async () => {
  squall = openSquall('file', { schema: 'tpch_zstd', workers: 2 });
  reference = await openTpchReference('tpch_zstd');
});

afterAll(async () => {
  await squall?.close();
  reference?.close();
});

/** Squall's count(*) and stats, with the count checked against DuckDB's. */
async function countWithStats(sql: string): Promise<Awaited<ReturnType<Squall['query']>>['stats']> {
  const result = await squall.query(sql);
  const duck = await reference.answer(sql);
  expect(clientRows(result.columns, result.batch), sql).toEqual([[Number(duck.rows[0]![0])]]);
  return result.stats;
}

describe('pruning', () => {
  it('drops hive partitions whose key values fail the filter', async () => {
    const stats = await countWithStats(`SELECT count(*) FROM extra.lineitem_part WHERE ship_year = 1995 AND l_returnflag = 'R'`);
    // 7 years × 3 flags (fewer for the last years), one of which is kept.
    expect(stats.partitionsPruned).toBeGreaterThan(10);
    expect(stats.filesPruned).toBeGreaterThan(0);
    expect(stats.rowGroupsPruned).toBeGreaterThan(0);
  });

  it('drops date partitions by a range on the key', async () => {
    const stats = await countWithStats(`SELECT count(*) FROM extra.orders_month WHERE order_month >= DATE '1992-05-01'`);
    expect(stats.partitionsPruned).toBe(4);
  });

  it('drops row groups whose statistics exclude the filter', async () => {
    const stats = await countWithStats(`SELECT count(*) FROM lineitem WHERE l_orderkey < 100`);
    expect(stats.rowGroupsPruned).toBeGreaterThan(0);
    expect(stats.rowGroupsPruned).toBeLessThan(stats.rowGroupsTotal);
  });

  it('prunes nothing without a selective filter', async () => {
    const stats = await countWithStats(`SELECT count(*) FROM extra.lineitem_part WHERE l_quantity > 0`);
    expect(stats.partitionsPruned).toBe(0);
    expect(stats.rowGroupsPruned).toBe(0);
  });
});
