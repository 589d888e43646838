/**
 * EventBridge cron expressions: `cron(minutes hours day-of-month month day-of-week year)`, in UTC,
 * with the wildcards EventBridge documents per field:
 *
 * | field        | values            | wildcards        |
 * |--------------|-------------------|------------------|
 * | minutes      | 0-59              | , - * /          |
 * | hours        | 0-23              | , - * /          |
 * | day-of-month | 1-31              | , - * ? / L W    |
 * | month        | 1-12 or JAN-DEC   | , - * /          |
 * | day-of-week  | 1-7 or SUN-SAT    | , - * ? L #      |
 * | year         | 1970-2199         | , - * /          |
 *
 * Exactly one of day-of-month and day-of-week is `?`. `L` is the month's last day (day-of-month)
 * or Saturday (day-of-week, the week's last day); `nL` the month's last weekday n (as in Quartz,
 * whose syntax EventBridge's is); `nW` the weekday (Mon–Fri) nearest day n within its month, `LW`
 * the month's last weekday; `d#n` the n-th weekday d of the month. These stand alone in their
 * field. Ranges must run forwards. Anything else is an error that says what is wrong.
 */

export class ScheduleSyntaxError extends Error {}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2199;

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  readonly step: boolean;
}

const FIELDS = {
  minutes: { name: 'minutes', min: 0, max: 59, step: true },
  hours: { name: 'hours', min: 0, max: 23, step: true },
  dayOfMonth: { name: 'day-of-month', min: 1, max: 31, step: true },
  month: { name: 'month', min: 1, max: 12, names: MONTHS, step: true },
  dayOfWeek: { name: 'day-of-week', min: 1, max: 7, names: WEEKDAYS, step: false },
  year: { name: 'year', min: MIN_YEAR, max: MAX_YEAR, step: true },
} as const satisfies Record<string, FieldSpec>;

/** Which days of a month match: by day of month, or by day of week (1 = Sunday … 7 = Saturday). */
type DayRule =
  | { readonly kind: 'any' }
  | { readonly kind: 'days'; readonly days: ReadonlySet<number> }
  | { readonly kind: 'lastDay' }
  | { readonly kind: 'lastWeekday' }
  | { readonly kind: 'nearestWeekday'; readonly day: number }
  | { readonly kind: 'weekdays'; readonly weekdays: ReadonlySet<number> }
  | { readonly kind: 'lastOfWeekday'; readonly weekday: number }
  | { readonly kind: 'nthWeekday'; readonly weekday: number; readonly n: number };

export interface CronExpression {
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly months: readonly number[];
  readonly years: readonly number[];
  readonly day: DayRule;
}

const fail = (field: FieldSpec, text: string, what: string): never => {
  throw new ScheduleSyntaxError(`${field.name} '${text}': ${what}`);
};

/** Parses the six fields inside `cron(...)`. */
export function parseCron(body: string): CronExpression {
  const parts = body.trim().split(/\s+/);
  if (parts.length !== 6 || parts[0] === '') {
    throw new ScheduleSyntaxError(
      `cron takes 6 fields (minutes hours day-of-month month day-of-week year), got ${parts[0] === '' ? 0 : parts.length}`,
    );
  }
  const [min, hour, dom, month, dow, year] = parts as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) {
    throw new ScheduleSyntaxError(
      `day-of-month '${dom}' and day-of-week '${dow}': exactly one of them must be '?' (EventBridge cannot match both)`,
    );
  }
  return {
    minutes: valueList(FIELDS.minutes, min),
    hours: valueList(FIELDS.hours, hour),
    months: valueList(FIELDS.month, month),
    years: valueList(FIELDS.year, year),
    day: dom === '?' ? dayOfWeekRule(dow) : dayOfMonthRule(dom),
  };
}

/** A field of `,`-separated values, ranges and increments, sorted and without repeats. */
function valueList(field: FieldSpec, text: string): number[] {
  if (text === '?') fail(field, text, "'?' is only for day-of-month or day-of-week");
  const values = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') fail(field, text, 'empty list item');
    const slash = item.indexOf('/');
    const rangeText = slash < 0 ? item : item.slice(0, slash);
    let step = 1;
    if (slash >= 0) {
      if (!field.step) fail(field, text, "'/' is not allowed in this field");
      const stepText = item.slice(slash + 1);
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1) fail(field, text, `increment '${stepText}' must be a positive integer`);
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (rangeText === '*') {
      from = field.min;
      to = field.max;
    } else if (rangeText.includes('-')) {
      const [a, b, ...extra] = rangeText.split('-');
      if (extra.length > 0) fail(field, text, `'${rangeText}' is not a range`);
      from = fieldValue(field, text, a!);
      to = fieldValue(field, text, b!);
      if (from > to) fail(field, text, `range ${a}-${b} runs backwards`);
    } else {
      from = fieldValue(field, text, rangeText);
      // `5/15` means 5, 20, 35, 50: from the start to the field's end.
      to = slash >= 0 ? field.max : from;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

function fieldValue(field: FieldSpec, text: string, token: string): number {
  const upper = token.toUpperCase();
  const named = field.names?.indexOf(upper) ?? -1;
  if (named >= 0) return named + 1;
  if (!/^\d+$/.test(token)) {
    const hint = /[LW#?*/]/.test(token) ? ' (that wildcard must stand alone in the field)' : '';
    return fail(field, text, `'${token}' is not a value${field.names ? ` (${field.min}-${field.max} or ${field.names[0]}-${field.names.at(-1)})` : ` (${field.min}-${field.max})`}${hint}`);
  }
  const v = Number(token);
  if (v < field.min || v > field.max) fail(field, text, `${v} is outside ${field.min}-${field.max}`);
  return v;
}

function dayOfMonthRule(text: string): DayRule {
  const field = FIELDS.dayOfMonth;
  const upper = text.toUpperCase();
  if (text === '*') return { kind: 'any' };
  if (upper === 'L') return { kind: 'lastDay' };
  if (upper === 'LW') return { kind: 'lastWeekday' };
  const w = /^(\d+)W$/i.exec(text);
  if (w) return { kind: 'nearestWeekday', day: fieldValue(field, text, w[1]!) };
  if (/[LW#]/i.test(text)) fail(field, text, "'L', 'LW' and 'nW' stand alone; '#' is for day-of-week");
  return { kind: 'days', days: new Set(valueList(field, text)) };
}

function dayOfWeekRule(text: string): DayRule {
  const field = FIELDS.dayOfWeek;
  const upper = text.toUpperCase();
  if (text === '*') return { kind: 'any' };
  if (upper === 'L') return { kind: 'weekdays', weekdays: new Set([7]) };
  const last = /^(\w+)L$/i.exec(text);
  if (last && !text.includes(',')) return { kind: 'lastOfWeekday', weekday: fieldValue(field, text, last[1]!) };
  const nth = /^(\w+)#(\w+)$/.exec(text);
  if (nth) {
    const n = nth[2]!;
    if (!/^[1-5]$/.test(n)) fail(field, text, `'#${n}': the week of the month must be 1-5`);
    return { kind: 'nthWeekday', weekday: fieldValue(field, text, nth[1]!), n: Number(n) };
  }
  if (text.includes('#')) fail(field, text, "'#' takes one day and one week ('3#2' = the second Tuesday), alone in the field");
  if (/L/i.test(text.replace(/[A-Z]{3}/gi, ''))) fail(field, text, "'L' and 'nL' stand alone in day-of-week");
  return { kind: 'weekdays', weekdays: new Set(valueList(field, text)) };
}

const MINUTE = 60_000;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1 = Sunday … 7 = Saturday. */
function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

/** The weekday (Mon–Fri) nearest `day`, staying within the month (Quartz's `W`). */
function nearestWeekday(year: number, month: number, day: number): number {
  const last = daysIn(year, month);
  const wd = weekdayOf(year, month, day);
  if (wd === 7) return day === 1 ? 3 : day - 1; // Saturday: Friday before, or Monday the 3rd
  if (wd === 1) return day === last ? day - 2 : day + 1; // Sunday: Monday after, or Friday before the end
  return day;
}

function dayMatches(rule: DayRule, year: number, month: number, day: number): boolean {
  switch (rule.kind) {
    case 'any':
      return true;
    case 'days':
      return rule.days.has(day);
    case 'lastDay':
      return day === daysIn(year, month);
    case 'lastWeekday':
      return day === nearestWeekday(year, month, daysIn(year, month));
    case 'nearestWeekday':
      return rule.day <= daysIn(year, month) && day === nearestWeekday(year, month, rule.day);
    case 'weekdays':
      return rule.weekdays.has(weekdayOf(year, month, day));
    case 'lastOfWeekday':
      return weekdayOf(year, month, day) === rule.weekday && day + 7 > daysIn(year, month);
    case 'nthWeekday':
      return weekdayOf(year, month, day) === rule.weekday && Math.ceil(day / 7) === rule.n;
    default: {
      const never: never = rule;
      throw new Error(`unknown day rule ${JSON.stringify(never)}`);
    }
  }
}

function firstAfter(values: readonly number[], v: number): number | undefined {
  return values.find((x) => x > v);
}

/**
 * The first fire time strictly after `after` (ms since the epoch), on a whole minute, or null when
 * the expression never fires again (its years are past, or its day never exists, e.g. 30 Feb).
 */
export function nextCronTime(cron: CronExpression, after: number): number | null {
  let t = Math.floor(after / MINUTE) * MINUTE + MINUTE;
  // Each step moves t to the next candidate of the first field that does not match, so the loop
  // visits at most a few candidates per day of the years it crosses.
  for (;;) {
    const d = new Date(t);
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth() + 1;
    const day = d.getUTCDate();
    const hour = d.getUTCHours();
    const minute = d.getUTCMinutes();
    if (year > MAX_YEAR) return null;
    if (!cron.years.includes(year)) {
      const ny = firstAfter(cron.years, year);
      if (ny === undefined) return null;
      t = Date.UTC(ny, 0, 1);
    } else if (!cron.months.includes(month)) {
      const nm = firstAfter(cron.months, month);
      t = nm === undefined ? Date.UTC(year + 1, 0, 1) : Date.UTC(year, nm - 1, 1);
    } else if (!dayMatches(cron.day, year, month, day)) {
      t = Date.UTC(year, month - 1, day + 1);
    } else if (!cron.hours.includes(hour)) {
      const nh = firstAfter(cron.hours, hour);
      t = nh === undefined ? Date.UTC(year, month - 1, day + 1) : Date.UTC(year, month - 1, day, nh);
    } else if (!cron.minutes.includes(minute)) {
      const nm = firstAfter(cron.minutes, minute);
      t = nm === undefined ? Date.UTC(year, month - 1, day, hour + 1) : Date.UTC(year, month - 1, day, hour, nm);
    } else {
      return t;
    }
  }
}
