/** The number-key table under grouping and join keys: codes stable across growth; NaN, ±0, big values. */
import { describe, expect, it } from 'vitest';
import { NumberCodeTable } from '../../../src/exec/numberCodeTable.ts';

describe('NumberCodeTable', () => {
  it('gives each distinct number one code, through many growths, and finds them again', () => {
    const t = new NumberCodeTable();
    const keys = Array.from({ length: 50_000 }, (_x, i) => (i % 2 === 0 ? i * 4_294_967_296 + 7 : -i * 1.5));
    keys.forEach((k, i) => expect(t.getOrAdd(k, i)).toBe(i));
    keys.forEach((k, i) => expect(t.getOrAdd(k, -5)).toBe(i));
    keys.forEach((k, i) => expect(t.get(k)).toBe(i));
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
