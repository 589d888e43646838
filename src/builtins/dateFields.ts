/**
 * Calendar fields of dates (days since the epoch) and timestamps (microseconds): the values
 * behind year(), month(), week() … and date_trunc(). Weeks are ISO weeks (Monday first; week 1
 * holds the year's first Thursday), as in Trino.
 */
import { civilFromDays, daysFromCivil, MICROS_PER_DAY } from '../types/datetime.ts';

/** ISO day of week: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function dayOfWeek(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

export function dayOfYear(days: number): number {
  const { year } = civilFromDays(days);
  return days - daysFromCivil(year, 1, 1) + 1;
}

/** The ISO week number and its week-based year. */
export function isoWeek(days: number): { week: number; year: number } {
  const thursday = days - dayOfWeek(days) + 4;
  const { year } = civilFromDays(thursday);
  return { week: Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1, year };
}

export function splitMicros(micros: number): { days: number; micros: number } {
  const days = Math.floor(micros / MICROS_PER_DAY);
  return { days, micros: micros - days * MICROS_PER_DAY };
}

export type DateField = 'year' | 'quarter' | 'month' | 'week' | 'day' | 'day_of_week' | 'day_of_year' | 'year_of_week';
export type TimeField = 'hour' | 'minute' | 'second' | 'millisecond';

export function dateField(field: DateField, days: number): number {
  switch (field) {
    case 'year':
      return civilFromDays(days).year;
    case 'quarter':
      return Math.floor((civilFromDays(days).month - 1) / 3) + 1;
    case 'month':
      return civilFromDays(days).month;
    case 'day':
      return civilFromDays(days).day;
    case 'week':
      return isoWeek(days).week;
    case 'year_of_week':
      return isoWeek(days).year;
    case 'day_of_week':
      return dayOfWeek(days);
    case 'day_of_year':
      return dayOfYear(days);
  }
}

/** A field of the time of day, from microseconds since midnight. */
export function timeField(field: TimeField, microsOfDay: number): number {
  switch (field) {
    case 'hour':
      return Math.floor(microsOfDay / 3_600_000_000);
    case 'minute':
      return Math.floor(microsOfDay / 60_000_000) % 60;
    case 'second':
      return Math.floor(microsOfDay / 1_000_000) % 60;
    case 'millisecond':
      return Math.floor(microsOfDay / 1000) % 1000;
  }
}
