/** Group ids: every storage kind, NULL keys, several batches, and the switch to string keys. */
import { describe, expect, it } from 'vitest';
import { GroupByHash } from '../../../src/exec/groupByHash.ts';
import { BIGINT, decimal, INTEGER, VARCHAR, type SqlType } from '../../../src/types/sqlType.ts';
import type { Value } from '../../../src/types/value.ts';
import { allRows, encodeUtf8, vectorFromValues, vectorValues, type Vector } from '../../../src/types/vector.ts';

function dict(values: (string | null)[]): Vector {
  const distinct = [...new Set(values.filter((v): v is string => v !== null))];
  const codes = Int32Array.from(values.map((v) => (v === null ? 0 : distinct.indexOf(v))));
  const nulls = values.some((v) => v === null) ? Uint8Array.from(values.map((v) => (v === null ? 1 : 0))) : null;
  return { storage: 'dict', type: VARCHAR, length: values.length, nulls, codes, dictionary: vectorFromValues(VARCHAR, distinct) };
}

function binary(values: string[]): Vector {
  const parts = values.map(encodeUtf8);
  const offsets = new Int32Array(values.length + 1);
  parts.forEach((p, i) => (offsets[i + 1] = offsets[i]! + p.length));
  const bytes = new Uint8Array(offsets[values.length]!);
  parts.forEach((p, i) => bytes.set(p, offsets[i]!));
  return { storage: 'binary', type: VARCHAR, length: values.length, nulls: null, offsets, bytes };
}

/** Group ids as a canonical labelling: equal keys ⇔ equal ids, ids in order of first appearance. */
function groupsOf(hash: GroupByHash, keys: Vector[]): number[] {
  return Array.from(hash.groupIds(keys, allRows(keys[0]!.length), keys[0]!.length));
}

describe('GroupByHash', () => {
  it('one key of each storage gives the same grouping', () => {
    const strings = ['a', 'b', 'a', 'c', 'b', 'a'];
    const expected = [0, 1, 0, 2, 1, 0];
    for (const v of [vectorFromValues(VARCHAR, strings), dict(strings), binary(strings)]) {
      expect(groupsOf(new GroupByHash([VARCHAR]), [v])).toEqual(expected);
    }
  });

  it('exact numbers group by value whatever the storage (f64 or bigint)', () => {
    const hash = new GroupByHash([decimal(20, 2)]);
    expect(groupsOf(hash, [vectorFromValues(decimal(20, 2), [5n, 7n, 5n])])).toEqual([0, 1, 0]);
    const big = vectorFromValues(decimal(20, 2), [7n, 10n ** 18n, 5n]);
    expect(big.storage).toBe('big');
    expect(groupsOf(hash, [big])).toEqual([1, 2, 0]);
    expect(vectorValues(hash.keyVectors()[0]!)).toEqual([5n, 7n, 10n ** 18n]);
  });

  it('NULL is a group of its own', () => {
    const hash = new GroupByHash([INTEGER]);
    expect(groupsOf(hash, [vectorFromValues(INTEGER, [1, null, 1, null, 2])])).toEqual([0, 1, 0, 1, 2]);
    expect(vectorValues(hash.keyVectors()[0]!)).toEqual([1, null, 2]);
  });

  it('several keys across batches keep their ids, with mixed storages per batch', () => {
    const hash = new GroupByHash([VARCHAR, VARCHAR]);
    const first = groupsOf(hash, [dict(['R', 'A', 'R', null]), dict(['F', 'F', 'O', 'F'])]);
    const second = groupsOf(hash, [vectorFromValues(VARCHAR, ['A', 'R', null, 'N']), binary(['F', 'O', 'F', 'O'])]);
    expect(first).toEqual([0, 1, 2, 3]);
    expect(second).toEqual([1, 2, 3, 4]);
    expect(hash.keyVectors().map(vectorValues)).toEqual([
      ['R', 'A', 'R', null, 'N'],
      ['F', 'F', 'O', 'F', 'O'],
    ]);
  });

  it('many distinct multi-column keys (beyond the dense and numeric paths) stay correct', () => {
    const types: SqlType[] = [BIGINT, BIGINT, BIGINT];
    const hash = new GroupByHash(types);
    const n = 50_000;
    const cols: Value[][] = [[], [], []];
    for (let i = 0; i < n; i++) {
      cols[0]!.push(BigInt(i % 997));
      cols[1]!.push(BigInt(i % 1009));
      cols[2]!.push(BigInt((i * 7) % 50_000));
    }
    const vectors = cols.map((c, j) => vectorFromValues(types[j]!, c));
    const ids = groupsOf(hash, vectors);
    const seen = new Map<string, number>();
    const expected = cols[0]!.map((_v, i) => {
      const key = `${cols[0]![i]},${cols[1]![i]},${cols[2]![i]}`;
      if (!seen.has(key)) seen.set(key, seen.size);
      return seen.get(key)!;
    });
    expect(ids).toEqual(expected);
    expect(hash.groupCount).toBe(seen.size);
  });

  it('a global aggregation has one group even before any row', () => {
    const hash = new GroupByHash([]);
    expect(hash.groupCount).toBe(1);
  });
});
