/**
 * SQL types, named and coerced as Trino does. A type is plain data so plans can be serialized
 * to JSON and shipped to scan workers.
 */

export type SqlType =
  | { readonly kind: 'boolean' }
  | { readonly kind: 'tinyint' }
  | { readonly kind: 'smallint' }
  | { readonly kind: 'integer' }
  | { readonly kind: 'bigint' }
  | { readonly kind: 'real' }
  | { readonly kind: 'double' }
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
  /** `length` null means unbounded `varchar`. */
  | { readonly kind: 'varchar'; readonly length: number | null }
  | { readonly kind: 'varbinary' }
  | { readonly kind: 'date' }
  /** Values are microseconds since the epoch (UTC wall clock); precision is 0..6 fractional digits. */
  | { readonly kind: 'timestamp'; readonly precision: number }
  /** Values are milliseconds. */
  | { readonly kind: 'interval day to second' }
  /** Values are months. */
  | { readonly kind: 'interval year to month' }
  /** An array; only aggregate states use it (e.g. the value set of count(DISTINCT x)). */
  | { readonly kind: 'array'; readonly element: SqlType }
  /** The type of a bare NULL literal; coerces to anything. */
  | { readonly kind: 'unknown' };

export type TypeKind = SqlType['kind'];

export const MAX_DECIMAL_PRECISION = 38;
export const MAX_TIMESTAMP_PRECISION = 6;

export const BOOLEAN: SqlType = { kind: 'boolean' };
export const TINYINT: SqlType = { kind: 'tinyint' };
export const SMALLINT: SqlType = { kind: 'smallint' };
export const INTEGER: SqlType = { kind: 'integer' };
export const BIGINT: SqlType = { kind: 'bigint' };
export const REAL: SqlType = { kind: 'real' };
export const DOUBLE: SqlType = { kind: 'double' };
export const VARCHAR: SqlType = { kind: 'varchar', length: null };
export const VARBINARY: SqlType = { kind: 'varbinary' };
export const DATE: SqlType = { kind: 'date' };
export const INTERVAL_DAY_TIME: SqlType = { kind: 'interval day to second' };
export const INTERVAL_YEAR_MONTH: SqlType = { kind: 'interval year to month' };
export const UNKNOWN: SqlType = { kind: 'unknown' };

export function decimal(precision: number, scale: number): SqlType {
  return { kind: 'decimal', precision, scale };
}

export function varchar(length: number | null = null): SqlType {
  return { kind: 'varchar', length };
}

export function timestamp(precision: number): SqlType {
  return { kind: 'timestamp', precision };
}

export function arrayOf(element: SqlType): SqlType {
  return { kind: 'array', element };
}

/** Trino's display name, lower case: `decimal(15,2)`, `varchar(3)`, `timestamp(6)`. */
export function formatType(t: SqlType): string {
  switch (t.kind) {
    case 'decimal':
      return `decimal(${t.precision},${t.scale})`;
    case 'varchar':
      return t.length === null ? 'varchar' : `varchar(${t.length})`;
    case 'timestamp':
      return `timestamp(${t.precision})`;
    case 'array':
      return `array(${formatType(t.element)})`;
    case 'boolean':
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'real':
    case 'double':
    case 'varbinary':
    case 'date':
    case 'interval day to second':
    case 'interval year to month':
    case 'unknown':
      return t.kind;
    default:
      return assertNever(t);
  }
}

export function typesEqual(a: SqlType, b: SqlType): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'decimal': {
      const d = b as typeof a;
      return a.precision === d.precision && a.scale === d.scale;
    }
    case 'varchar':
      return a.length === (b as typeof a).length;
    case 'timestamp':
      return a.precision === (b as typeof a).precision;
    case 'array':
      return typesEqual(a.element, (b as typeof a).element);
    default:
      return true;
  }
}

export function isIntegral(t: SqlType): boolean {
  return t.kind === 'tinyint' || t.kind === 'smallint' || t.kind === 'integer' || t.kind === 'bigint';
}

export function isExactNumeric(t: SqlType): boolean {
  return isIntegral(t) || t.kind === 'decimal';
}

export function isApproxNumeric(t: SqlType): boolean {
  return t.kind === 'real' || t.kind === 'double';
}

export function isNumeric(t: SqlType): boolean {
  return isExactNumeric(t) || isApproxNumeric(t);
}

export function isString(t: SqlType): boolean {
  return t.kind === 'varchar';
}

export function isTemporal(t: SqlType): boolean {
  return t.kind === 'date' || t.kind === 'timestamp';
}

export function isInterval(t: SqlType): boolean {
  return t.kind === 'interval day to second' || t.kind === 'interval year to month';
}

/** Whether values of `t` can be ordered by `<` (ORDER BY, min/max, BETWEEN, range pruning). */
export function isOrderable(t: SqlType): boolean {
  return t.kind !== 'array' && t.kind !== 'unknown';
}

/** The decimal type an integral type widens to in decimal arithmetic (Trino's rule). */
export function integralAsDecimal(t: SqlType): SqlType {
  switch (t.kind) {
    case 'tinyint':
      return decimal(3, 0);
    case 'smallint':
      return decimal(5, 0);
    case 'integer':
      return decimal(10, 0);
    case 'bigint':
      return decimal(19, 0);
    case 'decimal':
      return t;
    default:
      throw new Error(`not an exact numeric type: ${formatType(t)}`);
  }
}

const INTEGRAL_RANK: Record<string, number> = { tinyint: 1, smallint: 2, integer: 3, bigint: 4 };

/**
 * The common super type two types are implicitly coerced to (comparison, CASE branches, IN
 * lists, COALESCE, set operations), following Trino's implicit coercions; null if none exists.
 */
export function commonSuperType(a: SqlType, b: SqlType): SqlType | null {
  if (a.kind === 'unknown') return b;
  if (b.kind === 'unknown') return a;
  if (typesEqual(a, b)) return a;
  if (isIntegral(a) && isIntegral(b)) {
    return INTEGRAL_RANK[a.kind]! >= INTEGRAL_RANK[b.kind]! ? a : b;
  }
  if (isExactNumeric(a) && isExactNumeric(b)) {
    const da = integralAsDecimal(a) as { precision: number; scale: number };
    const db = integralAsDecimal(b) as { precision: number; scale: number };
    const scale = Math.max(da.scale, db.scale);
    const intDigits = Math.max(da.precision - da.scale, db.precision - db.scale);
    return decimal(Math.min(MAX_DECIMAL_PRECISION, intDigits + scale), scale);
  }
  if (isNumeric(a) && isNumeric(b)) {
    // Any mix with an approximate type goes to the widest approximate type present.
    return a.kind === 'double' || b.kind === 'double' ? DOUBLE : REAL;
  }
  if (a.kind === 'varchar' && b.kind === 'varchar') {
    if (a.length === null || b.length === null) return VARCHAR;
    return varchar(Math.max(a.length, b.length));
  }
  if (a.kind === 'timestamp' && b.kind === 'timestamp') {
    return timestamp(Math.max(a.precision, b.precision));
  }
  if ((a.kind === 'date' && b.kind === 'timestamp') || (a.kind === 'timestamp' && b.kind === 'date')) {
    return a.kind === 'timestamp' ? a : b;
  }
  if (a.kind === 'array' && b.kind === 'array') {
    const e = commonSuperType(a.element, b.element);
    return e === null ? null : arrayOf(e);
  }
  return null;
}

/** Whether a value of `from` may be implicitly coerced to `to` (function argument matching). */
export function canCoerce(from: SqlType, to: SqlType): boolean {
  if (from.kind === 'unknown') return true;
  const common = commonSuperType(from, to);
  return common !== null && typesEqual(common, to);
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
