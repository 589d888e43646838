/**
 * Row-group and partition pruning on real files: four row groups with known ranges (DuckDB
 * writes them), and the predicates the planner can and cannot decide from statistics.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataFile } from '../../../src/catalog/parquetCatalog.ts';
import { cutFragments, type FragmentOptions } from '../../../src/catalog/fragments.ts';
import { pruneFiles } from '../../../src/catalog/prune.ts';
import { evaluateConstant } from '../../../src/exec/evaluate.ts';
import { readFooter } from '../../../src/formats/parquet/footer.ts';
import { column, literal, not, type BoundExpr } from '../../../src/plan/expr.ts';
import type { ScanColumn } from '../../../src/plan/logical.ts';
import { LocalFileStore } from '../../../src/storage/localFileStore.ts';
import { BIGINT, BOOLEAN, DATE, decimal, INTEGER, VARCHAR, type SqlType } from '../../../src/types/sqlType.ts';
import { parseDate } from '../../../src/types/datetime.ts';
import { openDuckDb } from '../../helpers/duckdb.ts';

// DuckDB cuts row groups at multiples of 2048 rows: row group g (0..3) holds ids G·g .. G·g+G-1
// (G = 2048); price = id/100 as decimal(10,2); day = 2020-01-01 + g·10 + (id % 10);
// maybe = NULL in group 2 only; word = 'g' || g.
const G = 2048;
const COLUMNS: ScanColumn[] = [
  { name: 'id', type: INTEGER, partition: false },
  { name: 'price', type: decimal(10, 2), partition: false },
  { name: 'day', type: DATE, partition: false },
  { name: 'maybe', type: INTEGER, partition: false },
  { name: 'word', type: VARCHAR, partition: false },
  { name: 'region', type: BIGINT, partition: true },
];
const col = (name: string): BoundExpr => {
  const i = COLUMNS.findIndex((c) => c.name === name);
  return column(i, COLUMNS[i]!.type, name);
};
const call = (name: string, args: BoundExpr[], type: SqlType = BOOLEAN): BoundExpr => ({ kind: 'call', name, args, type });
const int = (v: number): BoundExpr => literal(v, INTEGER);

let dir: string;
let files: DataFile[];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'squall-prune-'));
  const db = await openDuckDb();
  const file = path.join(dir, 'data.parquet');
  await db.rows(`COPY (SELECT id::INTEGER AS id, (id / 100)::DECIMAL(10,2) AS price,
      DATE '2020-01-01' + ((id // ${G}) * 10 + id % 10)::INTEGER AS day,
      CASE WHEN id // ${G} = 2 THEN NULL ELSE id END::INTEGER AS maybe, 'g' || (id // ${G}) AS word
    FROM range(${4 * G}) r(id) ORDER BY id) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE ${G})`);
  db.close();
  const store = new LocalFileStore();
  const uri = pathToFileURL(file).href;
  const size = (await store.head(uri))!.size;
  const footer = await readFooter(store, uri, size);
  expect(footer.rowGroups.length).toBe(4);
  // The same file twice, as partitions region=1 and region=2.
  files = [1n, 2n].map((region) => ({ uri, size, footer, partitionValues: [region] }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function kept(filter: BoundExpr | null): number[][] {
  const r = pruneFiles(files, filter, { columns: COLUMNS, partitionNames: ['region'], evaluateConstant });
  return files.map((f) => [...(r.files.find((k) => k.file === f)?.rowGroups ?? [])]);
}

describe('row group pruning', () => {
  it.each<[string, BoundExpr | null, number[]]>([
    ['no filter', null, [0, 1, 2, 3]],
    ['id = 2.5·G', call('$eq', [col('id'), int(2.5 * G)]), [2]],
    ['id < G', call('$lt', [col('id'), int(G)]), [0]],
    ['id <= G', call('$le', [col('id'), int(G)]), [0, 1]],
    ['id > 3·G - 1', call('$gt', [col('id'), int(3 * G - 1)]), [3]],
    ['id >= 3·G', call('$ge', [col('id'), int(3 * G)]), [3]],
    ['1.5·G > id (literal on the left)', call('$gt', [int(1.5 * G), col('id')]), [0, 1]],
    ['id <> 5 prunes nothing', call('$ne', [col('id'), int(5)]), [0, 1, 2, 3]],
    ['id IN (5, 3.5·G)', { kind: 'in', operand: col('id'), list: [int(5), int(3.5 * G)], type: BOOLEAN }, [0, 3]],
    ['price BETWEEN 21.00 AND 40.00 (ids 2100..4000)', { kind: 'and', args: [call('$ge', [col('price'), literal(2100n, decimal(10, 2))]), call('$le', [col('price'), literal(4000n, decimal(10, 2))])], type: BOOLEAN }, [1]],
    ["day >= DATE '2020-01-31'", call('$ge', [col('day'), literal(parseDate('2020-01-31'), DATE)]), [3]],
    ['maybe IS NULL', { kind: 'isNull', operand: col('maybe'), type: BOOLEAN }, [2]],
    ['maybe IS NOT NULL', not({ kind: 'isNull', operand: col('maybe'), type: BOOLEAN }), [0, 1, 3]],
    ['maybe = 2.5·G (all-NULL group never matches)', call('$eq', [col('maybe'), int(2.5 * G)]), []],
    ["word = 'g1'", call('$eq', [col('word'), literal('g1', VARCHAR)]), [1]],
    ['CAST(id AS bigint) >= 3·G (a widening cast)', call('$ge', [{ kind: 'cast', operand: col('id'), type: BIGINT, safe: false }, literal(BigInt(3 * G), BIGINT)]), [3]],
    ['id + 1 > 3.5·G (an expression: no pruning)', call('$gt', [call('$add', [col('id'), int(1)], INTEGER), int(3.5 * G)]), [0, 1, 2, 3]],
    ['id < 500 OR id > 3.5·G (a disjunction: no pruning)', { kind: 'or', args: [call('$lt', [col('id'), int(500)]), call('$gt', [col('id'), int(3.5 * G)])], type: BOOLEAN }, [0, 1, 2, 3]],
  ])('%s', (_name, filter, groups) => {
    expect(kept(filter)).toEqual([groups, groups]);
  });
});

describe('partition pruning', () => {
  it('drops files whose partition values fail the predicate', () => {
    const r = pruneFiles(files, call('$eq', [col('region'), literal(2n, BIGINT)]), { columns: COLUMNS, partitionNames: ['region'], evaluateConstant });
    expect(r.files.map((f) => f.file.partitionValues)).toEqual([[2n]]);
    expect(r.filesPruned).toBe(1);
    expect(r.partitionsPruned).toBe(1);
    expect(r.rowGroupsPruned).toBe(4);
    expect(r.rowGroupsTotal).toBe(8);
  });

  it('combines partition and statistics pruning', () => {
    const filter: BoundExpr = { kind: 'and', args: [call('$ne', [col('region'), literal(2n, BIGINT)]), call('$lt', [col('id'), int(10)])], type: BOOLEAN };
    expect(kept(filter)).toEqual([[0], []]);
  });
});

describe('fragments', () => {
  const cut = (opts: Partial<FragmentOptions>) =>
    cutFragments(
      files.map((f) => ({ file: f, rowGroups: [0, 1, 2, 3] })),
      { columns: ['id', 'price'], maxFragmentBytes: 64 * 1024 * 1024, minFragmentBytes: 1, parallelism: 1, maxFragments: 10_000, ...opts },
    );

  it('cuts about two fragments per worker, in equal shares of the row groups', () => {
    for (const parallelism of [2, 4]) {
      const { fragments } = cut({ parallelism });
      expect(fragments.length).toBe(2 * parallelism);
      const groups = fragments.map((f) => f.files.reduce((s, x) => s + x.rowGroups.length, 0));
      expect(Math.max(...groups) - Math.min(...groups)).toBeLessThanOrEqual(1);
      expect(groups.reduce((a, b) => a + b, 0)).toBe(8);
    }
  });

  it('gives one worker one fragment while the size bound allows', () => {
    expect(cut({ parallelism: 1 }).fragments).toHaveLength(1);
    const { fragments, bytesNeeded } = cut({ parallelism: 1, maxFragmentBytes: 1 });
    expect(fragments.length).toBe(8);
    expect(fragments.reduce((s, f) => s + f.bytes, 0)).toBe(bytesNeeded);
  });

  it('never exceeds maxFragments, nor cuts finer than a row group', () => {
    expect(cut({ parallelism: 100 }).fragments.length).toBe(8);
    expect(cut({ parallelism: 4, maxFragments: 3 }).fragments.length).toBeLessThanOrEqual(3);
  });

  it('counts the needed column chunk bytes, keeps files and row groups in order', () => {
    const { fragments, bytesNeeded } = cut({ parallelism: 2 });
    expect(bytesNeeded).toBe(fragments.reduce((s, f) => s + f.bytes, 0));
    expect(bytesNeeded).toBeGreaterThan(0);
    const order = fragments.flatMap((f) => f.files.flatMap((x) => x.rowGroups.map((rg) => `${x.partitionValues[0]}:${rg}`)));
    expect(order).toEqual(['1:0', '1:1', '1:2', '1:3', '2:0', '2:1', '2:2', '2:3']);
  });

  it('weighs row groups by rows when no column is read (count(*))', () => {
    const { fragments, bytesNeeded } = cut({ columns: [], parallelism: 2 });
    expect(bytesNeeded).toBe(0);
    expect(fragments.length).toBe(4);
  });
});
