/** The number-key table under grouping and join keys: codes stable across growth; NaN, ±0, big values. */
import { describe, expect, it } from 'vitest';
import { NumberCodeTable } from '../../../src/exec/numberCodeTable.ts';

describe('NumberCodeTable', () => {
  it('gives each distinct number one code, through many growths, and finds them again', () => {
    const t = new NumberCodeTable();
    const keys = Array.from({ length: 50_000 }, (_x, i) => (i % 2 === 0 ? i * 4_294_967_296 + 7 : -i * 1.5));
    const added = keys.map((k, i) => t.getOrAdd(k, i));
    const again = keys.map((k) => t.getOrAdd(k, -5));
    const found = keys.map((k) => t.get(k));
    const codes = keys.map((_k, i) => i);
    expect(added).toEqual(codes);
    expect(again).toEqual(codes);
    expect(found).toEqual(codes);
    expect(t.size).toBe(keys.length);
    expect(t.get(3.25)).toBe(-1);
  });

  it('NaN is one key; 2^53 - 1 and 2^53 - 2 are two', () => {
    const t = new NumberCodeTable();
    expect(t.getOrAdd(Number.NaN, 0)).toBe(0);
    expect(t.getOrAdd(Number.NaN, 1)).toBe(0);
    expect(t.getOrAdd(2 ** 53 - 1, 1)).toBe(1);
    expect(t.getOrAdd(2 ** 53 - 2, 2)).toBe(2);
    expect(t.size).toBe(3);
  });
});
