import { describe, expect, it } from 'vitest';
import {
  addResultShape,
  divideDecimal,
  divideResultShape,
  divRoundHalfUp,
  formatDecimal,
  moduloResultShape,
  multiplyResultShape,
  parseDecimalText,
  rescale,
} from '../../../src/types/decimal.ts';

describe('decimal', () => {
  it.each([
    [1234n, 2, '12.34'],
    [-5n, 2, '-0.05'],
    [7n, 0, '7'],
    [0n, 3, '0.000'],
    [-100n, 1, '-10.0'],
  ])('formats %s at scale %s as %s', (v, s, text) => {
    expect(formatDecimal(v, s)).toBe(text);
  });

  it.each([
    ['12.34', 1234n, 4, 2],
    ['-0.05', -5n, 2, 2],
    ['.5', 5n, 1, 1],
    ['007', 7n, 1, 0],
    ['0.000', 0n, 3, 3],
    ['123.', 123n, 3, 0],
  ])('parses %s', (text, value, precision, scale) => {
    expect(parseDecimalText(text)).toEqual({ value, precision, scale });
  });

  it('rejects exponents and junk', () => {
    expect(parseDecimalText('1e5')).toBeNull();
    expect(parseDecimalText('abc')).toBeNull();
    expect(parseDecimalText('.')).toBeNull();
  });

  it('rounds half away from zero', () => {
    expect(divRoundHalfUp(5n, 2n)).toBe(3n);
    expect(divRoundHalfUp(-5n, 2n)).toBe(-3n);
    expect(divRoundHalfUp(4n, 3n)).toBe(1n);
    expect(rescale(12345n, 3, 1)).toBe(123n);
    expect(rescale(12350n, 3, 1)).toBe(124n);
    expect(rescale(-12350n, 3, 1)).toBe(-124n);
    expect(rescale(12n, 0, 2)).toBe(1200n);
  });

  it('follows Trino result shapes', () => {
    expect(addResultShape({ precision: 15, scale: 2 }, { precision: 10, scale: 0 })).toEqual({ precision: 16, scale: 2 });
    expect(multiplyResultShape({ precision: 15, scale: 2 }, { precision: 16, scale: 2 })).toEqual({ precision: 31, scale: 4 });
    expect(multiplyResultShape({ precision: 30, scale: 2 }, { precision: 16, scale: 2 })).toEqual({ precision: 38, scale: 4 });
    expect(divideResultShape({ precision: 10, scale: 2 }, { precision: 5, scale: 3 })).toEqual({ precision: 14, scale: 3 });
    expect(divideResultShape({ precision: 10, scale: 4 }, { precision: 5, scale: 1 })).toEqual({ precision: 11, scale: 4 });
    expect(moduloResultShape({ precision: 10, scale: 2 }, { precision: 5, scale: 0 })).toEqual({ precision: 7, scale: 2 });
  });

  it('divides exactly with HALF_UP rounding at the result scale', () => {
    // 1.00 / 3 at scale 2 = 0.33 ; 2.00 / 3 = 0.67 ; -2.00 / 3 = -0.67
    expect(divideDecimal(100n, 2, 3n, 0, 2)).toBe(33n);
    expect(divideDecimal(200n, 2, 3n, 0, 2)).toBe(67n);
    expect(divideDecimal(-200n, 2, 3n, 0, 2)).toBe(-67n);
    // 1 / 0.003 at scale 3 = 333.333
    expect(divideDecimal(1n, 0, 3n, 3, 3)).toBe(333333n);
  });
});
