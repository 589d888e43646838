/**
 * The column-chunk statistics of a footer as the raw bytes the writer stored.
 *
 * hyparquet converts statistics to JS values, and some conversions lose information: DECIMAL in
 * INT64 or FIXED_LEN_BYTE_ARRAY becomes a float (not exact beyond 2^53, and 0.1-style scaling
 * errors), dates and timestamps become Date objects (milliseconds). Pruning must be exact, so
 * we re-walk the footer's thrift ourselves (with hyparquet's compact-protocol decoder, ~2 ms for
 * a 50-row-group footer) and keep only the bytes, decoded per SQL type in statistics.ts.
 */
import { deserializeTCompactProtocol } from 'hyparquet/src/thrift.js';
import type { ParquetFooter } from './footer.ts';

export interface RawStatistics {
  /** Deprecated fields: signed byte-wise order, whatever the logical type. */
  readonly min: Uint8Array | undefined;
  readonly max: Uint8Array | undefined;
  /** Current fields: in the column's sort order (see column orders). */
  readonly minValue: Uint8Array | undefined;
  readonly maxValue: Uint8Array | undefined;
  readonly nullCount: bigint | undefined;
}

export type ColumnOrder = 'type-defined' | 'unknown';

export interface RawFooterStatistics {
  /** Per leaf column; null when the file does not say (older writers). */
  readonly columnOrders: readonly ColumnOrder[] | null;
  /** [row group][leaf column]; null when the chunk has no statistics. */
  readonly chunks: readonly (readonly (RawStatistics | null)[])[];
}

const cache = new WeakMap<ParquetFooter, RawFooterStatistics>();

/** Field numbers from parquet.thrift. */
const FILE_ROW_GROUPS = 'field_4';
const FILE_COLUMN_ORDERS = 'field_7';
const ROW_GROUP_COLUMNS = 'field_1';
const CHUNK_META_DATA = 'field_3';
const META_STATISTICS = 'field_12';
const COLUMN_ORDER_TYPE_DEFINED = 'field_1';

export function rawStatistics(footer: ParquetFooter): RawFooterStatistics {
  const cached = cache.get(footer);
  if (cached !== undefined) return cached;
  const bytes = footer.bytes;
  // footer.ts already decoded these bytes once, so they are well-formed thrift.
  const decoded: unknown = deserializeTCompactProtocol({
    view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength - 8),
    offset: 0,
  });
  const file = asRecord(decoded);
  const rowGroups = asArray(file?.[FILE_ROW_GROUPS]) ?? [];
  const chunks = rowGroups.map((rg) =>
    (asArray(asRecord(rg)?.[ROW_GROUP_COLUMNS]) ?? []).map((chunk) => {
      const stats = asRecord(asRecord(asRecord(chunk)?.[CHUNK_META_DATA])?.[META_STATISTICS]);
      return stats === undefined ? null : toRaw(stats);
    }),
  );
  const orders = asArray(file?.[FILE_COLUMN_ORDERS]);
  const columnOrders =
    orders === undefined ? null : orders.map((o): ColumnOrder => (asRecord(o)?.[COLUMN_ORDER_TYPE_DEFINED] !== undefined ? 'type-defined' : 'unknown'));
  const out: RawFooterStatistics = { columnOrders, chunks };
  cache.set(footer, out);
  return out;
}

function toRaw(stats: Record<string, unknown>): RawStatistics {
  return {
    max: asBytes(stats['field_1']),
    min: asBytes(stats['field_2']),
    nullCount: asBigInt(stats['field_3']),
    maxValue: asBytes(stats['field_5']),
    minValue: asBytes(stats['field_6']),
  };
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) ? (v as Record<string, unknown>) : undefined;
}

function asArray(v: unknown): readonly unknown[] | undefined {
  return Array.isArray(v) ? (v as unknown[]) : undefined;
}

function asBytes(v: unknown): Uint8Array | undefined {
  return v instanceof Uint8Array ? v : undefined;
}

function asBigInt(v: unknown): bigint | undefined {
  if (typeof v === 'bigint') return v;
  return typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : undefined;
}
