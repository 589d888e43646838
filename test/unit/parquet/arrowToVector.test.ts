import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { arrowToVector } from '../../../src/formats/parquet/arrowToVector.ts';
import { DataError } from '../../../src/errors.ts';
import { BIGINT, BOOLEAN, DATE, DOUBLE, INTEGER, REAL, SMALLINT, VARBINARY, VARCHAR, decimal, timestamp, type SqlType } from '../../../src/types/sqlType.ts';
import { valueAt, vectorValues, type Vector } from '../../../src/types/vector.ts';

function convert(v: arrow.Vector, type: SqlType): Vector {
  return arrowToVector(v.data, type, 'column "c"');
}

/**
 * A Decimal128 vector from unscaled values (arrow-js builds these from 4 × u32 words). A NULL
 * slot holds `nullBytes` (unspecified in Arrow: decoders may leave anything there).
 */
function decimalVector(values: (bigint | null)[], precision: number, scale: number, nullBytes = 0n): arrow.Vector {
  const words = new Uint32Array(4 * values.length);
  const valid = new Uint8Array(Math.ceil(values.length / 8));
  values.forEach((v, i) => {
    if (v !== null) valid[i >> 3]! |= 1 << (i & 7);
    let x = BigInt.asUintN(128, v ?? nullBytes);
    for (let w = 0; w < 4; w++, x >>= 32n) words[4 * i + w] = Number(x & 0xffffffffn);
  });
  const nullCount = values.filter((v) => v === null).length;
  const type = new arrow.Decimal(scale, precision, 128);
  return arrow.makeVector(arrow.makeData({ type, length: values.length, nullCount, nullBitmap: nullCount ? valid : null, data: words }));
}

describe('arrowToVector', () => {
  it('copies narrow integers into i32 with nulls', () => {
    const v = convert(arrow.vectorFromArray([1, null, -3], new arrow.Int16()), SMALLINT);
    expect(v.storage).toBe('i32');
    expect(vectorValues(v)).toEqual([1, null, -3]);
  });

  it('keeps Int64 within ±(2^53-1) as f64 and goes to bigints beyond', () => {
    const small = convert(arrow.vectorFromArray([0n, -(2n ** 53n - 1n), 2n ** 53n - 1n], new arrow.Int64()), BIGINT);
    expect(small.storage).toBe('f64');
    expect(vectorValues(small)).toEqual([0n, -(2n ** 53n - 1n), 2n ** 53n - 1n]);
    const big = convert(arrow.vectorFromArray([1n, 2n ** 53n, -(2n ** 63n)], new arrow.Int64()), BIGINT);
    expect(big.storage).toBe('big');
    expect(vectorValues(big)).toEqual([1n, 2n ** 53n, -(2n ** 63n)]);
    const edge = convert(arrow.vectorFromArray([-(2n ** 53n)], new arrow.Int64()), BIGINT);
    expect(edge.storage).toBe('big');
  });

  it('reads UInt32 as bigint and UInt64 as decimal(20,0), beyond 2^63 too', () => {
    expect(vectorValues(convert(arrow.vectorFromArray([4294967295], new arrow.Uint32()), BIGINT))).toEqual([4294967295n]);
    const u = convert(arrow.vectorFromArray([5n, 2n ** 64n - 1n], new arrow.Uint64()), decimal(20, 0));
    expect(u.storage).toBe('big');
    expect(vectorValues(u)).toEqual([5n, 2n ** 64n - 1n]);
  });

  it('reads Decimal128 words exactly (f64 when small, bigints when not), NULL slots ignored', () => {
    const small = convert(decimalVector([1234n, -1n, null, -(2n ** 53n - 1n)], 18, 2), decimal(18, 2));
    expect(small.storage).toBe('f64');
    expect(vectorValues(small)).toEqual([1234n, -1n, null, -(2n ** 53n - 1n)]);
    const values = [10n ** 37n + 7n, -(10n ** 37n) - 7n, 2n ** 64n, -(2n ** 64n), 3n, null, -(2n ** 63n)];
    const big = convert(decimalVector(values, 38, 10), decimal(38, 10));
    expect(big.storage).toBe('big');
    expect(vectorValues(big)).toEqual(values);
  });

  it.each([
    ['whole column', undefined],
    ['a few selected rows', Int32Array.of(1, 5)],
    ['most rows selected', Int32Array.of(0, 1, 2, 3, 5)],
  ])('ignores what a NULL slot holds (%s)', (_name, sel) => {
    for (const garbage of [2n ** 100n, 2n ** 53n, -(2n ** 53n), -1n]) {
      const values = [7n, -(2n ** 53n - 1n), null, 2n ** 53n - 1n, null, -3n];
      const v = arrowToVector(decimalVector(values, 18, 0, garbage).data, decimal(18, 0), 'c', { ...(sel ? { sel } : {}) });
      const rows = sel ?? Int32Array.from(values.keys());
      for (const i of rows) expect(valueAt(v, i)).toBe(values[i]);
    }
  });

  it.each([
    ['whole column', undefined],
    ['a few selected rows', Int32Array.of(0, 3)],
    ['most rows selected', Int32Array.of(0, 1, 3, 4)],
  ])('goes to bigints when a selected value needs them, from either source (%s)', (_name, sel) => {
    for (const fromInt64 of [false, true]) {
      const values = [1n, -(2n ** 53n), 5n, 2n ** 53n, 2n ** 62n, null];
      const v = arrowToVector(decimalVector(values, 18, 0).data, decimal(18, 0), 'c', { ...(sel ? { sel } : {}), source: { fromInt64 } });
      const rows = sel ?? Int32Array.from(values.keys());
      expect(v.storage).toBe('big');
      for (const i of rows) expect(valueAt(v, i)).toBe(values[i]);
    }
  });

  it('checks the upper words of a Decimal128 that did not come from a 64-bit integer', () => {
    const values = [2n ** 64n + 5n, -(2n ** 64n) + 5n, 2n ** 96n, 1n];
    for (const sel of [undefined, Int32Array.of(0), Int32Array.of(0, 1, 2)]) {
      const v = arrowToVector(decimalVector(values, 38, 0).data, decimal(38, 0), 'c', { ...(sel ? { sel } : {}), source: { fromInt64: false } });
      expect(v.storage).toBe('big');
      for (const i of sel ?? [0, 1, 2, 3]) expect(valueAt(v, i)).toBe(values[i]);
    }
  });

  it('rejects a Decimal whose scale differs from the column type', () => {
    expect(() => convert(decimalVector([1n], 10, 2), decimal(10, 3))).toThrow(DataError);
  });

  it('converts timestamps of every unit to microseconds, flooring nanoseconds', () => {
    const nanos = new BigInt64Array([-1500n, 1700000000123456789n, -1n, 0n]);
    const data = arrow.makeData({ type: new arrow.TimestampNanosecond(), length: 4, nullCount: 0, data: nanos });
    expect(vectorValues(arrowToVector([data], timestamp(6), 'c'))).toEqual([-2, 1700000000123456, -1, 0]);
    const millis = arrow.makeData({ type: new arrow.TimestampMillisecond(), length: 2, nullCount: 0, data: new BigInt64Array([-1n, 1700000000123n]) });
    expect(vectorValues(arrowToVector([millis], timestamp(3), 'c'))).toEqual([-1000, 1700000000123000]);
    const secs = arrow.makeData({ type: new arrow.TimestampSecond(), length: 1, nullCount: 0, data: new BigInt64Array([-86400n]) });
    expect(vectorValues(arrowToVector([secs], timestamp(0), 'c'))).toEqual([-86400000000]);
  });

  it('copies dates, floats and booleans', () => {
    const days = arrow.makeData({ type: new arrow.DateDay(), length: 3, nullCount: 0, data: new Int32Array([-719162, 0, 2932896]) });
    expect(vectorValues(arrowToVector([days], DATE, 'c'))).toEqual([-719162, 0, 2932896]);
    expect(vectorValues(convert(arrow.vectorFromArray([0.1, null], new arrow.Float32()), REAL))).toEqual([Math.fround(0.1), null]);
    expect(vectorValues(convert(arrow.vectorFromArray([1e300, -0.5], new arrow.Float64()), DOUBLE))).toEqual([1e300, -0.5]);
    const bools = [true, false, null, true, true, false, false, true, true, null, false];
    const b = convert(arrow.vectorFromArray(bools, new arrow.Bool()), BOOLEAN);
    expect(b.storage).toBe('bool');
    expect(vectorValues(b)).toEqual(bools);
  });

  it('copies strings and binaries with offsets re-based to 0, across chunks', () => {
    const a = arrow.vectorFromArray(['héllo', '', null], new arrow.Utf8());
    const b = arrow.vectorFromArray(['🙂', 'x'], new arrow.Utf8());
    const v = arrowToVector([...a.data, ...b.data], VARCHAR, 'c');
    expect(v.storage).toBe('binary');
    expect(vectorValues(v)).toEqual(['héllo', '', null, '🙂', 'x']);
    const bin = convert(arrow.vectorFromArray([new Uint8Array([0, 255]), new Uint8Array([])], new arrow.Binary()), VARBINARY);
    expect(vectorValues(bin)).toEqual([new Uint8Array([0, 255]), new Uint8Array([])]);
    const fixed = arrow.makeData({ type: new arrow.FixedSizeBinary(2), length: 2, nullCount: 0, data: new Uint8Array([1, 2, 3, 4]) });
    expect(vectorValues(arrowToVector([fixed], VARBINARY, 'c'))).toEqual([new Uint8Array([1, 2]), new Uint8Array([3, 4])]);
  });

  it('keeps dictionary-encoded strings as codes into a string dictionary, merging per-chunk dictionaries', () => {
    const type = new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32());
    const a = arrow.vectorFromArray(['a', 'b', null, 'a'], type);
    const b = arrow.vectorFromArray(['c', 'a'], type);
    const v = arrowToVector([...a.data, ...b.data], VARCHAR, 'c');
    expect(v.storage).toBe('dict');
    if (v.storage !== 'dict') return;
    expect(v.dictionary.storage).toBe('str');
    expect(vectorValues(v)).toEqual(['a', 'b', null, 'a', 'c', 'a']);
  });

  it('gives an empty vector of the right type for no rows', () => {
    expect(arrowToVector([], INTEGER, 'c')).toMatchObject({ storage: 'i32', length: 0 });
  });

  it('refuses an Arrow type that does not match the column type, naming the column', () => {
    expect(() => convert(arrow.vectorFromArray(['x'], new arrow.Utf8()), INTEGER)).toThrow(/column "c" decodes as Arrow Utf8, which cannot be read as integer/);
  });
});
