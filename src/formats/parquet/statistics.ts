/**
 * Row-group statistics in the engine's Value representation, for pruning.
 *
 * A statistic is only returned when it is trustworthy; otherwise null, and the planner then
 * keeps the row group (always safe). Trust rules, from the Parquet format's history:
 * - `min_value`/`max_value` follow the column's sort order when the file declares
 *   TypeDefinedOrder for it (every current writer: DuckDB, arrow-rs, parquet-mr ≥ 1.10).
 * - The deprecated `min`/`max` were compared as signed values by old writers, whatever the
 *   logical type: right for booleans, signed integers (and what is stored in them: dates,
 *   timestamps, int-backed decimals, UINT_8/16, which are never negative), and floats; wrong for
 *   strings, byte-array decimals, UINT_32/64 and INT96. Only the former are used.
 * - NaN bounds, undecodable bytes and min > max mean the writer's stats are unusable.
 * - Truncated string bounds (is_*_value_exact = false) are still valid bounds, so they are kept:
 *   min ≤ every value ≤ max, but the bounds need not occur in the data.
 */
import { InternalError } from '../../errors.ts';
import { MAX_EXACT_F64 } from '../../types/vector.ts';
import type { Value } from '../../types/value.ts';
import { toSafeNumber } from './columnChunks.ts';
import type { ParquetFooter } from './footer.ts';
import { rawStatistics, type ColumnOrder, type RawStatistics } from './rawStatistics.ts';
import { findColumn, type ParquetColumn } from './schema.ts';

export interface ColumnStatistics {
  readonly min: Value | null;
  readonly max: Value | null;
  /** null when the writer did not record it. */
  readonly nullCount: number | null;
  readonly rowCount: number;
}

/** Statistics of `columns` (by name) in one row group, in the order given. */
export function rowGroupStatistics(footer: ParquetFooter, rowGroup: number, columns: readonly string[]): ColumnStatistics[] {
  const info = footer.rowGroups[rowGroup];
  if (info === undefined || !Number.isInteger(rowGroup)) {
    throw new InternalError(`row group ${rowGroup} out of range: ${footer.uri} has ${footer.rowGroups.length}`);
  }
  const raw = rawStatistics(footer);
  return columns.map((name) => {
    const col = findColumn(footer.columns, name);
    const unknown: ColumnStatistics = { min: null, max: null, nullCount: null, rowCount: info.numRows };
    if (col === undefined || col.leafIndex === null || col.unsupported !== null) return unknown;
    const stats = raw.chunks[rowGroup]?.[col.leafIndex] ?? null;
    if (stats === null) return unknown;
    const order = raw.columnOrders === null ? null : (raw.columnOrders[col.leafIndex] ?? 'unknown');
    const { min, max } = trustedBounds(stats, col, order);
    return { min, max, nullCount: stats.nullCount === undefined ? null : toSafeNumber(stats.nullCount), rowCount: info.numRows };
  });
}

/** Statistics of one column in one row group. */
export function columnStatistics(footer: ParquetFooter, rowGroup: number, column: string): ColumnStatistics {
  return rowGroupStatistics(footer, rowGroup, [column])[0]!;
}

/** The min/max of a chunk's raw statistics that the trust rules above allow, as Values. */
export function trustedBounds(stats: RawStatistics, col: ParquetColumn, order: ColumnOrder | null): { min: Value | null; max: Value | null } {
  const signedSafe = signedOrderIsCorrect(col);
  // Without a declared order the new fields' meaning is undefined, but for signed-order types
  // every writer agrees on it.
  const useNew = order === 'type-defined' || (order === null && signedSafe);
  let min: Value | null = null;
  let max: Value | null = null;
  if (useNew && (stats.minValue !== undefined || stats.maxValue !== undefined)) {
    min = decodeStatistic(stats.minValue, col);
    max = decodeStatistic(stats.maxValue, col);
  } else if (signedSafe) {
    min = decodeStatistic(stats.min, col);
    max = decodeStatistic(stats.max, col);
  }
  if (isNaNValue(min) || isNaNValue(max)) return { min: null, max: null };
  if (min !== null && max !== null && greater(min, max)) return { min: null, max: null };
  return { min, max };
}

function signedOrderIsCorrect(col: ParquetColumn): boolean {
  switch (col.physical.type) {
    case 'BOOLEAN':
    case 'FLOAT':
    case 'DOUBLE':
      return true;
    case 'INT32':
      // UINT_8/16 values are never negative, so signed order is unsigned order; UINT_32 is not.
      return !col.physical.unsigned || col.type.kind === 'smallint' || col.type.kind === 'integer';
    case 'INT64':
      return !col.physical.unsigned;
    default:
      return false;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One statistic's bytes as a Value of the column's SQL type; null if absent or malformed. */
export function decodeStatistic(bytes: Uint8Array | undefined, col: ParquetColumn): Value | null {
  if (bytes === undefined) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const physical = col.physical.type;
  const t = col.type;
  switch (t.kind) {
    case 'boolean':
      return bytes.length >= 1 ? bytes[0] !== 0 : null;
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'date':
      return physical === 'INT32' && bytes.length === 4 ? view.getInt32(0, true) : null;
    case 'bigint':
      if (physical === 'INT64' && bytes.length === 8) return view.getBigInt64(0, true);
      if (physical === 'INT32' && bytes.length === 4) return BigInt(col.physical.unsigned ? view.getUint32(0, true) : view.getInt32(0, true));
      return null;
    case 'real':
      return physical === 'FLOAT' && bytes.length === 4 ? view.getFloat32(0, true) : null;
    case 'double':
      return physical === 'DOUBLE' && bytes.length === 8 ? view.getFloat64(0, true) : null;
    case 'decimal':
      return decodeDecimal(bytes, view, col);
    case 'timestamp':
      return decodeTimestamp(view, col);
    case 'varchar':
      try {
        return utf8.decode(bytes);
      } catch {
        return null;
      }
    case 'varbinary':
      return bytes.slice();
    default:
      return null;
  }
}

function decodeDecimal(bytes: Uint8Array, view: DataView, col: ParquetColumn): bigint | null {
  switch (col.physical.type) {
    case 'INT32':
      return bytes.length === 4 ? BigInt(view.getInt32(0, true)) : null;
    case 'INT64':
      if (bytes.length !== 8) return null;
      // UINT_64 is read as decimal(20,0).
      return col.physical.unsigned ? view.getBigUint64(0, true) : view.getBigInt64(0, true);
    case 'BYTE_ARRAY':
    case 'FIXED_LEN_BYTE_ARRAY':
      return bytes.length === 0 ? null : bigEndianSigned(bytes);
    default:
      return null;
  }
}

/** Big-endian two's complement bytes (Parquet's byte-array DECIMAL encoding) as a bigint. */
export function bigEndianSigned(bytes: Uint8Array): bigint {
  let v = 0n;
  let i = 0;
  // Whole 32-bit words first: far fewer bigint operations for 16-byte decimals.
  for (; i + 4 <= bytes.length; i += 4) {
    v = (v << 32n) | BigInt(((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0);
  }
  for (; i < bytes.length; i++) v = (v << 8n) | BigInt(bytes[i]!);
  return bytes[0]! & 0x80 ? v - (1n << BigInt(bytes.length * 8)) : v;
}

const MAX_SAFE = BigInt(MAX_EXACT_F64);

function decodeTimestamp(view: DataView, col: ParquetColumn): number | null {
  // INT96's sort order is undefined in the format: its statistics are never trusted.
  if (col.physical.type !== 'INT64' || view.byteLength !== 8) return null;
  const raw = view.getBigInt64(0, true);
  let micros: bigint;
  switch (col.physical.timeUnit) {
    case 'MILLIS':
      micros = raw * 1000n;
      break;
    case 'MICROS':
      micros = raw;
      break;
    case 'NANOS':
      micros = floorDiv(raw, 1000n);
      break;
    default:
      return null;
  }
  // A bound that a double cannot hold exactly could round to the wrong side of the data.
  return micros > MAX_SAFE || micros < -MAX_SAFE ? null : Number(micros);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function isNaNValue(v: Value | null): boolean {
  return typeof v === 'number' && Number.isNaN(v);
}

function greater(a: Value, b: Value): boolean {
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) return a > b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a && !b;
  // Strings and bytes: Parquet orders them by unsigned bytes (UTF-8 code points); leave as is.
  return false;
}
