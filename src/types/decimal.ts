/**
 * Exact decimal arithmetic on unscaled bigint values, with Trino's result types and its
 * HALF_UP rounding. A decimal(p,s) value v stands for v / 10^s.
 */
import { MAX_DECIMAL_PRECISION } from './sqlType.ts';

const POW10: bigint[] = [];
for (let i = 0, p = 1n; i <= 2 * MAX_DECIMAL_PRECISION + 2; i++, p *= 10n) POW10.push(p);

export function pow10(n: number): bigint {
  const p = POW10[n];
  if (p === undefined) throw new RangeError(`10^${n} out of range`);
  return p;
}

/** Powers of ten as doubles; exact up to 10^22. */
export const POW10_F64: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** Whether `v` fits in decimal(precision, *). */
export function fitsPrecision(v: bigint, precision: number): boolean {
  const limit = pow10(precision);
  return v < limit && v > -limit;
}

/** Divide rounding half away from zero (Trino's HALF_UP for decimals). */
export function divRoundHalfUp(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError('division by zero');
  const neg = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = an / ad;
  const r = an - q * ad;
  const rounded = 2n * r >= ad ? q + 1n : q;
  return neg ? -rounded : rounded;
}

/** Change the scale of an unscaled value, rounding HALF_UP when the scale shrinks. */
export function rescale(v: bigint, fromScale: number, toScale: number): bigint {
  if (toScale === fromScale) return v;
  if (toScale > fromScale) return v * pow10(toScale - fromScale);
  return divRoundHalfUp(v, pow10(fromScale - toScale));
}

/** Format an unscaled value as Trino prints decimal(p,s): `-12.30`, `0.05`, `7`. */
export function formatDecimal(v: bigint, scale: number): string {
  const neg = v < 0n;
  let digits = (neg ? -v : v).toString();
  if (scale > 0) {
    if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
    digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  }
  return neg ? `-${digits}` : digits;
}

export interface ParsedDecimal {
  /** Unscaled value. */
  readonly value: bigint;
  /** Digits in total (at least 1, and at least scale). */
  readonly precision: number;
  readonly scale: number;
}

const DECIMAL_TEXT = /^\s*([+-])?(\d*)(?:\.(\d*))?\s*$/;

/**
 * Parse decimal text (`12.5`, `-.5`, `+3.`) exactly. Returns null for text that is not a plain
 * decimal number (exponents are not decimals in SQL).
 */
export function parseDecimalText(text: string): ParsedDecimal | null {
  const m = DECIMAL_TEXT.exec(text);
  if (!m) return null;
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  if (intPart === '' && fracPart === '') return null;
  const stripped = intPart.replace(/^0+(?=\d)/, '');
  const allDigits = `${stripped}${fracPart}`.replace(/^0+(?=\d)/, '');
  const unscaled = BigInt(allDigits === '' ? '0' : allDigits);
  const scale = fracPart.length;
  const intDigits = stripped === '0' || stripped === '' ? 0 : stripped.length;
  const precision = Math.max(1, intDigits + scale);
  return { value: m[1] === '-' ? -unscaled : unscaled, precision, scale };
}

/** Result type rules of Trino's decimal operators. */
export interface DecimalShape {
  readonly precision: number;
  readonly scale: number;
}

export function addResultShape(a: DecimalShape, b: DecimalShape): DecimalShape {
  const scale = Math.max(a.scale, b.scale);
  const precision = Math.min(MAX_DECIMAL_PRECISION, 1 + Math.max(a.precision - a.scale, b.precision - b.scale) + scale);
  return { precision, scale };
}

export function multiplyResultShape(a: DecimalShape, b: DecimalShape): DecimalShape {
  return { precision: Math.min(MAX_DECIMAL_PRECISION, a.precision + b.precision), scale: a.scale + b.scale };
}

/**
 * Trino: scale = max(s1, s2), precision = min(38, p1 - s1 + s2 + max(s1, s2)).
 * The quotient is computed exactly and rounded HALF_UP to the result scale.
 */
export function divideResultShape(a: DecimalShape, b: DecimalShape): DecimalShape {
  const scale = Math.max(a.scale, b.scale);
  const precision = Math.min(MAX_DECIMAL_PRECISION, a.precision - a.scale + b.scale + scale);
  return { precision, scale };
}

/** Trino: scale = max(s1, s2), precision = min(38, min(p1 - s1, p2 - s2) + max(s1, s2)). */
export function moduloResultShape(a: DecimalShape, b: DecimalShape): DecimalShape {
  const scale = Math.max(a.scale, b.scale);
  const precision = Math.min(MAX_DECIMAL_PRECISION, Math.min(a.precision - a.scale, b.precision - b.scale) + scale);
  return { precision, scale };
}

/** Exact quotient of two unscaled decimals, rounded HALF_UP to `resultScale`. */
export function divideDecimal(a: bigint, aScale: number, b: bigint, bScale: number, resultScale: number): bigint {
  // a/10^sa ÷ b/10^sb = (a · 10^(sb - sa + rs)) / b, scaled by 10^rs.
  const shift = bScale - aScale + resultScale;
  if (shift >= 0) return divRoundHalfUp(a * pow10(shift), b);
  return divRoundHalfUp(a, b * pow10(-shift));
}

/** Remainder with the sign of the dividend, at scale max(sa, sb). */
export function moduloDecimal(a: bigint, aScale: number, b: bigint, bScale: number): bigint {
  const scale = Math.max(aScale, bScale);
  const x = rescale(a, aScale, scale);
  const y = rescale(b, bScale, scale);
  return x % y;
}
