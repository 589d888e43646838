/**
 * Text forms of doubles and reals as Trino writes them. CAST(double AS varchar) uses Java's
 * DecimalFormat("0.0###################E0") on the shortest round-trip digits (1.5 → '1.5E0',
 * 1e10 → '1.0E10', 0 → '0E0'); real uses "0.0#####E0" (at most 7 significant digits, rounded
 * half-even). Error messages print values with Java's Double.toString ('1.0E10', '100.0').
 */

interface Digits {
  readonly negative: boolean;
  /** Significant digits without leading zeros, at least one. */
  readonly digits: string;
  /** Decimal exponent of the first digit: value = 0.d1d2… × 10^(exponent+1). */
  readonly exponent: number;
}

/** Shortest round-trip digits of a finite non-zero double. */
function shortestDigits(x: number): Digits {
  const s = Math.abs(x).toExponential();
  const e = s.indexOf('e');
  const mantissa = s.slice(0, e).replace('.', '');
  return { negative: x < 0, digits: mantissa.replace(/0+$/, '') || '0', exponent: Number(s.slice(e + 1)) };
}

/** Shortest digits that round-trip through float32 (Java's Float.toString digits). */
function shortestFloatDigits(x: number): Digits {
  const f = Math.fround(x);
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(Math.abs(f).toPrecision(p));
    if (Math.fround(candidate) === Math.abs(f)) return shortestDigits(f < 0 ? -candidate : candidate);
  }
  return shortestDigits(f);
}

function roundHalfEven(d: Digits, maxDigits: number): Digits {
  if (d.digits.length <= maxDigits) return d;
  const keep = d.digits.slice(0, maxDigits);
  const rest = d.digits.slice(maxDigits);
  const first = rest.charCodeAt(0) - 48;
  const tail = rest.slice(1).replace(/0+$/, '');
  const last = keep.charCodeAt(keep.length - 1) - 48;
  const up = first > 5 || (first === 5 && (tail.length > 0 || last % 2 === 1));
  if (!up) return { ...d, digits: keep.replace(/0+$/, '') || '0' };
  const bumped = (BigInt(keep) + 1n).toString();
  const exponent = bumped.length > keep.length ? d.exponent + 1 : d.exponent;
  return { ...d, digits: bumped.replace(/0+$/, '') || '0', exponent };
}

function scientific(d: Digits): string {
  const frac = d.digits.length > 1 ? d.digits.slice(1) : '0';
  return `${d.negative ? '-' : ''}${d.digits[0]}.${frac}E${d.exponent}`;
}

function special(x: number): string | null {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return 'Infinity';
  if (x === Number.NEGATIVE_INFINITY) return '-Infinity';
  return null;
}

/** CAST(double AS varchar). */
export function formatDoubleTrino(x: number): string {
  const s = special(x);
  if (s !== null) return s;
  if (x === 0) return Object.is(x, -0) ? '-0E0' : '0E0';
  return scientific(shortestDigits(x));
}

/** CAST(real AS varchar). */
export function formatRealTrino(x: number): string {
  const s = special(x);
  if (s !== null) return s;
  if (x === 0) return Object.is(x, -0) ? '-0E0' : '0E0';
  return scientific(roundHalfEven(shortestFloatDigits(x), 7));
}

function javaStyle(d: Digits): string {
  if (d.exponent >= -3 && d.exponent < 7) {
    const sign = d.negative ? '-' : '';
    if (d.exponent < 0) return `${sign}0.${'0'.repeat(-d.exponent - 1)}${d.digits}`;
    const intLen = d.exponent + 1;
    const padded = d.digits.length < intLen ? d.digits + '0'.repeat(intLen - d.digits.length) : d.digits;
    const frac = padded.slice(intLen);
    return `${sign}${padded.slice(0, intLen)}.${frac === '' ? '0' : frac}`;
  }
  return scientific(d);
}

/** Java's Double.toString (used in Trino's error messages). */
export function javaDoubleToString(x: number): string {
  const s = special(x);
  if (s !== null) return s;
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  return javaStyle(shortestDigits(x));
}

/** Java's Float.toString. */
export function javaFloatToString(x: number): string {
  const s = special(x);
  if (s !== null) return s;
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  return javaStyle(shortestFloatDigits(x));
}

/** The shortest decimal text of a double, for BigDecimal.valueOf-style exact conversions. */
export function plainDigits(x: number, float: boolean): { unscaled: bigint; scale: number } {
  const d = float ? shortestFloatDigits(x) : shortestDigits(x);
  // value = digits × 10^(exponent - (len - 1))
  const shift = d.exponent - (d.digits.length - 1);
  let unscaled = BigInt(d.digits);
  if (d.negative) unscaled = -unscaled;
  if (shift >= 0) return { unscaled: unscaled * 10n ** BigInt(shift), scale: 0 };
  return { unscaled, scale: -shift };
}
