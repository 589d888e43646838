/**
 * information_schema.columns narrowed by its WHERE clause before planning: the planner lists and
 * describes only the tables the filter can keep, and the answer is the same as unnarrowed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientRows } from '../../../src/cli/format.ts';
import type { Squall } from '../../../src/runtime/squall.ts';
import { openSquall } from '../../helpers/engine.ts';

let squall: Squall;

beforeAll(() => {
  squall = openSquall('file');
});

afterAll(async () => {
  await squall?.close();
});

async function run(where: string): Promise<{ rows: unknown[][]; gets: number; lists: number }> {
  const r = await squall.query(`SELECT table_name, column_name FROM information_schema.columns WHERE ${where} ORDER BY ordinal_position`);
  const s3 = r.stats.stages.plan.s3;
  return { rows: clientRows(r.columns, r.batch), gets: s3.getRequests, lists: s3.listRequests };
}

describe('information_schema.columns under a filter on schema and table', () => {
  it('describes only the table the filter names, with the same rows as a full listing', async () => {
    const narrowed = await run("table_schema = 'tpch_zstd' AND table_name = 'nation'");
    // `OR false` hides the conjuncts from the narrowing; the filter keeps the same rows.
    const full = await run("(table_schema = 'tpch_zstd' AND table_name = 'nation') OR false");
    expect(narrowed.rows).toEqual([['nation', 'n_nationkey'], ['nation', 'n_name'], ['nation', 'n_regionkey'], ['nation', 'n_comment']]);
    expect(full.rows).toEqual(narrowed.rows);
    // One footer read and a few listings, against one per table of every schema.
    expect(narrowed.gets).toBe(1);
    expect(narrowed.lists).toBeLessThanOrEqual(3);
    expect(full.gets).toBeGreaterThan(30);
  });
});
