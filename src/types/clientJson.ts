/**
 * Values as the Trino client protocol encodes them in JSON: decimal as an exact string, bigint
 * as a number (a string beyond 2^53), double as a number ("NaN"/"Infinity" as strings), date as
 * "YYYY-MM-DD", timestamp as "YYYY-MM-DD HH:MM:SS.fff…" with the type's precision, varbinary as
 * base64, intervals as Trino prints them.
 */
import { formatDate, formatTimestamp } from './datetime.ts';
import { formatDecimal } from './decimal.ts';
import type { SqlType } from './sqlType.ts';
import type { Value } from './value.ts';

export type ClientValue = null | boolean | number | string | ClientValue[];

export function toClientJson(v: Value, type: SqlType): ClientValue {
  if (v === null) return null;
  switch (type.kind) {
    case 'boolean':
      return v as boolean;
    case 'tinyint':
    case 'smallint':
    case 'integer':
      return v as number;
    case 'bigint': {
      const n = typeof v === 'bigint' ? v : BigInt(v as number);
      return n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString();
    }
    case 'real':
    case 'double': {
      const x = v as number;
      if (Number.isNaN(x)) return 'NaN';
      if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
      return x;
    }
    case 'decimal':
      return formatDecimal(typeof v === 'bigint' ? v : BigInt(v as number), type.scale);
    case 'varchar':
      return v as string;
    case 'varbinary':
      return Buffer.from(v as Uint8Array).toString('base64');
    case 'date':
      return formatDate(v as number);
    case 'timestamp':
      return formatTimestamp(v as number, type.precision);
    case 'interval day to second':
      return formatDayTimeInterval(v as number);
    case 'interval year to month': {
      const m = v as number;
      const sign = m < 0 ? '-' : '';
      const a = Math.abs(m);
      return `${sign}${Math.floor(a / 12)}-${a % 12}`;
    }
    case 'array':
      return (v as Value[]).map((x) => toClientJson(x, type.element));
    case 'unknown':
      return null;
    default: {
      const never: never = type;
      throw new Error(`unexpected type ${JSON.stringify(never)}`);
    }
  }
}

/** Trino prints `interval '1 02:03:04.500' day to second` as "1 02:03:04.500". */
function formatDayTimeInterval(millis: number): string {
  const sign = millis < 0 ? '-' : '';
  let rest = Math.abs(millis);
  const days = Math.floor(rest / 86_400_000);
  rest -= days * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const ms = rest - s * 1000;
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${sign}${days} ${two(h)}:${two(m)}:${two(s)}.${String(ms).padStart(3, '0')}`;
}
