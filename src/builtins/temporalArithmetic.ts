/**
 * Date, timestamp and interval arithmetic. Intervals day-to-second are milliseconds, year-to-month
 * are months; adding months clamps the day to the end of the month (2020-01-31 + 1 month =
 * 2020-02-29), as Trino does. A date plus an interval with hours, minutes or seconds fails.
 */
import { ExecError } from '../errors.ts';
import { addMonthsToDays, addMonthsToMicros, MILLIS_PER_DAY } from '../types/datetime.ts';
import {
  BIGINT,
  DOUBLE,
  INTERVAL_DAY_TIME,
  isIntegral,
  type SqlType,
} from '../types/sqlType.ts';
import type { NonNullValue } from '../types/value.ts';
import { lift2 } from './kernel.ts';
import type { ArithOp } from './numericArithmetic.ts';
import { divisionByZero } from './numericArgs.ts';
import type { ResolvedSignature, ScalarKernel } from './types.ts';

const DATE_KIND = 'date';
const TS_KIND = 'timestamp';
const IDS = 'interval day to second';
const IYM = 'interval year to month';

function isIntervalKind(t: SqlType): boolean {
  return t.kind === IDS || t.kind === IYM;
}

function num(v: NonNullValue): number {
  return typeof v === 'bigint' ? Number(v) : (v as number);
}

/** The signature of a temporal or interval arithmetic call, or null when none applies. */
export function resolveTemporal(op: ArithOp, a: SqlType, b: SqlType): ResolvedSignature | null {
  const sig = (x: SqlType, y: SqlType, r: SqlType): ResolvedSignature => ({ argTypes: [x, y], returnType: r });
  const aT = a.kind === DATE_KIND || a.kind === TS_KIND;
  const bT = b.kind === DATE_KIND || b.kind === TS_KIND;
  if (op === 'add' || op === 'subtract') {
    if (aT && isIntervalKind(b)) return sig(a, b, a);
    if (op === 'add' && isIntervalKind(a) && bT) return sig(a, b, b);
    if (isIntervalKind(a) && a.kind === b.kind) return sig(a, b, a);
    if (op === 'subtract' && a.kind === TS_KIND && b.kind === TS_KIND) {
      const p = Math.max(a.precision, b.precision);
      const t: SqlType = { kind: 'timestamp', precision: p };
      return sig(t, t, INTERVAL_DAY_TIME);
    }
    if (op === 'subtract' && a.kind === DATE_KIND && b.kind === DATE_KIND) return sig(a, b, INTERVAL_DAY_TIME);
    return null;
  }
  const factor = (t: SqlType): SqlType | null => (isIntegral(t) ? BIGINT : t.kind === 'double' || t.kind === 'real' || t.kind === 'decimal' ? DOUBLE : null);
  if (op === 'multiply') {
    if (isIntervalKind(a)) {
      const f = factor(b);
      return f === null ? null : sig(a, f, a);
    }
    if (isIntervalKind(b)) {
      const f = factor(a);
      return f === null ? null : sig(f, b, b);
    }
  }
  if (op === 'divide' && isIntervalKind(a)) {
    const f = factor(b);
    return f === null ? null : sig(a, f, a);
  }
  return null;
}

export function temporalKernel(op: ArithOp, sig: ResolvedSignature): ScalarKernel {
  const [a, b] = sig.argTypes as [SqlType, SqlType];
  const ret = sig.returnType;
  const sign = op === 'subtract' ? -1 : 1;
  if (op === 'add' || op === 'subtract') {
    if (a.kind === DATE_KIND && b.kind === IDS) return lift2(ret, (d, ms) => addDayTimeToDate(num(d), sign * num(ms)));
    if (a.kind === IDS && b.kind === DATE_KIND) return lift2(ret, (ms, d) => addDayTimeToDate(num(d), num(ms)));
    if (a.kind === DATE_KIND && b.kind === IYM) return lift2(ret, (d, m) => addMonthsToDays(num(d), sign * num(m)));
    if (a.kind === IYM && b.kind === DATE_KIND) return lift2(ret, (m, d) => addMonthsToDays(num(d), num(m)));
    if (a.kind === TS_KIND && b.kind === IDS) return lift2(ret, (t, ms) => num(t) + sign * num(ms) * 1000);
    if (a.kind === IDS && b.kind === TS_KIND) return lift2(ret, (ms, t) => num(t) + num(ms) * 1000);
    if (a.kind === TS_KIND && b.kind === IYM) return lift2(ret, (t, m) => addMonthsToMicros(num(t), sign * num(m)));
    if (a.kind === IYM && b.kind === TS_KIND) return lift2(ret, (m, t) => addMonthsToMicros(num(t), num(m)));
    if (a.kind === TS_KIND && b.kind === TS_KIND) return lift2(ret, (x, y) => Math.trunc((num(x) - num(y)) / 1000));
    if (a.kind === DATE_KIND && b.kind === DATE_KIND) return lift2(ret, (x, y) => (num(x) - num(y)) * MILLIS_PER_DAY);
    return lift2(ret, (x, y) => num(x) + sign * num(y));
  }
  if (op === 'multiply') {
    return lift2(ret, (x, y) => Math.trunc(num(x) * num(y)) || 0);
  }
  return lift2(ret, (x, y) => {
    const d = num(y);
    if (d === 0) throw divisionByZero();
    return Math.trunc(num(x) / d) || 0;
  });
}

function addDayTimeToDate(days: number, millis: number): number {
  if (millis % MILLIS_PER_DAY !== 0) {
    throw new ExecError('INVALID_FUNCTION_ARGUMENT', 'Cannot add hour, minutes or seconds to a date');
  }
  return days + millis / MILLIS_PER_DAY;
}
