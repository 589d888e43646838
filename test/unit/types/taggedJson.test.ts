import { describe, expect, it } from 'vitest';
import { parseTagged, stringifyTagged } from '../../../src/types/taggedJson.ts';

describe('tagged JSON', () => {
  it('round-trips what plain JSON loses: bigints, bytes, non-finite doubles', () => {
    const value = { big: 2n ** 100n, neg: -5n, bytes: new Uint8Array([0, 1, 255]), inf: Infinity, ninf: -Infinity, nan: NaN, n: 1.5, s: '$big', list: [1n, null] };
    const back = parseTagged<typeof value>(stringifyTagged(value));
    expect(back.big).toBe(2n ** 100n);
    expect(back.neg).toBe(-5n);
    expect(Array.from(back.bytes)).toEqual([0, 1, 255]);
    expect(back.inf).toBe(Infinity);
    expect(back.ninf).toBe(-Infinity);
    expect(back.nan).toBeNaN();
    expect(back.n).toBe(1.5);
    expect(back.s).toBe('$big');
    expect(back.list).toEqual([1n, null]);
  });

  it('leaves ordinary objects that merely have such keys alone', () => {
    expect(parseTagged(stringifyTagged({ $big: '1', other: 2 }))).toEqual({ $big: '1', other: 2 });
  });
});
