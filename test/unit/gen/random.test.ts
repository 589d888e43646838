import { describe, expect, it } from 'vitest';
import { RowRandom, hash32, seedOf } from '../../../src/gen/tpch/random.ts';

describe('tpch random', () => {
  it('hash32 is a bijection on a sample of inputs', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(hash32(i));
    expect(seen.size).toBe(100_000);
  });

  it('gives the same draws for the same seed and row, whatever was drawn before', () => {
    const a = new RowRandom(seedOf('t.c'));
    const b = new RowRandom(seedOf('t.c'));
    const first = [a.at(12345).next(), a.next(), a.next()];
    b.at(1).next();
    b.at(99).int(0, 10);
    expect([b.at(12345).next(), b.next(), b.next()]).toEqual(first);
  });

  it('separates columns and rows (including rows past 2^32)', () => {
    const a = new RowRandom(seedOf('t.a'));
    const b = new RowRandom(seedOf('t.b'));
    expect(a.at(7).next()).not.toBe(b.at(7).next());
    expect(a.at(7).next()).not.toBe(a.at(8).next());
    expect(a.at(2 ** 32 + 7).next()).not.toBe(a.at(7).next());
  });

  it('draws integers uniformly within inclusive bounds', () => {
    const r = new RowRandom(seedOf('t.uniform'));
    const counts = new Array<number>(9).fill(0);
    for (let row = 0; row < 70_000; row++) counts[r.at(row).int(1, 7)]!++;
    expect(counts[0]).toBe(0);
    expect(counts[8]).toBe(0);
    for (const c of counts.slice(1, 8)) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });
});
