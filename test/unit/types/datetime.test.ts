import { describe, expect, it } from 'vitest';
import {
  addMonthsToDays,
  civilFromDays,
  daysFromCivil,
  formatDate,
  formatTimestamp,
  parseDate,
  parseTimestamp,
} from '../../../src/types/datetime.ts';

describe('datetime', () => {
  it('round-trips every day across four centuries', () => {
    const mismatches: number[] = [];
    for (let d = daysFromCivil(1800, 1, 1); d < daysFromCivil(2200, 1, 1); d += 1) {
      const c = civilFromDays(d);
      if (daysFromCivil(c.year, c.month, c.day) !== d) mismatches.push(d);
    }
    expect(mismatches).toEqual([]);
  });

  it('agrees with the JavaScript Date on known days', () => {
    for (const text of ['1970-01-01', '1992-01-02', '1998-12-01', '2000-02-29', '1900-03-01', '1969-12-31']) {
      expect(parseDate(text)).toBe(Date.parse(`${text}T00:00:00Z`) / 86_400_000);
      expect(formatDate(parseDate(text)!)).toBe(text);
    }
  });

  it('rejects impossible dates', () => {
    expect(parseDate('1999-02-29')).toBeNull();
    expect(parseDate('1999-13-01')).toBeNull();
    expect(parseDate('1999-1')).toBeNull();
  });

  it('adds months clamping to the end of the month', () => {
    expect(formatDate(addMonthsToDays(parseDate('2020-01-31')!, 1))).toBe('2020-02-29');
    expect(formatDate(addMonthsToDays(parseDate('2021-01-31')!, 1))).toBe('2021-02-28');
    expect(formatDate(addMonthsToDays(parseDate('1998-12-01')!, -3))).toBe('1998-09-01');
    expect(formatDate(addMonthsToDays(parseDate('1995-03-15')!, 12 * 3))).toBe('1998-03-15');
  });

  it('parses and prints timestamps with their precision', () => {
    const t = parseTimestamp('2001-08-22 03:04:05.321')!;
    expect(t.precision).toBe(3);
    expect(formatTimestamp(t.micros, 3)).toBe('2001-08-22 03:04:05.321');
    expect(formatTimestamp(t.micros, 6)).toBe('2001-08-22 03:04:05.321000');
    expect(formatTimestamp(t.micros, 0)).toBe('2001-08-22 03:04:05');
    expect(parseTimestamp('2001-08-22')!.micros).toBe(Date.parse('2001-08-22T00:00:00Z') * 1000);
    expect(formatTimestamp(parseTimestamp('1969-12-31 23:59:59.5')!.micros, 1)).toBe('1969-12-31 23:59:59.5');
    expect(parseTimestamp('2001-08-22 25:00:00')).toBeNull();
  });
});
