/**
 * Hive-style partitions: directories `key=value` between a table's root and its files become
 * columns, typed as DuckDB infers them: all integers → bigint, all ISO dates → date, else
 * varchar. `__HIVE_DEFAULT_PARTITION__` is NULL.
 */
import { BIGINT, DATE, VARCHAR, type SqlType } from '../types/sqlType.ts';
import { parseDate } from '../types/datetime.ts';
import type { Value } from '../types/value.ts';

export const HIVE_NULL = '__HIVE_DEFAULT_PARTITION__';

export interface PartitionPath {
  readonly keys: readonly string[];
  /** Raw (unescaped) text of each value; null for the default partition. */
  readonly values: readonly (string | null)[];
}

/** Partition keys and values in a path relative to the table root (`a=1/b=x/f.parquet`). */
export function parsePartitionPath(relativePath: string): PartitionPath {
  const dirs = relativePath.split('/').slice(0, -1);
  const keys: string[] = [];
  const values: (string | null)[] = [];
  for (const d of dirs) {
    const eq = d.indexOf('=');
    if (eq <= 0) continue;
    keys.push(unescapeHive(d.slice(0, eq)).toLowerCase());
    const raw = unescapeHive(d.slice(eq + 1));
    values.push(raw === HIVE_NULL ? null : raw);
  }
  return { keys, values };
}

/** Hive escapes special characters in path segments as %XX. */
function unescapeHive(s: string): string {
  return s.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The type DuckDB would give a partition column with these values. */
export function inferPartitionType(values: readonly (string | null)[]): SqlType {
  const present = values.filter((v): v is string => v !== null);
  if (present.length === 0) return VARCHAR;
  if (present.every(isInt64Text)) return BIGINT;
  if (present.every((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && parseDate(v) !== null)) return DATE;
  return VARCHAR;
}

function isInt64Text(v: string): boolean {
  if (!/^[+-]?\d{1,19}$/.test(v)) return false;
  const n = BigInt(v);
  return n >= INT64_MIN && n <= INT64_MAX;
}

export function partitionValue(text: string | null, type: SqlType): Value {
  if (text === null) return null;
  switch (type.kind) {
    case 'bigint':
      return BigInt(text);
    case 'date':
      return parseDate(text);
    default:
      return text;
  }
}
