/**
 * Robustness: whatever the input, the parser returns a tree or throws a ParseError with a
 * position inside the text, and it does so quickly. Inputs are random but seeded, so a failure
 * reproduces.
 */
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/errors.ts';
import { parseExpression, parseStatement, parseType } from '../../../src/sql/parser.ts';
import { MAX_NESTING } from '../../../src/sql/tokenCursor.ts';
import { TPCH_Q1, TPCH_Q13, TPCH_Q22, TPCH_Q6, TPCH_Q8 } from './tpchQueries.ts';

/** mulberry32: a small seeded generator. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY = [
  'SELECT', 'FROM', 'WHERE', 'GROUP', 'BY', 'ORDER', 'HAVING', 'LIMIT', 'OFFSET', 'FETCH', 'FIRST',
  'NEXT', 'ROW', 'ROWS', 'ONLY', 'UNION', 'ALL', 'DISTINCT', 'INTERSECT', 'EXCEPT', 'WITH', 'AS',
  'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS', 'NATURAL', 'ON', 'USING', 'AND', 'OR',
  'NOT', 'IS', 'NULL', 'IN', 'BETWEEN', 'LIKE', 'ESCAPE', 'EXISTS', 'CASE', 'WHEN', 'THEN', 'ELSE',
  'END', 'CAST', 'TRY_CAST', 'EXTRACT', 'INTERVAL', 'DATE', 'TIMESTAMP', 'TIME', 'ZONE', 'DAY',
  'YEAR', 'TO', 'substring', 'position', 'trim', 'LEADING', 'BOTH', 'FOR', 'count', 'sum', 'FILTER',
  'OVER', 'WINDOW', 'PARTITION', 'RANGE', 'GROUPS', 'UNBOUNDED', 'PRECEDING', 'FOLLOWING', 'CURRENT',
  'IGNORE', 'RESPECT', 'EXPLAIN', 'ANALYZE', 'SHOW', 'TABLES', 'SCHEMAS', 'COLUMNS', 'CATALOGS',
  'DESCRIBE', 'DESC', 'ASC', 'NULLS', 'LAST', 'CURRENT_DATE', 'CURRENT_TIMESTAMP', 'TRUE', 'DOUBLE',
  'PRECISION', 'decimal', 'varchar', 'ROLLUP', 'VALUES', 'ARRAY', 'a', 'b', 't', 'x.y', '"Q"',
  '"a""b"', '1', '0', '2.5', '.5', '1e3', "'s'", "''", "'it''s'", '(', '(', '(', ')', ')', ')',
  ',', ',', '.', '*', '+', '-', '/', '%', '||', '=', '<>', '!=', '<', '<=', '>', '>=', ';', '[',
  ']', '?', '"', "'", '/*', '*/', '--', '#', '`', '1e', '\n', '\t', 'é', '😀',
];

const CORPUS = [
  TPCH_Q1,
  TPCH_Q6,
  TPCH_Q8,
  TPCH_Q13,
  TPCH_Q22,
  'WITH x (a) AS (SELECT 1) SELECT DISTINCT x.a, "B" c FROM x LEFT JOIN y ON x.a = y.a ORDER BY 1 DESC NULLS LAST OFFSET 1 LIMIT 2',
  "SELECT CASE WHEN a IS NOT NULL THEN CAST(a AS decimal(10, 2)) ELSE TRY_CAST('1' AS double) END FROM t",
  "SELECT trim(LEADING 'x' FROM s), substring(s FROM 1 FOR 2), position('a' IN s), EXTRACT(year FROM d) FROM t",
  'SELECT * FROM ((SELECT 1) x JOIN (y CROSS JOIN z) ON true) WHERE a IN ((SELECT 1) UNION (SELECT 2))',
  "SELECT count(*) FILTER (WHERE a LIKE 'x%' ESCAPE '!') FROM t GROUP BY a HAVING NOT EXISTS (SELECT 1)",
  'SELECT lag(a) IGNORE NULLS OVER (w PARTITION BY b ORDER BY c DESC ROWS BETWEEN 1 PRECEDING AND UNBOUNDED FOLLOWING), rank() OVER w FROM t WINDOW w AS (RANGE CURRENT ROW)',
  'EXPLAIN ANALYZE SELECT 1 UNION ALL SELECT 2 INTERSECT SELECT 3',
  'SHOW COLUMNS FROM hive.tpch.lineitem',
];

let slowest = 0;

/** Parses with all three entry points; anything but a ParseError with a sane position fails. */
function check(sql: string): void {
  const lines = sql.split(/\r\n|\r|\n/);
  for (const parse of [parseStatement, parseExpression, parseType]) {
    const started = performance.now();
    try {
      parse(sql);
    } catch (err) {
      if (!(err instanceof ParseError)) {
        throw new Error(`${parse.name} threw ${String(err)} for ${JSON.stringify(sql)}`);
      }
      const { line, column } = err.span!;
      const lineText = lines[line - 1];
      if (lineText === undefined || column < 1 || column > [...lineText].length + 1 || !err.message || /undefined|NaN|\[object/.test(err.message)) {
        throw new Error(`${parse.name}: bad error ${err.describe()} for ${JSON.stringify(sql)}`);
      }
    }
    slowest = Math.max(slowest, performance.now() - started);
  }
}

describe('parser robustness', () => {
  it('survives random token soups', () => {
    const next = random(1);
    for (let i = 0; i < 4000; i += 1) {
      const length = 1 + Math.floor(next() * 30);
      const words: string[] = [];
      for (let j = 0; j < length; j += 1) words.push(VOCABULARY[Math.floor(next() * VOCABULARY.length)]!);
      // Half start like a query, so the soup reaches past the first token.
      check((next() < 0.5 ? 'SELECT ' : '') + words.join(next() < 0.8 ? ' ' : ''));
    }
  });

  it('survives every truncation of valid queries', () => {
    for (const sql of CORPUS) {
      expect(() => parseStatement(sql)).not.toThrow();
      for (let end = 0; end < sql.length; end += 1) check(sql.slice(0, end));
    }
  });

  it('survives random edits of valid queries', () => {
    const next = random(2);
    for (let i = 0; i < 4000; i += 1) {
      let sql = CORPUS[Math.floor(next() * CORPUS.length)]!;
      const edits = 1 + Math.floor(next() * 3);
      for (let e = 0; e < edits; e += 1) {
        const at = Math.floor(next() * (sql.length + 1));
        const choice = next();
        if (choice < 0.4) sql = sql.slice(0, at) + sql.slice(at + 1 + Math.floor(next() * 8));
        else if (choice < 0.8) sql = `${sql.slice(0, at)} ${VOCABULARY[Math.floor(next() * VOCABULARY.length)]} ${sql.slice(at)}`;
        else sql = sql.slice(0, at) + String.fromCharCode(Math.floor(next() * 128)) + sql.slice(at);
      }
      check(sql);
    }
  });

  it('never takes long on one input', () => {
    // Measured over the tests above; a backtracking blow-up would show here.
    expect(slowest).toBeLessThan(250);
  });
});

describe('nesting limits', () => {
  const deep = MAX_NESTING - 10;

  it.each([
    ['parentheses', `SELECT ${'('.repeat(deep)}1${')'.repeat(deep)}`],
    ['function calls', `SELECT ${'f('.repeat(deep)}1${')'.repeat(deep)}`],
    ['casts', `SELECT ${'CAST('.repeat(deep)}1${' AS int)'.repeat(deep)}`],
    ['CASE', `SELECT ${'CASE WHEN '.repeat(deep)}1${' THEN 1 END'.repeat(deep)}`],
    ['IN lists', `SELECT ${'a IN ('.repeat(deep)}1${')'.repeat(deep)}`],
    ['positions', `SELECT ${'position('.repeat(deep)}1${' IN a)'.repeat(deep)}`],
    ['windows', `SELECT ${'f() OVER (PARTITION BY '.repeat(deep)}1${')'.repeat(deep)}`],
    ['frame bounds', `SELECT ${'f() OVER (ROWS '.repeat(deep)}1${' PRECEDING)'.repeat(deep)}`],
    ['scalar subqueries', `SELECT ${'(SELECT '.repeat(deep / 2)}1${')'.repeat(deep / 2)}`],
    ['derived tables', `SELECT * FROM ${'(SELECT * FROM '.repeat(deep / 2)}t${')'.repeat(deep / 2)}`],
    ['parenthesized relations', `SELECT * FROM ${'('.repeat(deep)}t${')'.repeat(deep)}`],
    ['right-nested joins', `SELECT * FROM a${' JOIN a'.repeat(deep)}${' ON true'.repeat(deep)}`],
    ['signs', `SELECT ${'- '.repeat(deep)}1`],
    ['NOTs', `SELECT ${'NOT '.repeat(deep)}1`],
    ['EXPLAINs', `${'EXPLAIN '.repeat(deep)}SELECT 1`],
  ])('parses %s nested just under the limit', (_name, sql) => {
    expect(() => parseStatement(sql)).not.toThrow();
  });

  it.each([
    ['parentheses', (n: number) => `SELECT ${'('.repeat(n)}1${')'.repeat(n)}`],
    ['open parentheses only', (n: number) => `SELECT ${'('.repeat(n)}`],
    ['function calls', (n: number) => `SELECT ${'f('.repeat(n)}1${')'.repeat(n)}`],
    ['positions', (n: number) => `SELECT ${'position('.repeat(n)}1${' IN a)'.repeat(n)}`],
    ['windows', (n: number) => `SELECT ${'f() OVER (PARTITION BY '.repeat(n)}1${')'.repeat(n)}`],
    ['scalar subqueries', (n: number) => `SELECT ${'(SELECT '.repeat(n)}1${')'.repeat(n)}`],
    ['parenthesized relations', (n: number) => `SELECT * FROM ${'('.repeat(n)}t${')'.repeat(n)}`],
    ['right-nested joins', (n: number) => `SELECT * FROM a${' JOIN a'.repeat(n)}${' ON true'.repeat(n)}`],
    ['signs', (n: number) => `SELECT ${'- '.repeat(n)}1`],
    ['NOTs', (n: number) => `SELECT ${'NOT '.repeat(n)}1`],
    ['EXPLAINs', (n: number) => `${'EXPLAIN '.repeat(n)}SELECT 1`],
  ])('rejects %s nested far too deep with a ParseError', (_name, make) => {
    for (const n of [MAX_NESTING + 1, 100_000]) {
      expect(() => parseStatement(make(n))).toThrow(ParseError);
      expect(() => parseStatement(make(n))).toThrow(`statement is nested too deeply (more than ${MAX_NESTING} levels)`);
    }
  });

  it('parses long flat chains without recursion', () => {
    const n = 20_000;
    expect(() => parseStatement(`SELECT ${Array(n).fill('a').join(' + ')}`)).not.toThrow();
    expect(() => parseStatement(`SELECT 1 WHERE ${Array(n).fill('a = 1').join(' AND ')}`)).not.toThrow();
    expect(() => parseStatement(`SELECT ${Array(n).fill('a').join(', ')} FROM t`)).not.toThrow();
    expect(() => parseStatement(`SELECT * FROM a${' JOIN a ON true'.repeat(n)}`)).not.toThrow();
    expect(() => parseStatement(Array(n).fill('SELECT 1').join(' UNION ALL '))).not.toThrow();
    expect(() => parseStatement(`SELECT 1 WHERE a IN (${Array(n).fill('1').join(', ')})`)).not.toThrow();
  });
});
