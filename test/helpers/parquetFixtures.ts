/**
 * Parquet fixtures written by DuckDB into a temporary directory, and DuckDB's own reading of
 * them as exact native values (unscaled decimals, days, micros) converted to our Value
 * representation, so readers can be compared value by value.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DuckDBBlobValue,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBInstance,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { SqlType } from '../../src/types/sqlType.ts';
import type { Value } from '../../src/types/value.ts';

export type Codec = 'zstd' | 'snappy' | 'gzip' | 'uncompressed';

export interface FixtureFile {
  readonly path: string;
  readonly uri: string;
  readonly size: number;
}

export interface WriteOptions {
  readonly codec?: Codec;
  /** DuckDB rounds row groups up to multiples of 2048 rows. */
  readonly rowGroupSize?: number;
}

export interface ParquetFixtures {
  readonly dir: string;
  /** `COPY (query) TO '<dir>/<name>'` as Parquet. */
  write(name: string, query: string, opts?: WriteOptions): Promise<FixtureFile>;
  /** Raw bytes as a file in the fixture directory (corrupt and hand-made files). */
  writeBytes(name: string, bytes: Uint8Array): Promise<FixtureFile>;
  /** Rows as DuckDB's native values. */
  rows(sql: string): Promise<DuckDBValue[][]>;
  run(sql: string): Promise<void>;
  close(): Promise<void>;
}

export async function openParquetFixtures(): Promise<ParquetFixtures> {
  const dir = await mkdtemp(path.join(tmpdir(), 'squall-parquet-'));
  const instance = await DuckDBInstance.create(':memory:');
  const connection: DuckDBConnection = await instance.connect();
  // One thread: deterministic row order and row group boundaries.
  await connection.run('SET threads = 1');
  const fileOf = async (p: string): Promise<FixtureFile> => ({ path: p, uri: pathToFileURL(p).href, size: (await stat(p)).size });
  return {
    dir,
    async write(name, query, opts = {}) {
      const p = path.join(dir, name);
      const codec = opts.codec ?? 'zstd';
      const rg = opts.rowGroupSize ?? 2048;
      await connection.run(`COPY (${query}) TO ${sqlLiteral(p)} (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE ${rg})`);
      return fileOf(p);
    },
    async writeBytes(name, bytes) {
      const p = path.join(dir, name);
      await writeFile(p, bytes);
      return fileOf(p);
    },
    async rows(sql) {
      return (await connection.runAndReadAll(sql)).getRows();
    },
    async run(sql) {
      await connection.run(sql);
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function sqlLiteral(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** A DuckDB value as our Value of `type` (see src/types/value.ts). */
export function duckToValue(v: DuckDBValue, type: SqlType): Value {
  if (v === null) return null;
  switch (type.kind) {
    case 'boolean':
    case 'varchar':
    case 'real':
    case 'double':
      return v as boolean | string | number;
    case 'tinyint':
    case 'smallint':
    case 'integer':
      return Number(v);
    case 'bigint':
      return typeof v === 'bigint' ? v : BigInt(v as number);
    case 'decimal':
      if (v instanceof DuckDBDecimalValue) return v.value;
      return typeof v === 'bigint' ? v : BigInt(v as number);
    case 'date':
      if (v instanceof DuckDBDateValue) return v.days;
      break;
    case 'timestamp':
      if (v instanceof DuckDBTimestampValue || v instanceof DuckDBTimestampTZValue) return Number(v.micros);
      if (v instanceof DuckDBTimestampMillisecondsValue) return Number(v.millis) * 1000;
      if (v instanceof DuckDBTimestampNanosecondsValue) return Number(floorDiv(v.nanos, 1000n));
      break;
    case 'varbinary':
      // A plain copy: DuckDB hands out views of its own buffers.
      if (v instanceof DuckDBBlobValue) return new Uint8Array(v.bytes);
      break;
    default:
      break;
  }
  throw new Error(`no conversion of DuckDB value ${String(v)} to ${type.kind}`);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

/**
 * One row per i in [0, rows): every type DuckDB writes that Squall reads, with values that
 * stress the conversions (beyond 2^53, pre-1970, far future, non-ASCII, empty, sub-microsecond,
 * 90% NULL, all NULL, unsigned beyond the signed range).
 */
export function allTypesQuery(rows: number): string {
  return `SELECT
  (i % 256 - 128)::TINYINT AS t,
  (i * 7 % 65536 - 32768)::SMALLINT AS s,
  ((i * 2654435761) % 4294967296 - 2147483648)::INTEGER AS n,
  (i * 1000003 - 5000000000)::BIGINT AS b_small,
  CASE i % 5 WHEN 0 THEN 9223372036854775807 - i WHEN 1 THEN -9223372036854775807 + i ELSE (i - 5000) * 1000003 END::BIGINT AS b_big,
  (i * 3)::HUGEINT AS h,
  ((i - 5000) / 7)::REAL AS r,
  ((i - 5000) / 3.0)::DOUBLE AS d,
  ((((i * 37) % 19999) - 9999) / 100)::DECIMAL(4,2) AS d4,
  ((((i * 1234567891) % 1000000000000000) - 500000000000000)::DECIMAL(15,0) * 0.01::DECIMAL(3,2))::DECIMAL(15,2) AS d15,
  CAST(((i - 5000)::HUGEINT * 12345678901234567890123)::VARCHAR || '.' || lpad(((i * 7919) % 10000000000)::VARCHAR, 10, '0') AS DECIMAL(38,10)) AS d38,
  CASE i % 4 WHEN 0 THEN 'héllo wörld ' || i WHEN 1 THEN '' WHEN 2 THEN '日本語🙂' || i ELSE repeat('x', i % 50) END AS v,
  unhex(printf('%02x00ff%04x', i % 256, i)) AS bl,
  i % 3 = 0 AS bo,
  CASE i WHEN 0 THEN DATE '0001-01-01' WHEN 1 THEN DATE '9999-12-31' ELSE DATE '1900-01-01' + (i * 37)::INTEGER END AS dt,
  TIMESTAMP '1950-06-15 12:34:56.789012' + to_microseconds((i * 98765432109)::BIGINT) AS ts,
  (TIMESTAMP '1950-06-15 12:34:56.789012' + to_microseconds((i * 98765432109)::BIGINT))::TIMESTAMP_MS AS tsms,
  make_timestamp_ns(((i - 5000) * 123456789012345 + i % 1000)::BIGINT) AS tsns,
  TIMESTAMPTZ '2001-02-03 04:05:06.789+00' + to_microseconds((i * 1234567)::BIGINT) AS tstz,
  CASE WHEN i % 10 = 3 THEN i END::INTEGER AS nh,
  CASE WHEN i % 10 = 7 THEN 'v' || i END AS nhs,
  CASE WHEN i % 10 = 1 THEN i::DECIMAL(38,10) * 1000000000000000000 END::DECIMAL(38,10) AS nhd,
  NULL::INTEGER AS an,
  NULL::VARCHAR AS ans,
  (i % 256)::UTINYINT AS ut,
  (i * 13 % 65536)::USMALLINT AS us,
  (i::UBIGINT * 429497)::UINTEGER AS ui,
  (i::UHUGEINT * 1844674407370955)::UBIGINT AS ub
FROM range(${rows}) t(i)`;
}

/**
 * The first position where two value lists differ, or null. Keeps failures readable (a diff of
 * 10,000 values is neither) and comparisons fast.
 */
export function firstDifference(actual: readonly Value[], expected: readonly Value[]): { index: number; actual: Value; expected: Value } | null {
  const n = Math.max(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    const a = actual[i] ?? null;
    const e = expected[i] ?? null;
    if (i >= actual.length || i >= expected.length || !isDeepStrictEqual(a, e)) return { index: i, actual: a, expected: e };
  }
  return null;
}
