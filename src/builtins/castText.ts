/**
 * Casts between varchar and the other types, with Trino's accepted syntax and messages:
 * integers trim surrounding whitespace (Java's String.trim: code points ≤ U+0020) and accept
 * only an optional sign and digits; booleans accept true/false/t/f/1/0 in any case; decimals
 * accept Java BigDecimal syntax (exponents allowed, no surrounding spaces) and round HALF_UP;
 * dates and timestamps trim and use the SQL literal forms (a 'T' separator is rejected).
 * Formatting to varchar(n) fails when the text is longer than n ("Value 12345 cannot be
 * represented as varchar(3)"); varchar to varchar(n) truncates.
 */
import { ExecError } from '../errors.ts';
import { formatDecimal, fitsPrecision, rescale } from '../types/decimal.ts';
import { formatDate, formatDayTime, formatTimestamp, formatYearMonth, parseDate, parseTimestamp, roundMicros } from '../types/datetime.ts';
import { formatType, type SqlType } from '../types/sqlType.ts';
import type { NonNullValue, Value } from '../types/value.ts';
import { encodeUtf8 } from '../types/vector.ts';
import { formatDoubleTrino, formatRealTrino, javaDoubleToString, javaFloatToString } from './numericFormat.ts';

export function castError(message: string): ExecError {
  return new ExecError('INVALID_CAST_ARGUMENT', message);
}

/** Java's String.trim(): strips code units ≤ U+0020 at both ends. */
export function javaTrim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 0x20) a++;
  while (b > a && s.charCodeAt(b - 1) <= 0x20) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** The first n code points of s. */
export function truncateCodePoints(s: string, n: number): string {
  if (s.length <= n) return s;
  let count = 0;
  let i = 0;
  while (i < s.length && count < n) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
    count++;
  }
  return s.slice(0, i);
}

const INT_NAMES: Record<string, string> = { tinyint: 'TINYINT', smallint: 'SMALLINT', integer: 'INT', bigint: 'BIGINT' };
const INT_RANGES: Record<string, readonly [bigint, bigint]> = {
  tinyint: [-128n, 127n],
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-(2n ** 63n), 2n ** 63n - 1n],
};

const INTEGER_TEXT = /^[+-]?\d+$/;
const DOUBLE_TEXT = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;
const BIG_DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** A parser from varchar text to a value of `to`, throwing Trino's cast errors. */
export function parserTo(to: SqlType): (s: string) => Value {
  switch (to.kind) {
    case 'boolean':
      return (s) => {
        const u = s.toUpperCase();
        if (u === 'TRUE' || u === 'T' || u === '1') return true;
        if (u === 'FALSE' || u === 'F' || u === '0') return false;
        throw castError(`Cannot cast '${s}' to BOOLEAN`);
      };
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint': {
      const [min, max] = INT_RANGES[to.kind]!;
      const name = INT_NAMES[to.kind]!;
      const big = to.kind === 'bigint';
      return (s) => {
        const t = javaTrim(s);
        if (!INTEGER_TEXT.test(t)) throw castError(`Cannot cast '${s}' to ${name}`);
        const v = BigInt(t);
        if (v < min || v > max) throw castError(`Cannot cast '${s}' to ${name}`);
        return big ? v : Number(v);
      };
    }
    case 'real':
    case 'double': {
      const real = to.kind === 'real';
      return (s) => {
        const t = javaTrim(s);
        if (!DOUBLE_TEXT.test(t)) throw castError(`Cannot cast '${s}' to ${real ? 'REAL' : 'DOUBLE'}`);
        const x = Number(t.replace(/[fFdD]$/, ''));
        return real ? Math.fround(x) : x;
      };
    }
    case 'decimal': {
      const { precision, scale } = to;
      return (s) => {
        const m = BIG_DECIMAL_TEXT.exec(s);
        const intPart = m?.[2] ?? '';
        const fracPart = m?.[3] ?? '';
        if (m === null || (intPart === '' && fracPart === '')) {
          throw castError(`Cannot cast VARCHAR '${s}' to DECIMAL(${precision}, ${scale}). Value is not a number.`);
        }
        let unscaled = BigInt(`${intPart}${fracPart}` || '0');
        if (m[1] === '-') unscaled = -unscaled;
        const exponent = m[4] === undefined ? 0 : Number(m[4]);
        const sourceScale = fracPart.length - exponent;
        const v = sourceScale >= 0 ? rescale(unscaled, sourceScale, scale) : rescale(unscaled * 10n ** BigInt(-sourceScale), 0, scale);
        if (!fitsPrecision(v, precision)) {
          throw castError(`Cannot cast VARCHAR '${s}' to DECIMAL(${precision}, ${scale}). Value too large.`);
        }
        return v;
      };
    }
    case 'date':
      return (s) => {
        const d = parseDate(javaTrim(s));
        if (d === null) throw castError(`Value cannot be cast to date: ${s}`);
        return d;
      };
    case 'timestamp': {
      const p = to.precision;
      return (s) => {
        const t = javaTrim(s);
        const parsed = t.includes('T') ? null : parseTimestamp(t);
        if (parsed === null) throw castError(`Value cannot be cast to timestamp: ${s}`);
        return roundMicros(parsed.micros, p);
      };
    }
    case 'varchar': {
      const n = to.length;
      return n === null ? (s) => s : (s) => truncateCodePoints(s, n);
    }
    case 'varbinary':
      return (s) => encodeUtf8(s);
    default:
      throw new Error(`no cast from varchar to ${formatType(to)}`);
  }
}



/** A formatter from values of `from` to varchar(n), failing when the text is longer than n. */
export function formatterFrom(from: SqlType, to: SqlType): (v: NonNullValue) => string {
  const limit = to.kind === 'varchar' && to.length !== null ? to.length : Number.POSITIVE_INFINITY;
  const fitted = (text: string, shown: string = text): string => {
    if (text.length <= limit || codePointLength(text) <= limit) return text;
    throw castError(`Value ${shown} cannot be represented as varchar(${limit})`);
  };
  switch (from.kind) {
    case 'boolean':
      return (v) => fitted(v ? 'true' : 'false');
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
      return (v) => fitted(String(v));
    case 'double':
      return (v) => fitted(formatDoubleTrino(v as number), `${javaDoubleToString(v as number)} (${formatDoubleTrino(v as number)})`);
    case 'real':
      return (v) => fitted(formatRealTrino(v as number), `${javaFloatToString(v as number)} (${formatRealTrino(v as number)})`);
    case 'decimal': {
      const scale = from.scale;
      return (v) => fitted(formatDecimal(BigInt(v as bigint | number), scale));
    }
    case 'date':
      return (v) => fitted(formatDate(v as number));
    case 'timestamp': {
      const p = from.precision;
      return (v) => fitted(formatTimestamp(v as number, p));
    }
    case 'interval day to second':
      return (v) => fitted(formatDayTime(v as number));
    case 'interval year to month':
      return (v) => fitted(formatYearMonth(v as number));
    case 'varchar':
      return to.kind === 'varchar' && to.length !== null ? (v) => truncateCodePoints(v as string, limit) : (v) => v as string;
    default:
      throw new Error(`no cast from ${formatType(from)} to varchar`);
  }
}
