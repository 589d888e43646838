/**
 * Values as the Trino client protocol encodes them in JSON: decimal as an exact string, bigint
 * as a number (a string beyond 2^53), double as a number ("NaN"/"Infinity" as strings), date as
 * "YYYY-MM-DD", timestamp as "YYYY-MM-DD HH:MM:SS.fff…" with the type's precision, varbinary as
 * base64, intervals as Trino prints them.
 */
import { formatDate, formatDayTime, formatTimestamp, formatYearMonth } from './datetime.ts';
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
      return formatDayTime(v as number);
    case 'interval year to month':
      return formatYearMonth(v as number);
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
