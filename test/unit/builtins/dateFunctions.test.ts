import { describe, expect, it } from 'vitest';
import { daysFromCivil, MICROS_PER_DAY } from '../../../src/types/datetime.ts';
import { BIGINT, DATE, VARCHAR, formatType, timestamp } from '../../../src/types/sqlType.ts';
import type { Value } from '../../../src/types/value.ts';
import { call, callColumns, callError, type Arg } from './helpers.ts';

const date = (y: number, m: number, d: number): Arg => ({ type: DATE, value: daysFromCivil(y, m, d) });
const ts = (y: number, m: number, d: number, h = 0, mi = 0, s = 0, micros = 0): Arg => ({
  type: timestamp(6),
  value: daysFromCivil(y, m, d) * MICROS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1_000_000 + micros,
});
const unit = (u: string): Arg => ({ type: VARCHAR, value: u });
const n = (v: number): Arg => ({ type: BIGINT, value: BigInt(v) });

describe('field extraction', () => {
  const cases: Array<[string, Arg, bigint]> = [
    ['year', date(1998, 12, 1), 1998n],
    ['year', date(-5, 3, 1), -5n],
    ['quarter', date(2020, 8, 15), 3n],
    ['month', date(2020, 2, 29), 2n],
    ['day', date(2020, 2, 29), 29n],
    ['day_of_month', date(2020, 2, 29), 29n],
    ['day_of_week', date(2024, 1, 1), 1n],
    ['dow', date(2024, 1, 7), 7n],
    ['day_of_year', date(2020, 12, 31), 366n],
    ['doy', date(2021, 3, 1), 60n],
    ['week', date(2021, 1, 1), 53n],
    ['week', date(2021, 1, 4), 1n],
    ['week', date(2026, 12, 31), 53n],
    ['year_of_week', date(2021, 1, 1), 2020n],
    ['year', ts(1969, 12, 31, 23, 59, 59), 1969n],
    ['hour', ts(2020, 1, 1, 13, 45, 7, 123456), 13n],
    ['minute', ts(2020, 1, 1, 13, 45, 7, 123456), 45n],
    ['second', ts(2020, 1, 1, 13, 45, 7, 123456), 7n],
    ['millisecond', ts(2020, 1, 1, 13, 45, 7, 123456), 123n],
    ['hour', ts(1969, 12, 31, 23, 0, 0), 23n],
  ];
  it.each(cases)('%s(%o) = %s', (name, arg, expected) => {
    const r = call(name, arg);
    expect(r.value).toBe(expected);
    expect(r.type).toEqual(BIGINT);
  });

  it('works on dictionary and NULL inputs', () => {
    const days: Value[] = [daysFromCivil(1995, 3, 15), null, daysFromCivil(1996, 1, 1), daysFromCivil(1995, 3, 15)];
    for (const storage of ['natural', 'dict'] as const) {
      expect(callColumns('year', [DATE], [days], [storage]).values).toEqual([1995n, null, 1996n, 1995n]);
    }
  });
});

describe('date_trunc, date_add, date_diff', () => {
  it('date_trunc keeps the argument type', () => {
    expect(call('date_trunc', unit('month'), date(2020, 2, 29))).toEqual({ type: DATE, value: daysFromCivil(2020, 2, 1) });
    expect(call('date_trunc', unit('QUARTER'), date(2020, 8, 29)).value).toBe(daysFromCivil(2020, 7, 1));
    expect(call('date_trunc', unit('year'), date(2020, 8, 29)).value).toBe(daysFromCivil(2020, 1, 1));
    expect(call('date_trunc', unit('week'), date(2024, 1, 7)).value).toBe(daysFromCivil(2024, 1, 1));
    const t = call('date_trunc', unit('hour'), ts(2020, 1, 1, 13, 45, 7, 5));
    expect(t).toEqual({ type: timestamp(6), value: ts(2020, 1, 1, 13).value });
    expect(call('date_trunc', unit('second'), ts(1969, 12, 31, 23, 59, 59, 500)).value).toBe(ts(1969, 12, 31, 23, 59, 59).value);
    expect(call('date_trunc', unit('month'), ts(2020, 2, 29, 5)).value).toBe(ts(2020, 2, 1).value);
  });

  it('rejects units that do not apply', () => {
    expect(callError('date_trunc', unit('hour'), date(2020, 1, 1))).toBe("INVALID_FUNCTION_ARGUMENT: 'hour' is not a valid DATE field");
    expect(callError('date_trunc', unit('fortnight'), ts(2020, 1, 1))).toBe(
      "INVALID_FUNCTION_ARGUMENT: 'fortnight' is not a valid Timestamp field",
    );
  });

  it('date_add', () => {
    expect(call('date_add', unit('day'), n(3), date(2020, 2, 27)).value).toBe(daysFromCivil(2020, 3, 1));
    expect(call('date_add', unit('month'), n(1), date(2020, 1, 31)).value).toBe(daysFromCivil(2020, 2, 29));
    expect(call('date_add', unit('year'), n(-1), date(2020, 2, 29)).value).toBe(daysFromCivil(2019, 2, 28));
    expect(call('date_add', unit('quarter'), n(1), date(2020, 11, 30)).value).toBe(daysFromCivil(2021, 2, 28));
    expect(call('date_add', unit('hour'), n(25), ts(2020, 1, 1)).value).toBe(ts(2020, 1, 2, 1).value);
    expect(call('date_add', unit('month'), n(1), ts(2020, 1, 31, 12)).value).toBe(ts(2020, 2, 29, 12).value);
    expect(formatType(call('date_add', unit('day'), n(1), { type: timestamp(3), value: 0 }).type)).toBe('timestamp(3)');
  });

  const diffs: Array<[string, Arg, Arg, bigint]> = [
    ['day', date(2020, 1, 1), date(2020, 3, 1), 60n],
    ['day', date(2020, 3, 1), date(2020, 1, 1), -60n],
    ['week', date(2020, 1, 1), date(2020, 1, 14), 1n],
    ['month', date(2020, 1, 31), date(2020, 2, 29), 1n],
    ['month', date(2020, 1, 30), date(2020, 2, 28), 0n],
    ['month', date(2020, 2, 29), date(2020, 1, 31), -1n],
    ['month', date(2020, 1, 15), date(2020, 3, 14), 1n],
    ['quarter', date(2020, 1, 1), date(2020, 12, 31), 3n],
    ['year', date(2020, 2, 29), date(2021, 2, 28), 1n],
    ['year', date(2020, 3, 1), date(2021, 2, 28), 0n],
    ['year', date(2019, 3, 1), date(2020, 2, 29), 0n],
    ['year', date(2019, 3, 1), date(2020, 3, 1), 1n],
    ['year', date(2000, 1, 1), date(1990, 6, 1), -9n],
    ['hour', ts(2020, 1, 1, 0, 30), ts(2020, 1, 1, 2, 29), 1n],
    ['second', ts(2020, 1, 1, 0, 0, 0, 999_999), ts(2020, 1, 1, 0, 0, 1), 0n],
    ['millisecond', ts(2020, 1, 1), ts(2020, 1, 1, 0, 0, 1, 1500), 1001n],
    ['month', ts(2020, 1, 31, 12), ts(2020, 2, 29, 11), 0n],
    ['day', ts(2020, 1, 1, 12), ts(2020, 1, 3, 11), 1n],
  ];
  it.each(diffs)('date_diff(%s, %o, %o) = %s', (u, a, b, expected) => {
    expect(call('date_diff', unit(u), a, b).value).toBe(expected);
  });

  it('current_date is a date', () => {
    const r = call('current_date');
    expect(r.type).toEqual(DATE);
    expect(r.value).toBe(Math.floor(Date.now() / 86_400_000));
  });

  it('last_day_of_month', () => {
    expect(call('last_day_of_month', date(2020, 2, 3)).value).toBe(daysFromCivil(2020, 2, 29));
    expect(call('last_day_of_month', ts(2021, 2, 3, 5)).value).toBe(daysFromCivil(2021, 2, 28));
  });
});
