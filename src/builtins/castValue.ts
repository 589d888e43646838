/**
 * Per-value casts between booleans, numbers, dates and timestamps, with Trino's rounding
 * (HALF_UP, away from zero) and messages. Varchar casts live in castText.ts.
 */
import { formatDecimal, fitsPrecision, pow10, rescale } from '../types/decimal.ts';
import { MICROS_PER_DAY, roundMicros } from '../types/datetime.ts';
import { formatType, isIntegral, type SqlType } from '../types/sqlType.ts';
import type { NonNullValue, Value } from '../types/value.ts';
import { castError, formatterFrom, parserTo } from './castText.ts';
import { outOfRange } from './numericArgs.ts';
import { javaDoubleToString, javaFloatToString, plainDigits } from './numericFormat.ts';

export type ValueCast = (v: NonNullValue) => Value;

const RANGES: Record<string, readonly [number, number]> = {
  tinyint: [-128, 127],
  smallint: [-32768, 32767],
  integer: [-2147483648, 2147483647],
};
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const UPPER: Record<string, string> = { tinyint: 'TINYINT', smallint: 'SMALLINT', integer: 'INTEGER', bigint: 'BIGINT' };

function asBig(v: NonNullValue): bigint {
  return typeof v === 'bigint' ? v : BigInt(v as number);
}

/** Round half away from zero (Trino's rounding of doubles to integers). */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** An integral result of `to` from an exact bigint, or the given error when out of range. */
function toIntegral(to: SqlType, v: bigint, error: () => Error): Value {
  if (to.kind === 'bigint') {
    if (v < INT64_MIN || v > INT64_MAX) throw error();
    return v;
  }
  const [min, max] = RANGES[to.kind]!;
  if (v < BigInt(min) || v > BigInt(max)) throw error();
  return Number(v);
}

/** The per-value cast from → to (both non-unknown), assuming resolveCast allowed it. */
export function valueCast(from: SqlType, to: SqlType): ValueCast {
  if (from.kind === 'varchar') {
    const parse = parserTo(to);
    return (v) => parse(v as string);
  }
  if (to.kind === 'varchar') return formatterFrom(from, to);
  if (from.kind === 'boolean') return fromBoolean(to);
  if (to.kind === 'boolean') return (v) => (typeof v === 'bigint' ? v !== 0n : (v as number) !== 0);
  if (isIntegral(from)) return fromIntegral(from, to);
  if (from.kind === 'real' || from.kind === 'double') return fromFloating(from, to);
  if (from.kind === 'decimal') return fromDecimal(from, to);
  if (from.kind === 'date' && to.kind === 'timestamp') return (v) => (v as number) * MICROS_PER_DAY;
  if (from.kind === 'timestamp' && to.kind === 'date') return (v) => Math.floor((v as number) / MICROS_PER_DAY);
  if (from.kind === 'timestamp' && to.kind === 'timestamp') {
    const p = to.precision;
    return p >= from.precision ? (v) => v : (v) => roundMicros(v as number, p);
  }
  if (from.kind === to.kind) return (v) => v;
  throw new Error(`no cast from ${formatType(from)} to ${formatType(to)}`);
}

function fromBoolean(to: SqlType): ValueCast {
  switch (to.kind) {
    case 'bigint':
      return (v) => (v ? 1n : 0n);
    case 'decimal': {
      const one = pow10(to.scale);
      const ok = fitsPrecision(one, to.precision);
      return (v) => {
        if (!v) return 0n;
        if (!ok) throw castError(`Cannot cast BOOLEAN 'true' to DECIMAL(${to.precision}, ${to.scale})`);
        return one;
      };
    }
    default:
      return (v) => (v ? 1 : 0);
  }
}

function fromIntegral(from: SqlType, to: SqlType): ValueCast {
  switch (to.kind) {
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
      return (v) => toIntegral(to, asBig(v), () => outOfRange(`Out of range for ${to.kind}: ${v}`));
    case 'real':
      return (v) => Math.fround(Number(v));
    case 'double':
      return (v) => Number(v);
    case 'decimal': {
      const f = pow10(to.scale);
      const name = UPPER[from.kind]!;
      return (v) => {
        const r = asBig(v) * f;
        if (!fitsPrecision(r, to.precision)) throw castError(`Cannot cast ${name} '${v}' to DECIMAL(${to.precision}, ${to.scale})`);
        return r;
      };
    }
    default:
      throw new Error(`no cast from ${formatType(from)} to ${formatType(to)}`);
  }
}

function fromFloating(from: SqlType, to: SqlType): ValueCast {
  const real = from.kind === 'real';
  const show = real ? javaFloatToString : javaDoubleToString;
  const typeName = real ? 'real' : 'double';
  switch (to.kind) {
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
      return (v) => {
        const x = v as number;
        if (Number.isNaN(x)) throw castError(`Cannot cast ${typeName} NaN to ${to.kind}`);
        const err = (): Error => outOfRange(`Out of range for ${to.kind}: ${show(x)}`);
        if (!Number.isFinite(x)) throw err();
        return toIntegral(to, BigInt(roundHalfAway(x)), err);
      };
    case 'real':
      return (v) => Math.fround(v as number);
    case 'double':
      return (v) => v;
    case 'decimal': {
      const { precision, scale } = to;
      const name = real ? 'REAL' : 'DOUBLE';
      return (v) => {
        const x = v as number;
        const err = (): Error => castError(`Cannot cast ${name} '${show(x)}' to DECIMAL(${precision}, ${scale})`);
        if (!Number.isFinite(x)) throw err();
        if (x === 0) return 0n;
        const d = plainDigits(x, real);
        const r = rescale(d.unscaled, d.scale, scale);
        if (!fitsPrecision(r, precision)) throw err();
        return r;
      };
    }
    default:
      throw new Error(`no cast from ${formatType(from)} to ${formatType(to)}`);
  }
}

function fromDecimal(from: SqlType & { kind: 'decimal' }, to: SqlType): ValueCast {
  const s = from.scale;
  switch (to.kind) {
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint': {
      const name = UPPER[to.kind]!;
      return (v) => {
        const r = rescale(asBig(v), s, 0);
        // Trino prints the rounded value for short decimals and the decimal text for long ones.
        const shown = from.precision <= 18 ? String(r) : formatDecimal(asBig(v), s);
        return toIntegral(to, r, () => castError(`Cannot cast '${shown}' to ${name}`));
      };
    }
    case 'double':
      return (v) => Number(formatDecimal(asBig(v), s));
    case 'real':
      return (v) => Math.fround(Number(formatDecimal(asBig(v), s)));
    case 'decimal': {
      const { precision, scale } = to;
      return (v) => {
        const r = rescale(asBig(v), s, scale);
        if (!fitsPrecision(r, precision)) {
          throw castError(
            `Cannot cast DECIMAL(${from.precision}, ${s}) '${formatDecimal(asBig(v), s)}' to DECIMAL(${precision}, ${scale})`,
          );
        }
        return r;
      };
    }
    default:
      throw new Error(`no cast from ${formatType(from)} to ${formatType(to)}`);
  }
}
