/**
 * Calendar arithmetic on the proleptic Gregorian calendar, the one Trino and Parquet use.
 * Dates are days since 1970-01-01; timestamps are microseconds since 1970-01-01 00:00:00.
 */

export const MICROS_PER_SECOND = 1_000_000;
export const MICROS_PER_DAY = 86_400 * MICROS_PER_SECOND;
export const MILLIS_PER_DAY = 86_400_000;

export interface CivilDate {
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  /** 1..31 */
  readonly day: number;
}

/** Days since the epoch for a civil date (valid for any year, negative included). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/** Add months, clamping the day to the end of the target month (2020-01-31 + 1 month = 2020-02-29). */
export function addMonthsToDays(days: number, months: number): number {
  const { year, month, day } = civilFromDays(days);
  const total = year * 12 + (month - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return daysFromCivil(ny, nm, Math.min(day, daysInMonth(ny, nm)));
}

export function addMonthsToMicros(micros: number, months: number): number {
  const days = Math.floor(micros / MICROS_PER_DAY);
  const timeOfDay = micros - days * MICROS_PER_DAY;
  return addMonthsToDays(days, months) * MICROS_PER_DAY + timeOfDay;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

export function formatDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** `YYYY-MM-DD HH:MM:SS[.fff…]` with exactly `precision` fractional digits, as Trino prints it. */
export function formatTimestamp(micros: number, precision: number): string {
  const days = Math.floor(micros / MICROS_PER_DAY);
  let rest = micros - days * MICROS_PER_DAY;
  const h = Math.floor(rest / 3_600_000_000);
  rest -= h * 3_600_000_000;
  const m = Math.floor(rest / 60_000_000);
  rest -= m * 60_000_000;
  const s = Math.floor(rest / MICROS_PER_SECOND);
  const frac = rest - s * MICROS_PER_SECOND;
  const base = `${formatDate(days)} ${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}`;
  if (precision <= 0) return base;
  return `${base}.${pad(frac, 6).slice(0, precision)}`;
}

const DATE_TEXT = /^\s*([+-]?\d{1,6})-(\d{1,2})-(\d{1,2})\s*$/;

/** Parse `YYYY-MM-DD`; null when malformed or not a real calendar day. */
export function parseDate(text: string): number | null {
  const m = DATE_TEXT.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

const TIMESTAMP_TEXT = /^\s*([+-]?\d{1,6})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,12}))?)?)?\s*$/;

export interface ParsedTimestamp {
  readonly micros: number;
  /** Fractional digits written in the text (Trino gives a literal that precision). */
  readonly precision: number;
}

/** Parse `YYYY-MM-DD[ HH:MM[:SS[.fraction]]]`; digits beyond microseconds are rounded half up. */
export function parseTimestamp(text: string): ParsedTimestamp | null {
  const m = TIMESTAMP_TEXT.exec(text);
  if (!m) return null;
  const days = parseDate(`${m[1]}-${m[2]}-${m[3]}`);
  if (days === null) return null;
  const h = m[4] === undefined ? 0 : Number(m[4]);
  const min = m[5] === undefined ? 0 : Number(m[5]);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  if (h > 23 || min > 59 || s > 59) return null;
  const fracText = m[7] ?? '';
  let fracMicros = 0;
  if (fracText.length > 0) {
    const padded = (fracText + '000000').slice(0, 6);
    fracMicros = Number(padded);
    if (fracText.length > 6 && Number(fracText[6]) >= 5) fracMicros += 1;
  }
  const micros = days * MICROS_PER_DAY + ((h * 60 + min) * 60 + s) * MICROS_PER_SECOND + fracMicros;
  return { micros, precision: Math.min(fracText.length, 6) };
}

/** Round microseconds to `precision` fractional digits, half up, as a cast to timestamp(p) does. */
export function roundMicros(micros: number, precision: number): number {
  if (precision >= 6) return micros;
  const unit = 10 ** (6 - precision);
  return Math.floor((micros + unit / 2) / unit) * unit;
}

/** Trino's text of an interval day to second (milliseconds): `1 02:03:04.005`. */
export function formatDayTime(millis: number): string {
  const neg = millis < 0;
  let rest = Math.abs(millis);
  const days = Math.floor(rest / MILLIS_PER_DAY);
  rest -= days * MILLIS_PER_DAY;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const ms = rest - s * 1000;
  return `${neg ? '-' : ''}${days} ${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(ms, 3)}`;
}

/** Trino's text of an interval year to month (months): `1-2`. */
export function formatYearMonth(months: number): string {
  const a = Math.abs(months);
  return `${months < 0 ? '-' : ''}${Math.floor(a / 12)}-${a % 12}`;
}
