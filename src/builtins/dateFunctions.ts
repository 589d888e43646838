/**
 * Field extraction functions (→ bigint): year, quarter, month, week (ISO), year_of_week, day
 * (day_of_month), day_of_week (ISO, 1 = Monday), day_of_year, and on timestamps hour, minute,
 * second, millisecond; plus last_day_of_month and current_date. EXTRACT(f FROM x) binds to these.
 */
import { civilFromDays, daysFromCivil, daysInMonth, MICROS_PER_DAY } from '../types/datetime.ts';
import { BIGINT, DATE, type SqlType } from '../types/sqlType.ts';
import { dateField, timeField, type DateField, type TimeField } from './dateFields.ts';
import { lift1, prepareKernel } from './kernel.ts';
import { defineFunction, overload, type Overload } from './signature.ts';
import type { ScalarFunctionDef, ScalarKernel } from './types.ts';
import { makeNumberReader } from './vectorRead.ts';

const TIMESTAMP_ANY: SqlType = { kind: 'timestamp', precision: 6 };

/** field(x) over a date or timestamp column into a bigint f64 vector (no per-row boxing). */
function extractKernel(fromTimestamp: boolean, field: (days: number, microsOfDay: number) => number): ScalarKernel {
  return prepareKernel(BIGINT, (args, sel, length) => {
    const v = args[0]!;
    const read = makeNumberReader(v);
    const out = new Float64Array(length);
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      const x = read(i);
      if (fromTimestamp) {
        const days = Math.floor(x / MICROS_PER_DAY);
        out[i] = field(days, x - days * MICROS_PER_DAY);
      } else out[i] = field(x, 0);
    }
    return { storage: 'f64', type: BIGINT, length, nulls: v.nulls, values: out };
  });
}

/** Timestamp parameter that keeps the argument's precision (no cast between precisions). */
function timestampOverload(kernel: () => ScalarKernel): Overload {
  return {
    match: (args) => (args.length === 1 && args[0]!.kind === 'timestamp' ? { argTypes: [args[0]!], returnType: BIGINT } : null),
    kernel,
  };
}

function dateFieldFunction(name: string, field: DateField): ScalarFunctionDef {
  return defineFunction({
    name,
    signatures: [`${name}(date) → bigint`, `${name}(timestamp(p)) → bigint`],
    overloads: [
      overload([DATE], BIGINT, () => extractKernel(false, (d) => dateField(field, d))),
      timestampOverload(() => extractKernel(true, (d) => dateField(field, d))),
      // A varchar or other argument gets no match; a NULL literal resolves as a date.
    ],
  });
}

function timeFieldFunction(name: string, field: TimeField): ScalarFunctionDef {
  return defineFunction({
    name,
    signatures: [`${name}(timestamp(p)) → bigint`],
    overloads: [
      timestampOverload(() => extractKernel(true, (_d, m) => timeField(field, m))),
      overload([TIMESTAMP_ANY], BIGINT, () => extractKernel(true, (_d, m) => timeField(field, m))),
    ],
  });
}

export const YEAR = dateFieldFunction('year', 'year');
export const QUARTER = dateFieldFunction('quarter', 'quarter');
export const MONTH = dateFieldFunction('month', 'month');
export const WEEK = dateFieldFunction('week', 'week');
export const YEAR_OF_WEEK = dateFieldFunction('year_of_week', 'year_of_week');
export const DAY = dateFieldFunction('day', 'day');
export const DAY_OF_WEEK = dateFieldFunction('day_of_week', 'day_of_week');
export const DAY_OF_YEAR = dateFieldFunction('day_of_year', 'day_of_year');
export const HOUR = timeFieldFunction('hour', 'hour');
export const MINUTE = timeFieldFunction('minute', 'minute');
export const SECOND = timeFieldFunction('second', 'second');
export const MILLISECOND = timeFieldFunction('millisecond', 'millisecond');

function lastDayOfMonth(days: number): number {
  const { year, month } = civilFromDays(days);
  return daysFromCivil(year, month, daysInMonth(year, month));
}

export const LAST_DAY_OF_MONTH = defineFunction({
  name: 'last_day_of_month',
  signatures: ['last_day_of_month(date) → date', 'last_day_of_month(timestamp(p)) → date'],
  overloads: [
    overload([DATE], DATE, () => lift1(DATE, (d) => lastDayOfMonth(d as number))),
    {
      match: (args) => (args.length === 1 && args[0]!.kind === 'timestamp' ? { argTypes: [args[0]!], returnType: DATE } : null),
      kernel: () => lift1(DATE, (t) => lastDayOfMonth(Math.floor((t as number) / MICROS_PER_DAY))),
    },
  ],
});

/** current_date: the UTC date when the kernel is created (fixed for the whole query). */
export const CURRENT_DATE = defineFunction({
  name: 'current_date',
  signatures: ['current_date → date'],
  overloads: [
    {
      match: (args) => (args.length === 0 ? { argTypes: [], returnType: DATE } : null),
      kernel: () => {
        const today = Math.floor(Date.now() / 86_400_000);
        return (_args, _sel, length) => ({ storage: 'const', type: DATE, length, nulls: null, value: today });
      },
    },
  ],
});
