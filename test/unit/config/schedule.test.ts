/**
 * EventBridge schedule expressions: next fire times worked out by hand from a calendar (UTC),
 * and the errors each kind of bad expression gets.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { latestFireTime, parseSchedule, ScheduleSyntaxError } from '../../../src/config/schedule.ts';

const t = (iso: string): number => Date.parse(iso);
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString().replace(':00.000Z', 'Z'));

// [expression, after, next fire time] (times UTC, minutes precision)
const NEXT: ReadonlyArray<readonly [string, string, string | null]> = [
  // plain values, strictly after
  ['cron(0 6 * * ? *)', '2026-11-21T05:59:59Z', '2026-11-21T06:00Z'],
  ['cron(0 6 * * ? *)', '2026-11-21T06:00:00Z', '2026-11-22T06:00Z'],
  ['cron(15 12 * * ? *)', '2026-11-21T12:15:30Z', '2026-11-22T12:15Z'],
  // increments, lists, ranges, names
  ['cron(0/15 * * * ? *)', '2026-01-01T00:07:30Z', '2026-01-01T00:15Z'],
  ['cron(0/15 * * * ? *)', '2026-01-01T00:45:00Z', '2026-01-01T01:00Z'],
  ['cron(1/10 * * * ? *)', '2026-01-01T00:31:00Z', '2026-01-01T00:41Z'],
  ['cron(*/20 * * * ? *)', '2026-01-01T00:41:00Z', '2026-01-01T01:00Z'],
  ['cron(0 10,15 * * ? *)', '2026-01-01T10:00:00Z', '2026-01-01T15:00Z'],
  ['cron(0 8-17/3 * * ? *)', '2026-01-01T11:00:00Z', '2026-01-01T14:00Z'],
  ['cron(0 8-17/3 * * ? *)', '2026-01-01T17:00:00Z', '2026-01-02T08:00Z'],
  ['cron(0 10 ? * MON-FRI *)', '2026-11-20T10:00:00Z', '2026-11-23T10:00Z'],
  ['cron(0 10 ? * 2-6 *)', '2026-11-20T10:00:00Z', '2026-11-23T10:00Z'],
  ['cron(0 10 ? * sat,SUN *)', '2026-11-20T10:00:00Z', '2026-11-21T10:00Z'],
  ['cron(0 0 1 JAN,JUL ? *)', '2026-01-01T00:00:00Z', '2026-07-01T00:00Z'],
  ['cron(0 0 1 */3 ? *)', '2026-02-10T00:00:00Z', '2026-04-01T00:00Z'],
  ['cron(0 0 1/10 * ? *)', '2026-01-21T00:00:00Z', '2026-01-31T00:00Z'],
  // day 31 skips the 30-day months; year end rolls over
  ['cron(0 0 31 * ? *)', '2026-03-31T00:00:00Z', '2026-05-31T00:00Z'],
  ['cron(59 23 31 12 ? *)', '2026-12-31T23:59:00Z', '2027-12-31T23:59Z'],
  // L: last day of the month (leap years included)
  ['cron(0 0 L * ? *)', '2024-02-01T00:00:00Z', '2024-02-29T00:00Z'],
  ['cron(0 0 L * ? *)', '2023-02-01T00:00:00Z', '2023-02-28T00:00Z'],
  ['cron(0 0 L * ? *)', '2024-02-29T00:00:00Z', '2024-03-31T00:00Z'],
  ['cron(0 0 L 2 ? *)', '2100-01-01T00:00:00Z', '2100-02-28T00:00Z'], // 2100 is not a leap year
  // leap days: only every fourth year (2000 was one: divisible by 400)
  ['cron(0 12 29 2 ? *)', '2025-01-01T00:00:00Z', '2028-02-29T12:00Z'],
  ['cron(0 12 29 2 ? *)', '1999-03-01T00:00:00Z', '2000-02-29T12:00Z'],
  // W: the weekday nearest the day, within the month
  ['cron(0 9 15W * ? *)', '2026-08-01T00:00:00Z', '2026-08-14T09:00Z'], // 15 Aug 2026 is a Saturday
  ['cron(0 9 15W * ? *)', '2026-02-01T00:00:00Z', '2026-02-16T09:00Z'], // 15 Feb 2026 is a Sunday
  ['cron(0 9 15W * ? *)', '2026-05-01T00:00:00Z', '2026-05-15T09:00Z'], // a Friday: itself
  ['cron(0 9 1W * ? *)', '2026-07-31T12:00:00Z', '2026-08-03T09:00Z'], // 1 Aug is a Saturday: Monday the 3rd
  ['cron(0 9 31W * ? *)', '2026-05-01T00:00:00Z', '2026-05-29T09:00Z'], // 31 May is a Sunday: Friday the 29th
  ['cron(0 9 LW * ? *)', '2026-05-01T00:00:00Z', '2026-05-29T09:00Z'],
  ['cron(0 9 LW * ? *)', '2026-01-01T00:00:00Z', '2026-01-30T09:00Z'], // 31 Jan is a Saturday
  ['cron(0 9 LW * ? *)', '2026-11-01T00:00:00Z', '2026-11-30T09:00Z'], // 30 Nov is a Monday
  // #: the n-th weekday of the month
  ['cron(0 8 ? * 3#2 *)', '2026-11-01T00:00:00Z', '2026-11-10T08:00Z'], // second Tuesday
  ['cron(0 8 ? * TUE#2 *)', '2026-11-10T08:00:00Z', '2026-12-08T08:00Z'],
  ['cron(0 8 ? * 6#5 *)', '2026-01-31T00:00:00Z', '2026-05-29T08:00Z'], // fifth Friday: none Feb–Apr
  // L in day-of-week: Saturday alone, the month's last such weekday after a day
  ['cron(0 0 ? * L *)', '2026-11-20T00:00:00Z', '2026-11-21T00:00Z'],
  ['cron(0 0 ? * 6L *)', '2026-11-01T00:00:00Z', '2026-11-27T00:00Z'],
  ['cron(0 0 ? * 2L *)', '2026-08-01T00:00:00Z', '2026-08-31T00:00Z'],
  // ? in either day field
  ['cron(0 0 ? * * *)', '2026-11-21T00:00:00Z', '2026-11-22T00:00Z'],
  ['cron(0 0 * * ? *)', '2026-11-21T00:00:00Z', '2026-11-22T00:00Z'],
  // the year field
  ['cron(0 0 1 1 ? 2030)', '2026-06-01T00:00:00Z', '2030-01-01T00:00Z'],
  ['cron(0 0 1 1 ? 2030)', '2030-01-01T00:00:00Z', null],
  ['cron(0 0 1 1 ? 2027-2031/2)', '2027-01-01T00:00:00Z', '2029-01-01T00:00Z'],
  ['cron(0 0 1 1 ? 2026,2199)', '2026-01-01T00:00:00Z', '2199-01-01T00:00Z'],
  ['cron(0 0 1 1 ? 2020)', '2026-01-01T00:00:00Z', null],
  // rates: multiples of the period since the epoch
  ['rate(1 minute)', '2026-11-21T06:00:30Z', '2026-11-21T06:01Z'],
  ['rate(5 minutes)', '2026-11-21T06:03:00Z', '2026-11-21T06:05Z'],
  ['rate(5 minutes)', '2026-11-21T06:05:00Z', '2026-11-21T06:10Z'],
  ['rate(1 hour)', '2026-11-21T05:59:59Z', '2026-11-21T06:00Z'],
  ['rate(1 hour)', '2026-11-21T06:00:00Z', '2026-11-21T07:00Z'],
  ['rate(6 hours)', '2026-11-21T06:00:00Z', '2026-11-21T12:00Z'],
  ['rate(1 day)', '2024-02-28T12:00:00Z', '2024-02-29T00:00Z'],
  ['rate(2 days)', '1970-01-01T00:00:00Z', '1970-01-03T00:00Z'],
];

describe('next fire time', () => {
  it.each(NEXT)('%s after %s is %s', (expression, after, expected) => {
    expect(iso(parseSchedule(expression).next(t(after)))).toBe(expected);
  });
});

describe('UTC, whatever the process time zone', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  // 2026-03-08 (US) and 2026-03-29 (EU) move local clocks; a UTC schedule keeps its 24-hour step.
  it.each(['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe'])('%s: 01:30 UTC every day across the DST changes', (zone) => {
    process.env.TZ = zone;
    const daily = parseSchedule('cron(30 1 * * ? *)');
    let at = t('2026-03-06T12:00:00Z');
    const fires: string[] = [];
    for (let i = 0; i < 26; i++) {
      at = daily.next(at)!;
      fires.push(iso(at)!);
    }
    expect(fires[0]).toBe('2026-03-07T01:30Z');
    expect(fires.at(-1)).toBe('2026-04-01T01:30Z');
    for (let i = 1; i < fires.length; i++) expect(t(fires[i]!) - t(fires[i - 1]!)).toBe(86_400_000);
  });
});

// [expression, what the error says]
const INVALID: ReadonlyArray<readonly [string, RegExp]> = [
  ['cron(0 6 * * *)', /cron takes 6 fields \(minutes hours day-of-month month day-of-week year\), got 5/],
  ['cron()', /got 0/],
  ['cron(0 6 * * * *)', /exactly one of them must be '\?'/],
  ['cron(0 6 ? * ? *)', /exactly one of them must be '\?'/],
  ['cron(60 * * * ? *)', /minutes '60': 60 is outside 0-59/],
  ['cron(0 24 * * ? *)', /hours '24': 24 is outside 0-23/],
  ['cron(0 0 0 * ? *)', /day-of-month '0': 0 is outside 1-31/],
  ['cron(0 0 * 13 ? *)', /month '13': 13 is outside 1-12/],
  ['cron(0 0 ? * 8 *)', /day-of-week '8': 8 is outside 1-7/],
  ['cron(0 0 * * ? 1969)', /year '1969': 1969 is outside 1970-2199/],
  ['cron(0 0 * * ? 2200)', /year '2200': 2200 is outside 1970-2199/],
  ['cron(0 0 ? * 1/2 *)', /day-of-week '1\/2': '\/' is not allowed/],
  ['cron(0/0 * * * ? *)', /increment '0' must be a positive integer/],
  ['cron(0 22-2 * * ? *)', /hours '22-2': range 22-2 runs backwards/],
  ['cron(0 0 * FOO ? *)', /month 'FOO': 'FOO' is not a value \(1-12 or JAN-DEC\)/],
  ['cron(L * * * ? *)', /minutes 'L': 'L' is not a value \(0-59\) \(that wildcard must stand alone/],
  ['cron(0 0 L,15 * ? *)', /day-of-month 'L,15': 'L', 'LW' and 'nW' stand alone/],
  ['cron(0 0 32W * ? *)', /day-of-month '32W': 32 is outside 1-31/],
  ['cron(0 0 ? * 3#6 *)', /the week of the month must be 1-5/],
  ['cron(0 0 ? * 3#1,6#3 *)', /'#' takes one day and one week/],
  ['cron(0 0 ? * 1-5L *)', /'L' and 'nL' stand alone/],
  ['cron(0 0 ? * * ?)', /year '\?': '\?' is only for day-of-month or day-of-week/],
  ['cron(0 0 30 2 ? *)', /never fires/],
  ['cron(0 0 29 2 ? 2025-2027)', /never fires/],
  ['cron(0 0 1,,2 * ? *)', /empty list item/],
  ['rate(1 hours)', /use the singular 'hour' for 1/],
  ['rate(5 minute)', /use the plural 'minutes' above 1/],
  ['rate(0 minutes)', /rate value '0' must be a positive integer/],
  ['rate(1.5 hours)', /rate value '1.5' must be a positive integer/],
  ['rate(2 weeks)', /rate unit 'weeks' must be minute\(s\), hour\(s\) or day\(s\)/],
  ['rate(5minutes)', /rate takes a value and a unit/],
  ['every 5 minutes', /expected cron\(\.\.\.\) or rate\(\.\.\.\)/],
  ['cron(0 6 * * ? *', /expected cron/],
];

describe('invalid expressions', () => {
  it.each(INVALID)('%s', (expression, message) => {
    let error: unknown;
    try {
      parseSchedule(expression);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ScheduleSyntaxError);
    expect((error as Error).message).toMatch(message);
  });
});

describe('latest fire time: the one run owed after a pause', () => {
  const CASES: ReadonlyArray<readonly [string, string, string, string | null]> = [
    ['rate(1 hour)', '2026-11-21T00:00:00Z', '2026-11-21T05:30:00Z', '2026-11-21T05:00Z'],
    ['rate(1 hour)', '2026-11-21T05:00:00Z', '2026-11-21T05:30:00Z', null],
    ['rate(1 hour)', '2026-11-21T05:00:00Z', '2026-11-21T06:00:00Z', '2026-11-21T06:00Z'],
    ['cron(0 6 * * ? *)', '2026-11-20T06:00:00Z', '2026-11-25T07:00:00Z', '2026-11-25T06:00Z'],
    // dense in January, nothing since: the last minute of January
    ['cron(* * * 1 ? *)', '2025-12-01T00:00:00Z', '2026-06-01T00:00:00Z', '2026-01-31T23:59Z'],
    ['cron(0 0 1 1 ? 2030)', '2026-01-01T00:00:00Z', '2029-06-01T00:00:00Z', null],
  ];
  it.each(CASES)('%s in (%s, %s] is %s', (expression, after, now, expected) => {
    expect(iso(latestFireTime(parseSchedule(expression), t(after), t(now)))).toBe(expected);
  });
});
