/**
 * The lake every integration and conformance test reads, built once per run by globalSetup
 * (and cached under .squall/ between local runs: delete it, or bump LAKE_VERSION, to rebuild).
 *
 * Schemas (all under one file:// location):
 * - tpch_zstd, tpch_snappy, tpch_gzip: TPC-H SF 0.01 from Squall's generator, several files per
 *   table and several row groups per file, one codec each;
 * - tpch_sf01: TPC-H SF 0.1 (zstd), for the 22 TPC-H queries with joins at a size where join
 *   strategies differ (lineitem: 4 files of about 150,000 rows, 3 row groups each);
 * - extra: DuckDB-written tables: lineitem_part (hive partitions ship_year/l_returnflag),
 *   orders_month (a date-typed partition), nulls (NULL-heavy columns, an all-NULL column),
 *   types (one column per Parquet type DuckDB writes);
 * - bad: objects that must fail clearly: truncated, not_parquet, mismatch (files disagree),
 *   empty (a file with zero rows: a correct empty answer), only_junk (no Parquet file at all).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateTpch } from '../../src/gen/tpch/index.ts';
import { storeFor } from '../../src/storage/stores.ts';
import { openDuckDb } from '../helpers/duckdb.ts';

const LAKE_VERSION = 4;
/** The scale factor of the codec schemas (tpch_zstd, tpch_snappy, tpch_gzip). */
export const TPCH_SF = 0.01;

export const TPCH_VARIANTS = [
  { schema: 'tpch_zstd', sf: TPCH_SF, codec: 'zstd', rowGroupSize: 8192, filesPerTable: 3 },
  { schema: 'tpch_snappy', sf: TPCH_SF, codec: 'snappy', rowGroupSize: 10_000, filesPerTable: 2 },
  { schema: 'tpch_gzip', sf: TPCH_SF, codec: 'gzip', rowGroupSize: 16_384, filesPerTable: 2 },
  { schema: 'tpch_sf01', sf: 0.1, codec: 'zstd', rowGroupSize: 65_536, filesPerTable: 4 },
] as const;

export const TPCH_TABLES = ['region', 'nation', 'supplier', 'customer', 'part', 'partsupp', 'orders', 'lineitem'] as const;

export function lakeDir(root: string): string {
  return path.join(root, '.squall', `test-lake-v${LAKE_VERSION}`);
}

export async function buildTestLake(root: string): Promise<string> {
  const dir = lakeDir(root);
  if (existsSync(path.join(dir, 'DONE'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const out = pathToFileURL(dir).href;
  for (const v of TPCH_VARIANTS) {
    await generateTpch({ sf: v.sf, out, codec: v.codec, rowGroupSize: v.rowGroupSize, filesPerTable: v.filesPerTable, schema: v.schema }, storeFor(out));
  }
  await buildExtra(dir);
  buildBad(dir);
  writeFileSync(path.join(dir, 'DONE'), new Date().toISOString());
  return dir;
}

async function buildExtra(dir: string): Promise<void> {
  const db = await openDuckDb();
  const src = (t: string): string => `read_parquet('${path.join(dir, 'tpch_zstd', t, '*.parquet')}')`;
  const extra = path.join(dir, 'extra');
  mkdirSync(extra, { recursive: true });
  try {
    await db.rows(
      `COPY (SELECT *, year(l_shipdate) AS ship_year FROM ${src('lineitem')})
       TO '${path.join(extra, 'lineitem_part')}' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (ship_year, l_returnflag), ROW_GROUP_SIZE 4096, OVERWRITE_OR_IGNORE true)`,
    );
    await db.rows(
      `COPY (SELECT *, strftime(date_trunc('month', o_orderdate), '%Y-%m-%d') AS order_month FROM ${src('orders')} WHERE o_orderdate < DATE '1992-07-01')
       TO '${path.join(extra, 'orders_month')}' (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (order_month), OVERWRITE_OR_IGNORE true)`,
    );
    mkdirSync(path.join(extra, 'nulls'), { recursive: true });
    await db.rows(
      `COPY (SELECT l_orderkey AS id,
          CASE WHEN hash(l_orderkey, l_linenumber) % 3 = 0 THEN NULL ELSE l_quantity END AS qty,
          CASE WHEN hash(l_orderkey, l_linenumber) % 4 = 0 THEN NULL ELSE l_extendedprice END AS price,
          CASE WHEN hash(l_orderkey, l_linenumber) % 2 = 0 THEN NULL ELSE l_shipmode END AS mode,
          CASE WHEN hash(l_orderkey, l_linenumber) % 5 <> 0 THEN NULL ELSE l_shipdate END AS shipped,
          CASE WHEN hash(l_orderkey, l_linenumber) % 10 <> 0 THEN NULL ELSE l_linenumber END AS line,
          CASE WHEN hash(l_orderkey) % 7 = 0 THEN NULL ELSE l_discount * 1.0 END::DOUBLE AS ratio,
          CAST(NULL AS VARCHAR) AS nothing
        FROM ${src('lineitem')} ORDER BY l_orderkey, l_linenumber)
       TO '${path.join(extra, 'nulls', 'part-0.parquet')}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 5000)`,
    );
    mkdirSync(path.join(extra, 'types'), { recursive: true });
    await db.rows(
      `COPY (SELECT i::TINYINT AS t_tinyint, (i * 300)::SMALLINT AS t_smallint, (i * 100000)::INTEGER AS t_integer,
          (i * 10000000000)::BIGINT AS t_bigint, (i / 8)::REAL AS t_real, (i / 3)::DOUBLE AS t_double,
          (i / 7)::DECIMAL(4,2) AS t_dec4, (i * 1234.567)::DECIMAL(15,3) AS t_dec15,
          (i::DECIMAL(38,0) * 1000000000000000000000::DECIMAL(38,0) + 0.123456789)::DECIMAL(38,10) AS t_dec38,
          'v' || i || CASE WHEN i % 3 = 0 THEN 'é' ELSE '' END AS t_varchar, (i % 2 = 0) AS t_boolean,
          DATE '1969-12-25' + i::INTEGER AS t_date, TIMESTAMP '2001-02-03 04:05:06.789012' + to_hours(i) AS t_timestamp,
          CASE WHEN i % 4 = 0 THEN NULL ELSE i END AS t_maybe
        FROM range(-20, 80) r(i))
       TO '${path.join(extra, 'types', 'part-0.parquet')}' (FORMAT parquet, COMPRESSION gzip, ROW_GROUP_SIZE 40)`,
    );
    mkdirSync(path.join(dir, 'bad', 'mismatch'), { recursive: true });
    await db.rows(`COPY (SELECT 1::INTEGER AS a, 'x' AS b) TO '${path.join(dir, 'bad', 'mismatch', 'a.parquet')}' (FORMAT parquet)`);
    await db.rows(`COPY (SELECT 1.5::DOUBLE AS a, 'x' AS b) TO '${path.join(dir, 'bad', 'mismatch', 'b.parquet')}' (FORMAT parquet)`);
    mkdirSync(path.join(dir, 'bad', 'empty'), { recursive: true });
    await db.rows(`COPY (SELECT 1::INTEGER AS a, 2.5::DECIMAL(10,2) AS b WHERE false) TO '${path.join(dir, 'bad', 'empty', 'a.parquet')}' (FORMAT parquet)`);
  } finally {
    db.close();
  }
}

function buildBad(dir: string): void {
  const bad = path.join(dir, 'bad');
  const good = readFileSync(path.join(dir, 'extra', 'types', 'part-0.parquet'));
  mkdirSync(path.join(bad, 'truncated'), { recursive: true });
  writeFileSync(path.join(bad, 'truncated', 'part-0.parquet'), good.subarray(0, Math.floor(good.length * 0.6)));
  mkdirSync(path.join(bad, 'not_parquet'), { recursive: true });
  writeFileSync(path.join(bad, 'not_parquet', 'part-0.parquet'), Buffer.from('this is a CSV file,really\n1,2\n'.repeat(20)));
  mkdirSync(path.join(bad, 'only_junk'), { recursive: true });
  writeFileSync(path.join(bad, 'only_junk', '_SUCCESS'), '');
  // A chunk corrupted in the middle of its data: the footer is intact, decoding is not.
  mkdirSync(path.join(bad, 'corrupt_chunk'), { recursive: true });
  const corrupt = Buffer.from(good);
  for (let i = 200; i < 400; i++) corrupt[i] = (corrupt[i]! * 31 + 7) & 0xff;
  writeFileSync(path.join(bad, 'corrupt_chunk', 'part-0.parquet'), corrupt);
}
