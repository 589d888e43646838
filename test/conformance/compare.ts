/**
 * Comparing Squall's answer with the expected one. Squall's side is what a Trino client sees
 * (clientRows: decimals as exact strings, bigint as numbers, dates and timestamps as text);
 * DuckDB's JSON rows are first re-encoded the same way, changing only the encoding (BIGINT
 * strings to numbers, a timestamp's trailing zeros), never a value. Then cells must be equal,
 * except doubles (relative tolerance 1e-9) and reals (equal once rounded to float32).
 */
import type { ClientValue } from '../../src/types/clientJson.ts';
import type { JsonValue, TypedRows } from '../helpers/duckdb.ts';

export interface Answer {
  readonly names: readonly string[];
  /** Trino type names, lower case. */
  readonly types: readonly string[];
  readonly rows: readonly (readonly ClientValue[])[];
}

const DOUBLE_TOLERANCE = 1e-9;
const SHOWN_ROWS = 25;

/** DuckDB's rows in Trino client encoding, given the column types Squall reports. */
export function fromDuckDb(result: TypedRows, squallTypes: readonly string[]): ClientValue[][] {
  return result.rows.map((row) => row.map((v, j) => duckCell(v, result.types[j]!, squallTypes[j] ?? '')));
}

function duckCell(v: JsonValue, duckType: string, squallType: string): ClientValue {
  if (v === null) return null;
  if (/^(U?BIGINT|U?HUGEINT)$/.test(duckType)) {
    // Trino sends bigint as a JSON number while it is exact, as a string beyond.
    const n = BigInt(v as string);
    const max = BigInt(Number.MAX_SAFE_INTEGER);
    return n <= max && n >= -max ? Number(n) : n.toString();
  }
  if (duckType.startsWith('TIMESTAMP')) {
    if (duckType !== 'TIMESTAMP') throw new Error(`compare ${duckType} values: cast it to TIMESTAMP in the DuckDB spelling`);
    const m = /^timestamp\((\d)\)$/.exec(squallType);
    return m === null ? (v as string) : withFractionDigits(v as string, Number(m[1]));
  }
  if (typeof v === 'object') throw new Error(`DuckDB type ${duckType} has no Trino client encoding here: cast it in the DuckDB spelling`);
  return v;
}

/** DuckDB prints `03:04:05.1`; Trino prints timestamp(p) with exactly p digits. Only zeros change. */
function withFractionDigits(text: string, precision: number): string {
  const dot = text.indexOf('.', text.indexOf(' '));
  const whole = dot < 0 ? text : text.slice(0, dot);
  let fraction = dot < 0 ? '' : text.slice(dot + 1);
  while (fraction.length > precision && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  fraction = fraction.padEnd(precision, '0');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

/** A cell as the corpus writes it in `---- expected` rows. */
export function cellText(v: ClientValue): string {
  if (v === null) return 'NULL';
  if (v === '') return '(empty)';
  if (Array.isArray(v)) return JSON.stringify(v);
  return String(v);
}

function cellsEqual(a: ClientValue, b: ClientValue, type: string): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === 'number' && typeof b === 'number') {
    if (type === 'double') return a === b || Math.abs(a - b) <= DOUBLE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    if (type === 'real') return Math.fround(a) === Math.fround(b);
    return a === b;
  }
  return a === b;
}

function textCellsEqual(actual: string, expected: string, type: string): boolean {
  if (actual === expected) return true;
  if (type !== 'double' && type !== 'real') return false;
  const [a, b] = [Number(actual), Number(expected)];
  return !Number.isNaN(a) && !Number.isNaN(b) && cellsEqual(a, b, type);
}

/** A total order on cells, only to line both sides up for a multiset comparison. */
function compareCells(a: ClientValue, b: ClientValue): number {
  const rank = (v: ClientValue): number => (v === null ? 0 : typeof v === 'boolean' ? 1 : typeof v === 'number' ? 2 : 3);
  const d = rank(a) - rank(b);
  if (d !== 0) return d;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareRows(a: readonly ClientValue[], b: readonly ClientValue[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = compareCells(a[i] ?? null, b[i] ?? null);
    if (d !== 0) return d;
  }
  return 0;
}

export interface Difference {
  readonly message: string;
}

/**
 * null when the rows agree; else a message with the first differing row. `ordered` compares
 * rows in order; otherwise both sides are sorted first (a multiset comparison).
 */
export function diffRows(
  actual: readonly (readonly ClientValue[])[],
  expected: readonly (readonly ClientValue[])[],
  types: readonly string[],
  ordered: boolean,
  equal: (a: ClientValue, b: ClientValue, type: string) => boolean = cellsEqual,
): string | null {
  const [a, e] = ordered ? [actual, expected] : [[...actual].sort(compareRows), [...expected].sort(compareRows)];
  const sorted = ordered ? '' : ' (both sides sorted)';
  for (let r = 0; r < Math.max(a.length, e.length); r++) {
    const x = a[r];
    const y = e[r];
    const same = x !== undefined && y !== undefined && x.length === y.length && x.every((v, j) => equal(v, y[j]!, types[j] ?? ''));
    if (!same) {
      return [
        `first difference at row ${r + 1}${sorted}:`,
        `  squall:   ${x === undefined ? '(no row)' : JSON.stringify(x)}`,
        `  expected: ${y === undefined ? '(no row)' : JSON.stringify(y)}`,
        `squall: ${a.length} rows`,
        ...shown(a),
        `expected: ${e.length} rows`,
        ...shown(e),
      ].join('\n');
    }
  }
  return null;
}

/** Literal `---- expected` rows against Squall's, cell by cell in text form. */
export function diffText(actual: readonly (readonly ClientValue[])[], expected: readonly (readonly string[])[], types: readonly string[], ordered: boolean): string | null {
  const text = actual.map((r) => r.map(cellText));
  return diffRows(text, expected, types, ordered, (x, y, type) => textCellsEqual(x as string, y as string, type));
}

function shown(rows: readonly (readonly ClientValue[])[]): string[] {
  const lines = rows.slice(0, SHOWN_ROWS).map((r) => `  ${JSON.stringify(r)}`);
  if (rows.length > SHOWN_ROWS) lines.push(`  … ${rows.length - SHOWN_ROWS} more`);
  return lines;
}

/** The header of every failure: where, which engine setup, the SQL on both sides. */
export function describeFailure(where: string, sql: string, duckSql: string | null, answer: Answer): string {
  return [
    where,
    'SQL:',
    indent(sql),
    ...(duckSql !== null && duckSql !== sql ? ['DuckDB SQL:', indent(duckSql)] : []),
    `squall columns: ${answer.names.map((n, i) => `${n} ${answer.types[i]}`).join(', ')}`,
  ].join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
