import type { SchemaElement } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import type { RawStatistics } from '../../../src/formats/parquet/rawStatistics.ts';
import { mapParquetSchema, type ParquetColumn } from '../../../src/formats/parquet/schema.ts';
import { bigEndianSigned, decodeStatistic, trustedBounds } from '../../../src/formats/parquet/statistics.ts';

function column(el: Partial<SchemaElement>): ParquetColumn {
  return mapParquetSchema([{ name: 'schema', num_children: 1 }, { name: 'c', repetition_type: 'OPTIONAL', ...el }]).columns[0]!;
}

function le(bytes: number, write: (v: DataView) => void): Uint8Array {
  const out = new Uint8Array(bytes);
  write(new DataView(out.buffer));
  return out;
}
const i32 = (x: number): Uint8Array => le(4, (v) => v.setInt32(0, x, true));
const i64 = (x: bigint): Uint8Array => le(8, (v) => v.setBigInt64(0, x, true));
const u64 = (x: bigint): Uint8Array => le(8, (v) => v.setBigUint64(0, x, true));
const f32 = (x: number): Uint8Array => le(4, (v) => v.setFloat32(0, x, true));
const f64 = (x: number): Uint8Array => le(8, (v) => v.setFloat64(0, x, true));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Big-endian two's complement of `v` in `width` bytes (Parquet's byte-array decimal). */
function be(v: bigint, width: number): Uint8Array {
  const out = new Uint8Array(width);
  let x = BigInt.asUintN(width * 8, v);
  for (let i = width - 1; i >= 0; i--, x >>= 8n) out[i] = Number(x & 0xffn);
  return out;
}

function raw(partial: Partial<RawStatistics>): RawStatistics {
  return { min: undefined, max: undefined, minValue: undefined, maxValue: undefined, nullCount: undefined, ...partial };
}

describe('bigEndianSigned', () => {
  it.each([0n, 1n, -1n, 127n, -128n, 255n, 2n ** 53n + 1n, -(2n ** 100n) + 7n, 10n ** 38n - 1n, -(10n ** 38n) + 1n])('decodes %s', (v) => {
    for (const width of [16, 17]) expect(bigEndianSigned(be(v, width))).toBe(v);
  });

  it('handles widths that are not a multiple of 4', () => {
    expect(bigEndianSigned(new Uint8Array([0xff, 0xfe]))).toBe(-2n);
    expect(bigEndianSigned(new Uint8Array([0x01, 0x00, 0x00, 0x00, 0x00]))).toBe(2n ** 32n);
  });
});

describe('decodeStatistic: exact values in the Value representation of the SQL type', () => {
  it.each<[string, Partial<SchemaElement>, Uint8Array, unknown]>([
    ['integer', { type: 'INT32' }, i32(-7), -7],
    ['tinyint', { type: 'INT32', converted_type: 'INT_8' }, i32(-128), -128],
    ['date (pre-1970)', { type: 'INT32', converted_type: 'DATE' }, i32(-25567), -25567],
    ['bigint beyond 2^53', { type: 'INT64' }, i64(2n ** 62n + 3n), 2n ** 62n + 3n],
    ['UINT_32 as bigint', { type: 'INT32', converted_type: 'UINT_32' }, i32(-1), 4294967295n],
    ['UINT_64 as decimal(20,0)', { type: 'INT64', converted_type: 'UINT_64' }, u64(2n ** 64n - 1n), 2n ** 64n - 1n],
    ['INT32 decimal', { type: 'INT32', converted_type: 'DECIMAL', precision: 4, scale: 2 }, i32(-9999), -9999n],
    ['INT64 decimal beyond 2^53', { type: 'INT64', converted_type: 'DECIMAL', precision: 18, scale: 2 }, i64(999999999999999999n), 999999999999999999n],
    [
      'FLBA decimal(38,10)',
      { type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, converted_type: 'DECIMAL', precision: 38, scale: 10 },
      be(-(10n ** 37n) - 12345n, 16),
      -(10n ** 37n) - 12345n,
    ],
    ['BYTE_ARRAY decimal', { type: 'BYTE_ARRAY', converted_type: 'DECIMAL', precision: 30, scale: 5 }, be(123456789012345678901234n, 11), 123456789012345678901234n],
    ['real', { type: 'FLOAT' }, f32(0.1), Math.fround(0.1)],
    ['double', { type: 'DOUBLE' }, f64(-1.5e300), -1.5e300],
    ['boolean', { type: 'BOOLEAN' }, new Uint8Array([1]), true],
    ['varchar', { type: 'BYTE_ARRAY', converted_type: 'UTF8' }, utf8('héllo 🙂'), 'héllo 🙂'],
    ['varbinary', { type: 'BYTE_ARRAY' }, new Uint8Array([0, 255, 3]), new Uint8Array([0, 255, 3])],
    ['timestamp millis', { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' }, i64(-1500n), -1500000],
    ['timestamp micros', { type: 'INT64', converted_type: 'TIMESTAMP_MICROS' }, i64(1700000000123456n), 1700000000123456],
    [
      'timestamp nanos (floored to micros)',
      { type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'NANOS' } },
      i64(-1500n),
      -2,
    ],
  ])('%s', (_, el, bytes, expected) => {
    expect(decodeStatistic(bytes, column(el))).toEqual(expected);
  });

  it.each<[string, Partial<SchemaElement>, Uint8Array]>([
    ['a short INT32', { type: 'INT32' }, new Uint8Array([1, 2])],
    ['invalid UTF-8', { type: 'BYTE_ARRAY', converted_type: 'UTF8' }, new Uint8Array([0xc3])],
    ['INT96 timestamps (undefined order)', { type: 'INT96' }, new Uint8Array(12)],
    ['a timestamp beyond 2^53 microseconds', { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' }, i64(2n ** 60n)],
  ])('is null for %s', (_, el, bytes) => {
    expect(decodeStatistic(bytes, column(el))).toBeNull();
  });
});

describe('trustedBounds', () => {
  const int = column({ type: 'INT32' });
  const str = column({ type: 'BYTE_ARRAY', converted_type: 'UTF8' });
  const dec = column({ type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, converted_type: 'DECIMAL', precision: 38, scale: 2 });
  const u32 = column({ type: 'INT32', converted_type: 'UINT_32' });
  const dbl = column({ type: 'DOUBLE' });

  it('prefers min_value/max_value under TypeDefinedOrder', () => {
    expect(trustedBounds(raw({ min: i32(0), max: i32(1), minValue: i32(-5), maxValue: i32(5) }), int, 'type-defined')).toEqual({ min: -5, max: 5 });
    expect(trustedBounds(raw({ minValue: utf8('a'), maxValue: utf8('z') }), str, 'type-defined')).toEqual({ min: 'a', max: 'z' });
  });

  it('uses the deprecated min/max only where signed order is right', () => {
    expect(trustedBounds(raw({ min: i32(-3), max: i32(4) }), int, null)).toEqual({ min: -3, max: 4 });
    expect(trustedBounds(raw({ min: f64(-1), max: f64(2) }), dbl, null)).toEqual({ min: -1, max: 2 });
    expect(trustedBounds(raw({ min: utf8('a'), max: utf8('z') }), str, null)).toEqual({ min: null, max: null });
    expect(trustedBounds(raw({ min: be(1n, 16), max: be(2n, 16) }), dec, null)).toEqual({ min: null, max: null });
    expect(trustedBounds(raw({ min: i32(-1), max: i32(1) }), u32, null)).toEqual({ min: null, max: null });
  });

  it('ignores min_value/max_value of byte arrays without a declared order', () => {
    expect(trustedBounds(raw({ minValue: utf8('a'), maxValue: utf8('z') }), str, null)).toEqual({ min: null, max: null });
    expect(trustedBounds(raw({ minValue: utf8('a'), maxValue: utf8('z') }), str, 'unknown')).toEqual({ min: null, max: null });
  });

  it('decodes unsigned min_value/max_value in unsigned order', () => {
    expect(trustedBounds(raw({ minValue: i32(5), maxValue: i32(-1) }), u32, 'type-defined')).toEqual({ min: 5n, max: 4294967295n });
  });

  it('drops NaN and inverted bounds', () => {
    expect(trustedBounds(raw({ minValue: f64(Number.NaN), maxValue: f64(1) }), dbl, 'type-defined')).toEqual({ min: null, max: null });
    expect(trustedBounds(raw({ minValue: i32(9), maxValue: i32(1) }), int, 'type-defined')).toEqual({ min: null, max: null });
  });

  it('keeps a bound that is present when the other is missing', () => {
    expect(trustedBounds(raw({ minValue: i32(9) }), int, 'type-defined')).toEqual({ min: 9, max: null });
  });
});
