/**
 * round, floor, ceil/ceiling and truncate with Trino's result types:
 *
 * | call                          | result                                   |
 * |-------------------------------|------------------------------------------|
 * | round(decimal(p,s))           | decimal(min(38, p - s + min(1, s)), 0)   |
 * | round(decimal(p,s), d)        | decimal(min(38, p + 1), s)               |
 * | floor/ceil(decimal(p,s))      | decimal(p - s + min(s, 1), 0)            |
 * | truncate(decimal(p,s))        | decimal(max(1, p - s), 0)                |
 * | truncate(decimal(p,s), d)     | decimal(p, s)                            |
 * | integral, real, double        | the same type                            |
 *
 * Exact types round HALF_UP (away from zero); doubles round half away from zero too.
 */
import { divRoundHalfUp, fitsPrecision, pow10 } from '../types/decimal.ts';
import { BIGINT, DOUBLE, INTEGER, REAL, SMALLINT, TINYINT, decimal, type SqlType } from '../types/sqlType.ts';
import type { NonNullValue } from '../types/value.ts';
import { lift1, lift2 } from './kernel.ts';
import { plainDigits } from './numericFormat.ts';
import { decimalOverflow, outOfRange } from './numericArgs.ts';
import { defineFunction, overload, type Overload } from './signature.ts';

const INTEGRALS = [TINYINT, SMALLINT, INTEGER, BIGINT] as const;
const RANGE: Record<string, readonly [bigint, bigint]> = {
  tinyint: [-128n, 127n],
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-(2n ** 63n), 2n ** 63n - 1n],
};

const big = (v: NonNullValue): bigint => (typeof v === 'bigint' ? v : BigInt(v as number));
const num = (v: NonNullValue): number => Number(v);

function decShape(t: SqlType): { p: number; s: number } {
  return t.kind === 'decimal' ? { p: t.precision, s: t.scale } : { p: 1, s: 0 };
}

/** Round half away from zero to d decimal places, as Trino rounds doubles. */
export function roundDouble(x: number, d: number): number {
  if (!Number.isFinite(x)) return x;
  const factor = 10 ** d;
  const r = x < 0 ? -(Math.round(-x * factor) / factor) : Math.round(x * factor) / factor;
  return Number.isNaN(r) ? x : r;
}

/** Integral or real/double result with the same type as the argument. */
function sameType(t: SqlType, fn: (x: number) => number): Overload {
  return overload([t], t, () => lift1(t, (v) => (t.kind === 'bigint' ? v : t.kind === 'real' ? Math.fround(fn(num(v))) : fn(num(v)))));
}

function decimalUnary(ret: (p: number, s: number) => SqlType, fn: (v: bigint, s: number) => bigint): Overload {
  return overload(['decimal'], (args) => {
    const { p, s } = decShape(args[0]!);
    return ret(p, s);
  }, (sig) => {
    const { s } = decShape(sig.argTypes[0]!);
    return lift1(sig.returnType, (v) => fn(big(v), s));
  });
}

const roundToZeroScale = (v: bigint, s: number): bigint => (s === 0 ? v : divRoundHalfUp(v, pow10(s)));
const floorToZeroScale = (v: bigint, s: number): bigint => {
  if (s === 0) return v;
  const f = pow10(s);
  const q = v / f;
  return v < 0n && q * f !== v ? q - 1n : q;
};
const ceilToZeroScale = (v: bigint, s: number): bigint => {
  if (s === 0) return v;
  const f = pow10(s);
  const q = v / f;
  return v > 0n && q * f !== v ? q + 1n : q;
};
const truncToZeroScale = (v: bigint, s: number): bigint => (s === 0 ? v : v / pow10(s));

function roundIntegralN(t: SqlType): Overload {
  const [min, max] = RANGE[t.kind]!;
  return overload([t, INTEGER], t, () =>
    lift2(t, (v, d) => {
      const places = num(d);
      if (places >= 0) return v;
      const x = big(v);
      const f = 10n ** BigInt(-places);
      const r = divRoundHalfUp(x, f) * f;
      if (r < min || r > max) throw outOfRange(t.kind === 'bigint' ? `numerical overflow: ${x}` : `Out of range for ${t.kind}: ${r}`);
      return t.kind === 'bigint' ? r : Number(r);
    }),
  );
}

function roundDecimalN(): Overload {
  return overload(
    ['decimal', INTEGER],
    (args) => {
      const { p, s } = decShape(args[0]!);
      return decimal(Math.min(38, p + 1), s);
    },
    (sig) => {
      const { p, s } = decShape(sig.argTypes[0]!);
      const rp = decShape(sig.returnType).p;
      return lift2(sig.returnType, (v, d) => {
        const places = num(d);
        const x = big(v);
        if (places >= s) return x;
        if (p - s + places <= 0) return 0n;
        const f = pow10(s - places);
        const r = divRoundHalfUp(x, f) * f;
        if (!fitsPrecision(r, rp)) throw decimalOverflow();
        return r;
      });
    },
  );
}

function truncateDecimalN(): Overload {
  return overload(['decimal', INTEGER], (args) => args[0]!, (sig) => {
    const { p, s } = decShape(sig.argTypes[0]!);
    return lift2(sig.returnType, (v, d) => {
      const places = num(d);
      const x = big(v);
      if (places >= s) return x;
      if (p - s + places <= 0) return 0n;
      const f = pow10(s - places);
      return (x / f) * f;
    });
  });
}

function floatingN(t: SqlType, fn: (x: number, d: number) => number): Overload {
  return overload([t, INTEGER], t, () => lift2(t, (v, d) => (t.kind === 'real' ? Math.fround(fn(num(v), num(d))) : fn(num(v), num(d)))));
}

/**
 * truncate(double, d) cuts the shortest decimal form of x (Java's BigDecimal.valueOf), not
 * x * 10^d, so truncate(1.23, 2) is 1.23 even though 1.23 * 100 = 122.99999999999999.
 */
function truncateDouble(x: number, d: number): number {
  if (!Number.isFinite(x)) return x;
  if (d === 0) return Math.trunc(x);
  const { unscaled, scale } = plainDigits(x, false);
  if (scale <= d) return x;
  const q = unscaled / 10n ** BigInt(scale - d);
  return Number(`${q}e${-d}`);
}

export const ROUND = defineFunction({
  name: 'round',
  signatures: [
    'round(tinyint|smallint|integer|bigint|real|double) → same type',
    'round(decimal(p,s)) → decimal(min(38, p-s+min(1,s)), 0)',
    'round(x, integer d) → same type; round(decimal(p,s), integer) → decimal(min(38,p+1), s)',
  ],
  overloads: [
    ...INTEGRALS.map((t) => sameType(t, (x) => x)),
    decimalUnary((p, s) => decimal(Math.min(38, p - s + Math.min(1, s)), 0), roundToZeroScale),
    sameType(REAL, (x) => roundDouble(x, 0)),
    sameType(DOUBLE, (x) => roundDouble(x, 0)),
    ...INTEGRALS.map(roundIntegralN),
    roundDecimalN(),
    floatingN(REAL, roundDouble),
    floatingN(DOUBLE, roundDouble),
  ],
});

const floorCeilShape = (p: number, s: number): SqlType => decimal(Math.max(1, p - s + Math.min(s, 1)), 0);

export const FLOOR = defineFunction({
  name: 'floor',
  signatures: ['floor(tinyint|smallint|integer|bigint|real|double) → same type', 'floor(decimal(p,s)) → decimal(p-s+min(s,1), 0)'],
  overloads: [
    ...INTEGRALS.map((t) => sameType(t, (x) => x)),
    decimalUnary(floorCeilShape, floorToZeroScale),
    sameType(REAL, Math.floor),
    sameType(DOUBLE, Math.floor),
  ],
});

export const CEIL = defineFunction({
  name: 'ceiling',
  signatures: ['ceiling(tinyint|smallint|integer|bigint|real|double) → same type', 'ceiling(decimal(p,s)) → decimal(p-s+min(s,1), 0)'],
  overloads: [
    ...INTEGRALS.map((t) => sameType(t, (x) => x)),
    decimalUnary(floorCeilShape, ceilToZeroScale),
    sameType(REAL, Math.ceil),
    sameType(DOUBLE, Math.ceil),
  ],
});

export const TRUNCATE = defineFunction({
  name: 'truncate',
  signatures: [
    'truncate(real|double) → same type',
    'truncate(decimal(p,s)) → decimal(max(1, p-s), 0)',
    'truncate(decimal(p,s), integer) → decimal(p,s)',
    'truncate(double, integer) → double',
  ],
  overloads: [
    decimalUnary((p, s) => decimal(Math.max(1, p - s), 0), truncToZeroScale),
    sameType(REAL, Math.trunc),
    sameType(DOUBLE, Math.trunc),
    truncateDecimalN(),
    floatingN(REAL, truncateDouble),
    floatingN(DOUBLE, truncateDouble),
  ],
});
