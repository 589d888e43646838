/**
 * What `generateTpch` writes: byte-identical reruns, the same values however the tables are
 * split into files and row groups, every codec readable by DuckDB, and the options it refuses.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParquetCodec } from '../../../src/formats/parquet/writer.ts';
import { TPCH_TABLES, generateTpch, planTpchFiles, type TpchOptions, type TpchTableResult } from '../../../src/gen/tpch/index.ts';
import { LocalFileStore } from '../../../src/storage/localFileStore.ts';
import { openDuckDb, sqlString, type DuckDb } from '../../helpers/duckdb.ts';

const SF = 0.01;
const store = new LocalFileStore();
let root = '';
let db: DuckDb;

const uri = (name: string): string => pathToFileURL(path.join(root, name)).href;
const files = (name: string, table: string): string => sqlString(path.join(root, name, 'tpch', table, '*.parquet'));
const generate = (name: string, extra: Partial<TpchOptions> = {}): Promise<TpchTableResult[]> =>
  generateTpch({ sf: SF, out: uri(name), codec: 'zstd', ...extra }, store);

/** Rows in one lake's table and not in the other's, both ways (multiset difference). */
async function differingRows(a: string, b: string, table: string): Promise<number> {
  const one = `SELECT * FROM read_parquet(${files(a, table)})`;
  const two = `SELECT * FROM read_parquet(${files(b, table)})`;
  return Number(await db.value(`SELECT (SELECT count(*) FROM (${one} EXCEPT ALL ${two})) + (SELECT count(*) FROM (${two} EXCEPT ALL ${one}))`));
}

let first: TpchTableResult[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'squall-tpch-files-'));
  first = await generate('a');
  db = await openDuckDb();
});

afterAll(async () => {
  db?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('generateTpch output', () => {
  it('writes one file per table under <out>/<schema>/<table>/ and reports rows', () => {
    expect(first.map((r) => r.table)).toEqual([...TPCH_TABLES]);
    for (const r of first) expect(r.files).toEqual([uri(`a/tpch/${r.table}/part-00000.parquet`)]);
    expect(first.find((r) => r.table === 'orders')?.rows).toBe(15_000);
  });

  it('writes byte-identical files when run again with the same arguments', async () => {
    const second = await generate('b');
    for (const [i, r] of first.entries()) {
      const [x, y] = await Promise.all([readFile(new URL(r.files[0]!)), readFile(new URL(second[i]!.files[0]!))]);
      expect(Buffer.compare(x, y), r.table).toBe(0);
    }
  });

  it('gives the same rows when tables are split into more files and smaller row groups', async () => {
    const split = await generate('split', { filesPerTable: 3, rowGroupSize: 2_000 });
    expect(split.find((r) => r.table === 'lineitem')?.files).toHaveLength(3);
    expect(split.find((r) => r.table === 'nation')?.files).toHaveLength(1);
    for (const t of TPCH_TABLES) expect(await differingRows('a', 'split', t), t).toBe(0);
    const groups = await db.rows(`SELECT DISTINCT row_group_num_rows::INT FROM parquet_metadata(${files('split', 'orders')}) ORDER BY 1`);
    expect(groups).toEqual([[1_000], [2_000]]);
  });

  it.each<[ParquetCodec, string]>([
    ['snappy', 'SNAPPY'],
    ['gzip', 'GZIP'],
    ['none', 'UNCOMPRESSED'],
  ])('writes %s files DuckDB reads to the same rows', async (codec, name) => {
    await generate(codec, { codec, tables: ['lineitem'] });
    expect(await db.rows(`SELECT DISTINCT compression FROM parquet_metadata(${files(codec, 'lineitem')})`)).toEqual([[name]]);
    expect(await differingRows('a', codec, 'lineitem')).toBe(0);
  });

  it('writes min/max statistics for every column chunk', async () => {
    const missing = await db.value(
      `SELECT count(*)::INT FROM parquet_metadata(${files('a', 'lineitem')}) WHERE stats_min_value IS NULL OR stats_max_value IS NULL`,
    );
    expect(missing).toBe(0);
    const fromStats = await db.rows(
      `SELECT min(stats_min_value), max(stats_max_value) FROM parquet_metadata(${files('a', 'lineitem')}) WHERE path_in_schema = 'l_shipdate'`,
    );
    expect(fromStats).toEqual(await db.rows(`SELECT min(l_shipdate)::VARCHAR, max(l_shipdate)::VARCHAR FROM read_parquet(${files('a', 'lineitem')})`));
  });

  it('reports progress and replaces files left by an earlier, wider run', async () => {
    await generate('rerun', { tables: ['orders'], filesPerTable: 3, rowGroupSize: 4_000 });
    const progress: number[] = [];
    const [orders] = await generateTpch({ sf: SF, out: uri('rerun'), codec: 'zstd', tables: ['orders'] }, store, (table, rows) => {
      expect(table).toBe('orders');
      progress.push(rows);
    });
    expect(orders?.files).toHaveLength(1);
    expect((await store.list(`${uri('rerun/tpch/orders')}/`)).map((o) => o.uri)).toEqual(orders?.files);
    expect(progress.at(-1)).toBe(15_000);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
  });

  it('refuses bad options with INVALID_ARGUMENTS', () => {
    const base: TpchOptions = { sf: SF, out: uri('x'), codec: 'zstd' };
    for (const bad of [{ sf: 0 }, { codec: 'lz5' as ParquetCodec }, { tables: ['lineitems'] }, { rowGroupSize: 0 }, { filesPerTable: 1.5 }, { out: '/tmp/x' }, { schema: '../x' }]) {
      expect(() => planTpchFiles({ ...base, ...bad }), JSON.stringify(bad)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENTS' }) as Error);
    }
  });
});
