/**
 * date_trunc(unit, x), date_add(unit, n, x), date_diff(unit, x1, x2) on dates and timestamps.
 * The unit is a varchar, case-insensitive; a date takes day, week, month, quarter or year, a
 * timestamp also millisecond, second, minute and hour. date_diff counts whole units from x1 to
 * x2 the way Trino's Joda fields do: months compare the day and time within the month (with the
 * end-of-month rule), years balance February 29th.
 */
import { ExecError } from '../errors.ts';
import { addMonthsToDays, civilFromDays, daysFromCivil, daysInMonth, isLeapYear, MICROS_PER_DAY } from '../types/datetime.ts';
import { BIGINT, DATE, type SqlType } from '../types/sqlType.ts';
import type { NonNullValue } from '../types/value.ts';
import { dayOfWeek } from './dateFields.ts';
import { liftN } from './kernel.ts';
import { bindParams, defineFunction, type Overload } from './signature.ts';

type Unit = 'millisecond' | 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

const DATE_UNITS: readonly Unit[] = ['day', 'week', 'month', 'quarter', 'year'];
const TIMESTAMP_UNITS: readonly Unit[] = ['millisecond', 'second', 'minute', 'hour', ...DATE_UNITS];
const MICROS: Partial<Record<Unit, number>> = {
  millisecond: 1000,
  second: 1_000_000,
  minute: 60_000_000,
  hour: 3_600_000_000,
  day: MICROS_PER_DAY,
  week: 7 * MICROS_PER_DAY,
};
const MONTHS: Partial<Record<Unit, number>> = { month: 1, quarter: 3, year: 12 };

function unitOf(text: string, isDate: boolean): Unit {
  const u = text.toLowerCase() as Unit;
  const valid = isDate ? DATE_UNITS : TIMESTAMP_UNITS;
  if (!valid.includes(u)) {
    throw new ExecError('INVALID_FUNCTION_ARGUMENT', `'${text}' is not a valid ${isDate ? 'DATE' : 'Timestamp'} field`);
  }
  return u;
}

/** Truncate days (a date, or the day part of a timestamp) to the start of a date unit. */
function truncDays(days: number, unit: Unit): number {
  switch (unit) {
    case 'week':
      return days - dayOfWeek(days) + 1;
    case 'month':
    case 'quarter':
    case 'year': {
      const { year, month } = civilFromDays(days);
      const m = unit === 'month' ? month : unit === 'quarter' ? month - ((month - 1) % 3) : 1;
      return daysFromCivil(year, m, 1);
    }
    default:
      return days;
  }
}

export function truncTimestamp(micros: number, unit: Unit): number {
  const step = MICROS[unit];
  if (step !== undefined && unit !== 'week') return Math.floor(micros / step) * step;
  return truncDays(Math.floor(micros / MICROS_PER_DAY), unit) * MICROS_PER_DAY;
}

function addTimestamp(micros: number, unit: Unit, n: number): number {
  const step = MICROS[unit];
  if (step !== undefined) return micros + n * step;
  const days = Math.floor(micros / MICROS_PER_DAY);
  return addMonthsToDays(days, n * MONTHS[unit]!) * MICROS_PER_DAY + (micros - days * MICROS_PER_DAY);
}

/** Whole months from a to b (microseconds), truncated toward zero, Joda style. */
function monthsBetween(a: number, b: number): number {
  if (b < a) return -monthsBetween(b, a);
  const da = Math.floor(a / MICROS_PER_DAY);
  const db = Math.floor(b / MICROS_PER_DAY);
  const ca = civilFromDays(da);
  const cb = civilFromDays(db);
  let diff = (cb.year - ca.year) * 12 + cb.month - ca.month;
  let dayA = ca.day;
  // When b is on the last day of its month, a later day of month in a counts as that last day.
  if (cb.day === daysInMonth(cb.year, cb.month) && dayA > cb.day) dayA = cb.day;
  const remA = (dayA - 1) * MICROS_PER_DAY + (a - da * MICROS_PER_DAY);
  const remB = (cb.day - 1) * MICROS_PER_DAY + (b - db * MICROS_PER_DAY);
  if (remB < remA) diff--;
  return diff;
}

const FEB_29 = 59 * MICROS_PER_DAY;

/** Whole years from a to b, balancing February 29th as Joda does. */
function yearsBetween(a: number, b: number): number {
  if (b < a) return -yearsBetween(b, a);
  const ya = civilFromDays(Math.floor(a / MICROS_PER_DAY)).year;
  const yb = civilFromDays(Math.floor(b / MICROS_PER_DAY)).year;
  let remA = a - daysFromCivil(ya, 1, 1) * MICROS_PER_DAY;
  let remB = b - daysFromCivil(yb, 1, 1) * MICROS_PER_DAY;
  if (remA >= FEB_29) {
    if (isLeapYear(ya)) {
      if (!isLeapYear(yb)) remA -= MICROS_PER_DAY;
    } else if (remB >= FEB_29 && isLeapYear(yb)) remB -= MICROS_PER_DAY;
  }
  let diff = yb - ya;
  if (remB < remA) diff--;
  return diff;
}

function diffTimestamps(a: number, b: number, unit: Unit): number {
  const step = MICROS[unit];
  if (step !== undefined) {
    // Trino's fields work on milliseconds.
    const ms = Math.floor(b / 1000) - Math.floor(a / 1000);
    return Math.trunc(ms / (step / 1000)) || 0;
  }
  if (unit === 'year') return yearsBetween(a, b);
  return Math.trunc(monthsBetween(a, b) / MONTHS[unit]!) || 0;
}

const num = (v: NonNullValue): number => Number(v);
const text = (v: NonNullValue): string => v as string;

/**
 * Two overloads, one for dates and one for timestamps: the `any` parameters all take that
 * temporal type (timestamps at their widest precision), the others bind as usual.
 */
function temporalOverloads(
  params: readonly ('varchar' | 'any' | SqlType)[],
  ret: (t: SqlType) => SqlType,
  fn: (isDate: boolean, args: NonNullValue[]) => number,
): Overload[] {
  const make = (isDate: boolean): Overload => ({
    match(argTypes) {
      if (argTypes.length !== params.length) return null;
      let precision = -1;
      for (let i = 0; i < params.length; i++) {
        if (params[i] !== 'any') continue;
        const t = argTypes[i]!;
        if (t.kind === 'unknown') continue;
        if (isDate ? t.kind !== 'date' : t.kind !== 'timestamp') return null;
        if (t.kind === 'timestamp') precision = Math.max(precision, t.precision);
      }
      if (!isDate && precision < 0) return null;
      const temporal: SqlType = isDate ? DATE : { kind: 'timestamp', precision };
      const bound = bindParams(
        params.map((p) => (p === 'any' ? temporal : p)),
        argTypes,
      );
      return bound === null ? null : { argTypes: bound, returnType: ret(temporal) };
    },
    kernel: (sig) => liftN(sig.returnType, (args) => fn(isDate, args)),
  });
  return [make(true), make(false)];
}

export const DATE_TRUNC = defineFunction({
  name: 'date_trunc',
  signatures: ['date_trunc(varchar, date) → date', 'date_trunc(varchar, timestamp(p)) → timestamp(p)'],
  overloads: temporalOverloads(['varchar', 'any'], (t) => t, (isDate, [u, x]) =>
    isDate ? truncDays(num(x!), unitOf(text(u!), true)) : truncTimestamp(num(x!), unitOf(text(u!), false)),
  ),
});

export const DATE_ADD = defineFunction({
  name: 'date_add',
  signatures: ['date_add(varchar, bigint, date) → date', 'date_add(varchar, bigint, timestamp(p)) → timestamp(p)'],
  overloads: temporalOverloads(['varchar', BIGINT, 'any'], (t) => t, (isDate, [u, n, x]) => {
    const unit = unitOf(text(u!), isDate);
    if (isDate) return addTimestamp(num(x!) * MICROS_PER_DAY, unit, num(n!)) / MICROS_PER_DAY;
    return addTimestamp(num(x!), unit, num(n!));
  }),
});

export const DATE_DIFF = defineFunction({
  name: 'date_diff',
  signatures: ['date_diff(varchar, date, date) → bigint', 'date_diff(varchar, timestamp(p), timestamp(p)) → bigint'],
  overloads: temporalOverloads(['varchar', 'any', 'any'], () => BIGINT, (isDate, [u, a, b]) => {
    const unit = unitOf(text(u!), isDate);
    const scale = isDate ? MICROS_PER_DAY : 1;
    return diffTimestamps(num(a!) * scale, num(b!) * scale, unit);
  }),
});
