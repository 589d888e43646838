/** Partials and results round-trip through the binary encoding, every storage kind and type. */
import { describe, expect, it } from 'vitest';
import { decodeBatch, encodeBatch } from '../../../src/exec/serde.ts';
import { arrayOf, BIGINT, BOOLEAN, DATE, decimal, DOUBLE, INTEGER, timestamp, VARBINARY, VARCHAR, type SqlType } from '../../../src/types/sqlType.ts';
import type { Value } from '../../../src/types/value.ts';
import { constVector, encodeUtf8, vectorFromValues, vectorValues, type Vector } from '../../../src/types/vector.ts';

const cases: [string, SqlType, Value[]][] = [
  ['boolean', BOOLEAN, [true, null, false]],
  ['integer', INTEGER, [1, -2, null]],
  ['bigint beyond 2^53', BIGINT, [2n ** 62n, -1n, null]],
  ['decimal(38,10)', decimal(38, 10), [10n ** 37n, null, -5n]],
  ['double', DOUBLE, [1.5, Number.NaN, null]],
  ['varchar', VARCHAR, ['é', '', null]],
  ['varbinary', VARBINARY, [new Uint8Array([0, 255]), null, new Uint8Array(0)]],
  ['date', DATE, [-1, 10_000, null]],
  ['timestamp(6)', timestamp(6), [1_600_000_000_123_456, null, 0]],
  ['array(varchar) (distinct states)', arrayOf(VARCHAR), [['a', 'b'], [], null]],
];

describe('batch serde', () => {
  it.each(cases)('%s', (_name, type, values) => {
    const v = vectorFromValues(type, values);
    const out = decodeBatch(encodeBatch({ columns: [v], length: values.length }, [type], { note: 7n }), 'test');
    expect(vectorValues(out.batch.columns[0]!)).toEqual(values);
    expect(out.types).toEqual([type]);
    expect(out.meta).toEqual({ note: 7n });
  });

  it('keeps dictionaries, constants and binary strings as they are', () => {
    const dict: Vector = { storage: 'dict', type: VARCHAR, length: 4, nulls: Uint8Array.from([0, 0, 1, 0]), codes: Int32Array.from([1, 0, 0, 1]), dictionary: vectorFromValues(VARCHAR, ['x', 'y']) };
    const bytes = encodeUtf8('héllo');
    const binary: Vector = { storage: 'binary', type: VARCHAR, length: 2, nulls: null, offsets: Int32Array.from([0, 3, bytes.length]), bytes }; // 'hé' is 3 UTF-8 bytes
    const out = decodeBatch(
      encodeBatch({ columns: [dict, constVector(INTEGER, 5, 4)], length: 4 }, [VARCHAR, INTEGER]),
      'test',
    );
    expect(out.batch.columns[0]!.storage).toBe('dict');
    expect(vectorValues(out.batch.columns[0]!)).toEqual(['y', 'x', null, 'y']);
    expect(vectorValues(out.batch.columns[1]!)).toEqual([5, 5, 5, 5]);
    expect(vectorValues(decodeBatch(encodeBatch({ columns: [binary], length: 2 }, [VARCHAR]), 'b').batch.columns[0]!)).toEqual(['hé', 'llo']);
  });

  it('names the object when it is not a partial', () => {
    expect(() => decodeBatch(new Uint8Array([1, 2, 3]), 's3://scratch/q/partials/L0/000001.sqb')).toThrow(
      /Corrupt intermediate object s3:\/\/scratch\/q\/partials\/L0\/000001\.sqb/,
    );
  });
});
