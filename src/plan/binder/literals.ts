/**
 * Literal typing as in Trino: integer literals are integer (bigint beyond 32 bits), `1.5` is
 * decimal(2,1), `1e5` is double, 'abc' is varchar(3); typed literals parse their text.
 */
import { BindError, type Span } from '../../errors.ts';
import type { Literal, TypeSyntax } from '../../sql/ast.ts';
import { parseDate, parseTimestamp, roundMicros, MILLIS_PER_DAY } from '../../types/datetime.ts';
import { parseDecimalText } from '../../types/decimal.ts';
import {
  BIGINT,
  BOOLEAN,
  DATE,
  decimal,
  DOUBLE,
  formatType,
  INTEGER,
  INTERVAL_DAY_TIME,
  INTERVAL_YEAR_MONTH,
  MAX_DECIMAL_PRECISION,
  MAX_TIMESTAMP_PRECISION,
  REAL,
  SMALLINT,
  TINYINT,
  timestamp,
  UNKNOWN,
  VARBINARY,
  varchar,
  type SqlType,
} from '../../types/sqlType.ts';
import { literal, type LiteralExpr } from '../expr.ts';

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Type of an integer literal's value (negated first when `negative`). */
export function integerLiteral(text: string, negative: boolean, span: Span): LiteralExpr {
  let v = BigInt(text);
  if (negative) v = -v;
  if (v >= INT32_MIN && v <= INT32_MAX) return literal(Number(v), INTEGER);
  if (v >= INT64_MIN && v <= INT64_MAX) return literal(v, BIGINT);
  throw new BindError('INVALID_LITERAL', `Invalid numeric literal: ${negative ? '-' : ''}${text}`, span);
}

export function decimalLiteral(text: string, negative: boolean, span: Span): LiteralExpr {
  const d = parseDecimalText(text);
  if (d === null || d.precision > MAX_DECIMAL_PRECISION) {
    throw new BindError('INVALID_LITERAL', `Invalid numeric literal: ${text}`, span);
  }
  return literal(negative ? -d.value : d.value, decimal(d.precision, d.scale));
}

export function doubleLiteral(text: string, negative: boolean, span: Span): LiteralExpr {
  const v = Number(text);
  if (Number.isNaN(v)) throw new BindError('INVALID_LITERAL', `Invalid numeric literal: ${text}`, span);
  return literal(negative ? -v : v, DOUBLE);
}

export function stringLiteral(value: string): LiteralExpr {
  return literal(value, varchar(codePointLength(value)));
}

export function codePointLength(s: string): number {
  let n = 0;
  for (const _c of s) n++;
  return n;
}

export function bindLiteral(lit: Literal): LiteralExpr {
  switch (lit.literal) {
    case 'integer':
      return integerLiteral(lit.text, false, lit.span);
    case 'decimal':
      return decimalLiteral(lit.text, false, lit.span);
    case 'double':
      return doubleLiteral(lit.text, false, lit.span);
    case 'string':
      return stringLiteral(lit.value);
    case 'boolean':
      return literal(lit.value, BOOLEAN);
    case 'null':
      return literal(null, UNKNOWN);
    case 'typed':
      return typedLiteral(lit.type, lit.value, lit.span);
    case 'interval':
      return intervalLiteral(lit.value, lit.sign, lit.from, lit.to, lit.span);
    default: {
      const never: never = lit;
      throw new Error(`unexpected literal ${JSON.stringify(never)}`);
    }
  }
}

function typedLiteral(typeSyntax: TypeSyntax, text: string, span: Span): LiteralExpr {
  const type = typeFromSyntax(typeSyntax);
  const invalid = (): never => {
    throw new BindError('INVALID_LITERAL', `'${text}' is not a valid ${formatType(type).replace(/\(.*/, '').toUpperCase()} literal`, span);
  };
  switch (type.kind) {
    case 'date': {
      const d = parseDate(text);
      return d === null ? invalid() : literal(d, DATE);
    }
    case 'timestamp': {
      const t = parseTimestamp(text);
      if (t === null) return invalid();
      // Without an explicit precision, a TIMESTAMP literal has the precision of its text.
      const precision = typeSyntax.params.length > 0 ? type.precision : t.precision;
      return literal(roundMicros(t.micros, precision), timestamp(precision));
    }
    case 'decimal': {
      const d = parseDecimalText(text);
      if (d === null || d.precision > MAX_DECIMAL_PRECISION) return invalid();
      return typeSyntax.params.length > 0 ? literal(d.value, type) : literal(d.value, decimal(d.precision, d.scale));
    }
    case 'varchar':
      return typeSyntax.params.length > 0 ? literal(text, type) : stringLiteral(text);
    case 'double':
    case 'real': {
      const v = Number(text.trim());
      return text.trim() === '' || Number.isNaN(v) && !/^nan$/i.test(text.trim()) ? invalid() : literal(v, type);
    }
    case 'bigint':
    case 'integer':
    case 'smallint':
    case 'tinyint': {
      if (!/^\s*[+-]?\d+\s*$/.test(text)) return invalid();
      const v = BigInt(text.trim());
      const bits = { bigint: 64n, integer: 32n, smallint: 16n, tinyint: 8n }[type.kind];
      if (v < -(2n ** (bits - 1n)) || v >= 2n ** (bits - 1n)) return invalid();
      return literal(type.kind === 'bigint' ? v : Number(v), type);
    }
    case 'boolean': {
      const t = text.trim().toLowerCase();
      return t === 'true' ? literal(true, BOOLEAN) : t === 'false' ? literal(false, BOOLEAN) : invalid();
    }
    default:
      throw new BindError('NOT_SUPPORTED', `Literals of type ${formatType(type)} are not supported`, span);
  }
}

const DAY_TIME_FIELD_MILLIS: Record<string, number> = {
  DAY: MILLIS_PER_DAY,
  HOUR: 3_600_000,
  MINUTE: 60_000,
  SECOND: 1000,
};

function intervalLiteral(text: string, sign: 1 | -1, from: string, to: string | null, span: Span): LiteralExpr {
  const invalid = (): never => {
    throw new BindError('INVALID_LITERAL', `'${text}' is not a valid INTERVAL literal`, span);
  };
  const t = text.trim();
  const negative = t.startsWith('-');
  const body = t.replace(/^[+-]/, '');
  const s = (negative ? -1 : 1) * sign;
  if (from === 'YEAR' || from === 'MONTH') {
    if (to === null) {
      if (!/^\d+$/.test(body)) return invalid();
      const n = Number(body);
      return literal(s * (from === 'YEAR' ? n * 12 : n), INTERVAL_YEAR_MONTH);
    }
    const m = /^(\d+)-(\d+)$/.exec(body);
    if (from !== 'YEAR' || to !== 'MONTH' || !m) return invalid();
    return literal(s * (Number(m[1]) * 12 + Number(m[2])), INTERVAL_YEAR_MONTH);
  }
  if (to === null) {
    if (!/^\d+(\.\d+)?$/.test(body) || (body.includes('.') && from !== 'SECOND')) return invalid();
    return literal(s * Math.round(Number(body) * DAY_TIME_FIELD_MILLIS[from]!), INTERVAL_DAY_TIME);
  }
  // DAY TO SECOND style: 'd hh:mm:ss.fff' with the leading fields present as the range says.
  const m = /^(?:(\d+)\s+)?(\d+)(?::(\d+))?(?::(\d+(?:\.\d+)?))?$/.exec(body);
  if (!m) return invalid();
  const fields = [m[1], m[2], m[3], m[4]].filter((x): x is string => x !== undefined).map(Number);
  const order = ['DAY', 'HOUR', 'MINUTE', 'SECOND'];
  const start = order.indexOf(from);
  const end = order.indexOf(to);
  if (start < 0 || end <= start || fields.length !== end - start + 1) return invalid();
  let millis = 0;
  fields.forEach((v, i) => {
    millis += v * DAY_TIME_FIELD_MILLIS[order[start + i]!]!;
  });
  return literal(s * Math.round(millis), INTERVAL_DAY_TIME);
}

/** A written type → SqlType, with Trino's defaults (decimal = decimal(38,0), timestamp = timestamp(3)). */
export function typeFromSyntax(t: TypeSyntax): SqlType {
  const p = t.params;
  const bad = (why: string): never => {
    throw new BindError('TYPE_MISMATCH', `${why}: ${t.name}${p.length ? `(${p.join(',')})` : ''}`, t.span);
  };
  const noParams = (type: SqlType): SqlType => (p.length === 0 ? type : bad('Type takes no parameters'));
  switch (t.name) {
    case 'boolean':
      return noParams(BOOLEAN);
    case 'tinyint':
      return noParams(TINYINT);
    case 'smallint':
      return noParams(SMALLINT);
    case 'integer':
    case 'int':
      return noParams(INTEGER);
    case 'bigint':
      return noParams(BIGINT);
    case 'real':
    case 'float':
      return noParams(REAL);
    case 'double':
    case 'double precision':
      return noParams(DOUBLE);
    case 'decimal':
    case 'numeric': {
      if (p.length > 2) return bad('Invalid decimal type');
      const precision = p[0] ?? MAX_DECIMAL_PRECISION;
      const scale = p[1] ?? 0;
      if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
        return bad('DECIMAL precision must be in range [1, 38] and scale in [0, precision]');
      }
      return decimal(precision, scale);
    }
    case 'varchar':
      if (p.length > 1 || (p[0] !== undefined && p[0] < 1)) return bad('Invalid varchar type');
      return varchar(p[0] ?? null);
    case 'varbinary':
      return noParams(VARBINARY);
    case 'date':
      return noParams(DATE);
    case 'timestamp':
    case 'timestamp without time zone': {
      const precision = p[0] ?? 3;
      if (p.length > 1 || precision < 0 || precision > MAX_TIMESTAMP_PRECISION) {
        return bad(`TIMESTAMP precision must be in range [0, ${MAX_TIMESTAMP_PRECISION}]`);
      }
      return timestamp(precision);
    }
    case 'interval day to second':
      return noParams(INTERVAL_DAY_TIME);
    case 'interval year to month':
      return noParams(INTERVAL_YEAR_MONTH);
    case 'char':
    case 'time':
    case 'time with time zone':
    case 'timestamp with time zone':
    case 'json':
    case 'uuid':
      throw new BindError('NOT_SUPPORTED', `Type ${t.name} is not supported yet`, t.span);
    default:
      throw new BindError('TYPE_MISMATCH', `Unknown type: ${t.name}`, t.span);
  }
}
