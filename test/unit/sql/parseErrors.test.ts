import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/errors.ts';
import { parseExpression, parseStatement, parseType } from '../../../src/sql/parser.ts';

function parseFailure(parse: () => unknown): ParseError {
  try {
    parse();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('expected a ParseError, but the input parsed');
}

/** [sql, message, line, column] */
const statementErrors: Array<[string, string, number, number]> = [
  // the start of a statement
  ['', "mismatched input '<EOF>'. Expecting: '(', 'DESCRIBE', 'EXPLAIN', 'SELECT', 'SHOW', 'WITH'", 1, 1],
  ['  \n  ', "mismatched input '<EOF>'. Expecting: '(', 'DESCRIBE', 'EXPLAIN', 'SELECT', 'SHOW', 'WITH'", 2, 3],
  ['SELEC 1', "mismatched input 'SELEC'. Expecting: '(', 'DESCRIBE', 'EXPLAIN', 'SELECT', 'SHOW', 'WITH'", 1, 1],
  ['EXPLAIN', "mismatched input '<EOF>'. Expecting: '(', 'DESCRIBE', 'EXPLAIN', 'SELECT', 'SHOW', 'WITH'", 1, 8],
  ['EXPLAIN ANALYZE', "mismatched input '<EOF>'. Expecting: '(', 'DESCRIBE', 'EXPLAIN', 'SELECT', 'SHOW', 'WITH'", 1, 16],
  ['SHOW', "mismatched input '<EOF>'. Expecting: 'CATALOGS', 'COLUMNS', 'SCHEMAS', 'TABLES'", 1, 5],
  ['SHOW COLUMNS t', "mismatched input 't'. Expecting: 'FROM', 'IN'", 1, 14],
  ['SHOW TABLES FROM', "mismatched input '<EOF>'. Expecting: <identifier>", 1, 17],
  ['SHOW SCHEMAS FROM a.b', 'catalog name must be a single identifier: a.b', 1, 19],
  ['DESCRIBE', "mismatched input '<EOF>'. Expecting: <identifier>", 1, 9],
  ['SHOW CATALOGS LIKE x', "mismatched input 'LIKE'. Expecting: <EOF>", 1, 15],
  // the select list
  ['SELECT', "mismatched input '<EOF>'. Expecting: '*', 'ALL', 'DISTINCT', <expression>", 1, 7],
  ['SELECT FROM t', "mismatched input 'FROM'. Expecting: '*', 'ALL', 'DISTINCT', <expression>", 1, 8],
  ['SELECT a, FROM t', "mismatched input 'FROM'. Expecting: '*', <expression>", 1, 11],
  ['SELECT a b c FROM t', "mismatched input 'c'. Expecting: ',', 'FROM', 'GROUP', 'HAVING', 'WHERE', <EOF>", 1, 12],
  ['SELECT a AS order FROM t', `mismatched input 'order'. Expecting: <identifier> (ORDER is a reserved keyword; write "order" to use it as a name)`, 1, 13],
  ['SELECT a AS', "mismatched input '<EOF>'. Expecting: <identifier>", 1, 12],
  ['SELECT x.', "mismatched input '<EOF>'. Expecting: <identifier>", 1, 10],
  // FROM and joins
  ['SELECT a FROM', "mismatched input '<EOF>'. Expecting: '(', <identifier>", 1, 14],
  ['SELECT * FROM WHERE a', "mismatched input 'WHERE'. Expecting: '(', <identifier>", 1, 15],
  ['SELECT a FROM t AS', "mismatched input '<EOF>'. Expecting: <identifier>", 1, 19],
  ['SELECT a FROM t t2 t3', "mismatched input 't3'. Expecting: ',', 'GROUP', 'HAVING', 'JOIN', 'WHERE', <EOF>", 1, 20],
  ['SELECT a FROM t JOIN u', "mismatched input '<EOF>'. Expecting: 'JOIN', 'ON', 'USING'", 1, 23],
  ['SELECT a FROM t JOIN u ON', "mismatched input '<EOF>'. Expecting: <expression>", 1, 26],
  ['SELECT a FROM t JOIN u USING a', "mismatched input 'a'. Expecting: '('", 1, 30],
  ['SELECT a FROM t LEFT b', "mismatched input 'b'. Expecting: 'JOIN', 'OUTER'", 1, 22],
  ['SELECT a FROM t CROSS u', "mismatched input 'u'. Expecting: 'JOIN'", 1, 23],
  ['SELECT 1 FROM a.b.c.d', 'too many dots in table name: a.b.c.d', 1, 15],
  ['SELECT * FROM (SELECT 1', "mismatched input '<EOF>'. Expecting: ')', ',', 'FROM', 'GROUP', 'HAVING', 'WHERE'", 1, 24],
  ['SELECT * FROM (a JOIN b ON p', "mismatched input '<EOF>'. Expecting: ')', 'AND', 'JOIN', 'OR'", 1, 29],
  // WHERE, GROUP BY, ORDER BY, LIMIT
  ['SELECT a FROM t WHERE', "mismatched input '<EOF>'. Expecting: <expression>", 1, 22],
  ['SELECT a FROM t WHERE a = 1 b = 2', "mismatched input 'b'. Expecting: 'AND', 'GROUP', 'HAVING', 'OR', 'UNION', <EOF>", 1, 29],
  ['SELECT a FROM t GROUP a', "mismatched input 'a'. Expecting: 'BY'", 1, 23],
  ['SELECT a FROM t ORDER BY', "mismatched input '<EOF>'. Expecting: <expression>", 1, 25],
  ['SELECT a FROM t ORDER BY a NULLS', "mismatched input '<EOF>'. Expecting: 'FIRST', 'LAST'", 1, 33],
  ['SELECT a FROM t ORDER BY a DESC b', "mismatched input 'b'. Expecting: ',', 'FETCH', 'LIMIT', 'OFFSET', <EOF>", 1, 33],
  ['SELECT a FROM t LIMIT x', "mismatched input 'x'. Expecting: 'ALL', <integer>", 1, 23],
  ['SELECT a FROM t LIMIT 1.5', "mismatched input '1.5'. Expecting: 'ALL', <integer>", 1, 23],
  ['SELECT a FROM t OFFSET x', "mismatched input 'x'. Expecting: <integer>", 1, 24],
  ['SELECT a FROM t LIMIT 1 LIMIT 2', "mismatched input 'LIMIT'. Expecting: 'OFFSET', <EOF>", 1, 25],
  ['SELECT a FROM t OFFSET 1 OFFSET 2', "mismatched input 'OFFSET'. Expecting: 'FETCH', 'LIMIT', <EOF>", 1, 26],
  ['SELECT a FROM t FETCH 1 ROWS ONLY', "mismatched input '1'. Expecting: 'FIRST', 'NEXT'", 1, 23],
  ['SELECT a FROM t FETCH FIRST 1 ROWS', "mismatched input '<EOF>'. Expecting: 'ONLY'", 1, 35],
  // WITH and set operations
  ['WITH x AS SELECT 1', "mismatched input 'SELECT'. Expecting: '('", 1, 11],
  ['WITH x AS (SELECT 1)', "mismatched input '<EOF>'. Expecting: '(', ',', 'SELECT'", 1, 21],
  ['SELECT 1 UNION', "mismatched input '<EOF>'. Expecting: '(', 'ALL', 'DISTINCT', 'SELECT'", 1, 15],
  ['SELECT 1 UNION ALL 2', "mismatched input '2'. Expecting: '(', 'SELECT'", 1, 20],
  // expressions
  ['SELECT 1 +', "mismatched input '<EOF>'. Expecting: <expression>", 1, 11],
  ['SELECT f(a, b', "mismatched input '<EOF>'. Expecting: ')', ','", 1, 14],
  ['SELECT f(', "mismatched input '<EOF>'. Expecting: ')', '*', 'DISTINCT', <expression>", 1, 10],
  ['SELECT x FROM t WHERE a IN (1, 2', "mismatched input '<EOF>'. Expecting: ')', ','", 1, 33],
  ['SELECT a FROM t WHERE a IN ()', "mismatched input ')'. Expecting: <expression>", 1, 29],
  ['SELECT a FROM t WHERE a IN 1', "mismatched input '1'. Expecting: '('", 1, 28],
  ['SELECT * FROM t WHERE (a = 1', "mismatched input '<EOF>'. Expecting: ')'", 1, 29],
  ['SELECT (1, 2)', "mismatched input ','. Expecting: ')'", 1, 10],
  ['SELECT x FROM t WHERE x LIKE', "mismatched input '<EOF>'. Expecting: <expression>", 1, 29],
  ['SELECT a BETWEEN 1 OR 2', "mismatched input 'OR'. Expecting: 'AND'", 1, 20],
  ['SELECT a IS 1', "mismatched input '1'. Expecting: 'DISTINCT', 'NOT', 'NULL'", 1, 13],
  ['SELECT a IS NOT 1', "mismatched input '1'. Expecting: 'DISTINCT', 'NULL'", 1, 17],
  ['SELECT a NOT NULL', "mismatched input 'NULL'. Expecting: 'BETWEEN', 'IN', 'LIKE'", 1, 14],
  ['SELECT a FROM t WHERE NOT', "mismatched input '<EOF>'. Expecting: <expression>", 1, 26],
  ['SELECT a = NOT b', "mismatched input 'NOT'. Expecting: <expression>", 1, 12],
  ['SELECT a = b = c', "mismatched input '='. Comparisons cannot be chained; combine them with AND or add parentheses", 1, 14],
  ['SELECT a < b > c', "mismatched input '>'. Comparisons cannot be chained; combine them with AND or add parentheses", 1, 14],
  ['SELECT a IS NULL IS NULL', "mismatched input 'IS'. Predicates cannot be chained; add parentheses", 1, 18],
  ['SELECT a = b IS NULL', "mismatched input 'IS'. Predicates cannot be chained; add parentheses", 1, 14],
  ['SELECT a = b NOT IN (1)', "mismatched input 'NOT'. Predicates cannot be chained; add parentheses", 1, 14],
  ['SELECT a BETWEEN 1 AND 2 BETWEEN 3 AND 4', "mismatched input 'BETWEEN'. Predicates cannot be chained; add parentheses", 1, 26],
  ['SELECT CASE END', "mismatched input 'END'. Expecting: 'WHEN', <expression>", 1, 13],
  ['SELECT CASE x END', "mismatched input 'END'. Expecting: 'WHEN'", 1, 15],
  ['SELECT CASE WHEN a THEN b', "mismatched input '<EOF>'. Expecting: 'ELSE', 'END', 'WHEN'", 1, 26],
  ['SELECT CASE WHEN a b END', "mismatched input 'b'. Expecting: 'THEN'", 1, 20],
  ['SELECT CAST(a AS) FROM t', "mismatched input ')'. Expecting: <type>", 1, 17],
  ['SELECT CAST(a bigint)', "mismatched input 'bigint'. Expecting: 'AS'", 1, 15],
  ['SELECT CAST(a AS decimal(10,))', "mismatched input ')'. Expecting: <integer>", 1, 29],
  ['SELECT CAST(a AS timestamp with zone)', "mismatched input 'zone'. Expecting: 'TIME'", 1, 33],
  ['SELECT CAST(a AS varchar(10)', "mismatched input '<EOF>'. Expecting: ')'", 1, 29],
  ['SELECT EXTRACT(YEAR x)', "mismatched input 'x'. Expecting: 'FROM'", 1, 21],
  ['SELECT EXTRACT(FROM x)', "mismatched input 'FROM'. Expecting: <identifier>", 1, 16],
  ['SELECT a.from FROM t', "mismatched input 'from'. Expecting: <identifier>", 1, 10],
  ['WITH a AS (SELECT 1), SELECT 2', "mismatched input 'SELECT'. Expecting: <identifier>", 1, 23],
  ['SELECT t.group FROM t', `mismatched input 'group'. Expecting: <identifier> (GROUP is a reserved keyword; write "group" to use it as a name)`, 1, 10],
  ["SELECT INTERVAL '1' WEEK", "mismatched input 'WEEK'. Expecting: 'DAY', 'HOUR', 'MINUTE', 'MONTH', 'SECOND', 'YEAR'", 1, 21],
  ["SELECT INTERVAL '1' DAY TO", "mismatched input '<EOF>'. Expecting: 'DAY', 'HOUR', 'MINUTE', 'MONTH', 'SECOND', 'YEAR'", 1, 27],
  ['SELECT INTERVAL 3 DAY', "mismatched input '3'. Expecting: '+', '-', <string>", 1, 17],
  ["SELECT trim(LEADING 'x' s)", "mismatched input 's'. Expecting: 'FROM'", 1, 25],
  ['SELECT substring(s FROM)', "mismatched input ')'. Expecting: <expression>", 1, 24],
  ['SELECT substring(s', "mismatched input '<EOF>'. Expecting: ')', ',', 'FROM'", 1, 19],
  ["SELECT position('a' IN)", "mismatched input ')'. Expecting: <expression>", 1, 23],
  ['SELECT count(*) FILTER (a > 1)', "mismatched input 'a'. Expecting: 'WHERE'", 1, 25],
  // window functions and the WINDOW clause
  ['SELECT f(x) OVER (', "mismatched input '<EOF>'. Expecting: ')', 'GROUPS', 'ORDER', 'PARTITION', 'RANGE', 'ROWS'", 1, 19],
  ['SELECT f(x) OVER (w x) FROM t', "mismatched input 'x'. Expecting: ')', 'GROUPS', 'ORDER', 'PARTITION', 'RANGE', 'ROWS'", 1, 21],
  ['SELECT f(x) OVER (PARTITION a) FROM t', "mismatched input 'a'. Expecting: ')', 'GROUPS', 'ORDER', 'PARTITION', 'RANGE', 'ROWS'", 1, 29],
  ['SELECT f(x) OVER (PARTITION BY) FROM t', "mismatched input ')'. Expecting: <expression>", 1, 31],
  ['SELECT f(x) OVER (PARTITION BY a b) FROM t', "mismatched input 'b'. Expecting: ')', ',', 'GROUPS', 'ORDER', 'RANGE', 'ROWS'", 1, 34],
  ['SELECT f(x) OVER (ORDER a) FROM t', "mismatched input 'a'. Expecting: 'BY'", 1, 25],
  ['SELECT f(x) OVER (ORDER BY a', "mismatched input '<EOF>'. Expecting: ')', ',', 'GROUPS', 'RANGE', 'ROWS'", 1, 29],
  ['SELECT f(x) OVER (ORDER BY a NULLS) FROM t', "mismatched input ')'. Expecting: 'FIRST', 'LAST'", 1, 35],
  ['SELECT f(x) OVER (ROWS BETWEEN) FROM t', "mismatched input ')'. Expecting: 'CURRENT', 'UNBOUNDED', <expression>", 1, 31],
  ['SELECT f(x) OVER (ROWS 1) FROM t', "mismatched input ')'. Expecting: 'FOLLOWING', 'PRECEDING'", 1, 25],
  ['SELECT f(x) OVER (ROWS CURRENT) FROM t', "mismatched input ')'. Expecting: 'FOLLOWING', 'PRECEDING'", 1, 31],
  ['SELECT f(x) OVER (ROWS UNBOUNDED) FROM t', "mismatched input ')'. Expecting: 'FOLLOWING', 'PRECEDING'", 1, 33],
  ['SELECT f(x) OVER (ROWS BETWEEN 1 PRECEDING) FROM t', "mismatched input ')'. Expecting: 'AND'", 1, 43],
  ['SELECT f(x) OVER (ROWS BETWEEN 1 PRECEDING AND) FROM t', "mismatched input ')'. Expecting: 'CURRENT', 'UNBOUNDED', <expression>", 1, 47],
  ['SELECT f(x) OVER (ROWS BETWEEN 1 AND 2) FROM t', "mismatched input ')'. Expecting: 'FOLLOWING', 'PRECEDING'", 1, 39],
  ['SELECT f(x) OVER (ROWS 1 PRECEDING ORDER BY a) FROM t', "mismatched input 'ORDER'. Expecting: ')'", 1, 36],
  ['SELECT f(x) OVER (ROWS UNBOUNDED FOLLOWING) FROM t', 'Window frame start cannot be UNBOUNDED FOLLOWING', 1, 19],
  ['SELECT f(x) OVER (RANGE BETWEEN UNBOUNDED FOLLOWING AND CURRENT ROW) FROM t', 'Window frame start cannot be UNBOUNDED FOLLOWING', 1, 19],
  ['SELECT f(x) OVER (ROWS BETWEEN 1 PRECEDING AND UNBOUNDED PRECEDING) FROM t', 'Window frame end cannot be UNBOUNDED PRECEDING', 1, 19],
  ['SELECT f(x) OVER (ROWS BETWEEN CURRENT ROW AND 1 PRECEDING) FROM t', 'Window frame starting from CURRENT ROW cannot end with PRECEDING', 1, 19],
  ['SELECT f(x) OVER (GROUPS BETWEEN 1 FOLLOWING AND 1 PRECEDING) FROM t', 'Window frame starting from FOLLOWING cannot end with PRECEDING', 1, 19],
  ['SELECT f(x) OVER (ROWS BETWEEN 1 FOLLOWING AND CURRENT ROW) FROM t', 'Window frame starting from FOLLOWING cannot end with CURRENT ROW', 1, 19],
  ['SELECT f(x) OVER (ORDER BY a\n  ROWS 1 FOLLOWING) FROM t', 'Window frame starting from FOLLOWING cannot end with CURRENT ROW', 2, 3],
  ['SELECT f(x) IGNORE NULLS FROM t', "mismatched input 'FROM'. Expecting: 'OVER'", 1, 26],
  ['SELECT f(x) RESPECT NULLS OVER FROM t', "mismatched input 'FROM'. Expecting: '(', <identifier>", 1, 32],
  ['SELECT count(*) IGNORE NULLS OVER () FROM t', 'IGNORE NULLS cannot be used with count(*)', 1, 17],
  ['SELECT f(x) OVER () OVER () FROM t', "mismatched input '('. Expecting: ',', 'FROM', 'GROUP', 'HAVING', 'WHERE', <EOF>", 1, 26],
  ['SELECT 1 FROM t WINDOW w AS PARTITION BY a', "mismatched input 'PARTITION'. Expecting: '('", 1, 29],
  ['SELECT 1 FROM t WINDOW w AS (PARTITION BY a),', "mismatched input '<EOF>'. Expecting: <identifier>", 1, 46],
  ['SELECT 1 FROM t WINDOW w AS (PARTITION BY a) w2 AS ()', "mismatched input 'w2'. Expecting: ',', 'LIMIT', 'OFFSET', 'ORDER', 'UNION', <EOF>", 1, 46],
  ['SELECT 1 FROM t WINDOW w AS (ROWS CURRENT ROW) ORDER', "mismatched input '<EOF>'. Expecting: 'BY'", 1, 53],
  ['SELECT 1 FROM t WINDOW w (PARTITION BY a)', "mismatched input 'w'. Expecting: ',', 'GROUP', 'HAVING', 'JOIN', 'WHERE', <EOF>", 1, 24],
  ['SELECT 1 FROM t ORDER BY 1 WINDOW w AS ()', "mismatched input 'WINDOW'. Expecting: ',', 'FETCH', 'LIMIT', 'OFFSET', <EOF>", 1, 28],
  ['SELECT 1 FROM t WINDOW w AS () WHERE true', "mismatched input 'WHERE'. Expecting: ',', 'LIMIT', 'OFFSET', 'ORDER', 'UNION', <EOF>", 1, 32],
  ['SELECT * FROM t WHERE EXISTS SELECT 1', "mismatched input 'SELECT'. Expecting: '('", 1, 30],
  ['SELECT * FROM t WHERE EXISTS (1)', "mismatched input '1'. Expecting: '(', 'SELECT', 'WITH'", 1, 31],
  ['SELECT CURRENT_TIMESTAMP(x)', "mismatched input 'x'. Expecting: <integer>", 1, 26],
  ["SELECT 'a' 'b'", "mismatched input ''b''. Expecting: ',', 'FROM', 'GROUP', 'HAVING', 'WHERE', <EOF>", 1, 12],
  [
    `SELECT 1 '${'a'.repeat(60)}'`,
    `mismatched input ''${'a'.repeat(36)}...'. Expecting: ',', 'FROM', 'GROUP', 'HAVING', 'WHERE', <EOF>`,
    1,
    10,
  ],
  // the end of the statement
  ['SELECT (a + b)) FROM t', "extraneous input ')' after query", 1, 15],
  ['SELECT a FROM t)', "extraneous input ')' after query", 1, 16],
  ['SHOW TABLES)', "extraneous input ')' after statement", 1, 12],
  ['SELECT 1;;', "mismatched input ';'. Expecting: <EOF> (only one statement can be run at a time)", 1, 10],
  ['SELECT 1; SELECT 2', "mismatched input 'SELECT'. Expecting: <EOF> (only one statement can be run at a time)", 1, 11],
  // lexical errors
  ["SELECT 'abc", 'unterminated string literal', 1, 8],
  ['SELECT "abc', 'unterminated quoted identifier', 1, 8],
  ['SELECT "" FROM t', 'zero-length delimited identifier not allowed', 1, 8],
  ['SELECT `a` FROM t', 'backquoted identifiers are not supported; use double quotes to quote identifiers', 1, 8],
  ['SELECT 1e FROM t', 'invalid numeric literal', 1, 8],
  ['SELECT 12abc', 'invalid numeric literal', 1, 8],
  ['SELECT # FROM t', "unexpected character '#'", 1, 8],
  ['SELECT 1 /* not closed', 'unterminated comment', 1, 10],
  // a syntax error before a lexical one is reported first, as in Trino
  ["SELECT FROM 'abc", "mismatched input 'FROM'. Expecting: '*', 'ALL', 'DISTINCT', <expression>", 1, 8],
  // constructs Squall does not support
  ['SELECT array_agg(a ORDER BY b) FROM t', 'ORDER BY in function arguments is not supported', 1, 20],
  ['SELECT a FROM t GROUP BY ROLLUP (a)', 'GROUP BY ROLLUP is not supported', 1, 26],
  ['SELECT a FROM t GROUP BY GROUPING SETS ((a))', 'GROUP BY GROUPING SETS is not supported', 1, 26],
  ['WITH RECURSIVE t AS (SELECT 1) SELECT 1', 'WITH RECURSIVE is not supported', 1, 6],
  ['SELECT * FROM t NATURAL JOIN u', 'NATURAL JOIN is not supported', 1, 17],
  ['SELECT * FROM UNNEST(a)', 'UNNEST is not supported', 1, 15],
  ['SELECT * FROM t, LATERAL (SELECT 1)', 'LATERAL is not supported', 1, 18],
  ['VALUES', "mismatched input '<EOF>'. Expecting: <expression>", 1, 7],
  ['VALUES (1, 2', "mismatched input '<EOF>'. Expecting: ')', ','", 1, 13],
  ['SELECT * FROM t UNION TABLE u', 'TABLE is not supported', 1, 23],
  ['SELECT ARRAY[1]', 'ARRAY constructor is not supported', 1, 8],
  ['SELECT a[1] FROM t', 'subscript operator [] is not supported', 1, 9],
  ['SELECT a = ANY (SELECT 1)', 'quantified comparisons (= ANY) are not supported', 1, 12],
  ['SELECT a FROM t FETCH FIRST 1 ROWS WITH TIES', 'FETCH ... WITH TIES is not supported', 1, 36],
  ['SELECT CAST(a AS array(integer))', 'type ARRAY is not supported', 1, 18],
  ['EXPLAIN (TYPE LOGICAL) SELECT 1', 'EXPLAIN options are not supported', 1, 9],
  // errors on later lines point at the right line and column
  ['SELECT a\nFROM t\nWHERE a = = 1', "mismatched input '='. Expecting: <expression>", 3, 11],
  ['SELECT a,\n       b\n  FROM t\n WHERE b >\n ORDER BY a', "mismatched input 'ORDER'. Expecting: <expression>", 5, 2],
  ['SELECT a -- comment (\r\nFROM t\r\nWHERE a IN (1,\r\n\t2', "mismatched input '<EOF>'. Expecting: ')', ','", 4, 3],
  ["SELECT 'multi\nline' AS x,\n  y z w", "mismatched input 'w'. Expecting: ',', 'FROM', 'GROUP', 'HAVING', 'WHERE', <EOF>", 3, 7],
  ['SELECT\n  "Größe" x,\n  "😀" @', "unexpected character '@'", 3, 7],
  ['/* a\n   comment */ SELECT\n\n  FROM t', "mismatched input 'FROM'. Expecting: '*', 'ALL', 'DISTINCT', <expression>", 4, 3],
];

describe('parseStatement errors', () => {
  it.each(statementErrors)('%j', (sql, message, line, column) => {
    const err = parseFailure(() => parseStatement(sql));
    expect({ message: err.message, line: err.span?.line, column: err.span?.column }).toEqual({ message, line, column });
    expect(err.code).toBe('SYNTAX_ERROR');
    expect(err.describe()).toBe(`line ${line}:${column}: ${message}`);
  });

  it('never offers more than six alternatives', () => {
    for (const [sql] of statementErrors) {
      const expecting = /Expecting: (.*)$/.exec(parseFailure(() => parseStatement(sql)).message);
      if (expecting) expect(expecting[1]!.split(', ').length).toBeLessThanOrEqual(6);
    }
  });
});

describe('parseExpression and parseType errors', () => {
  it.each([
    ['a +', "mismatched input '<EOF>'. Expecting: <expression>", 1, 4],
    ['a b', "mismatched input 'b'. Expecting: <EOF>", 1, 3],
    ['(a))', "extraneous input ')' after expression", 1, 4],
    ['SELECT 1', "mismatched input 'SELECT'. Expecting: <expression>", 1, 1],
  ])('expression %j', (sql, message, line, column) => {
    const err = parseFailure(() => parseExpression(sql));
    expect([err.message, err.span?.line, err.span?.column]).toEqual([message, line, column]);
  });

  it.each([
    ['', "mismatched input '<EOF>'. Expecting: <type>", 1, 1],
    ['varchar(', "mismatched input '<EOF>'. Expecting: <integer>", 1, 9],
    ['decimal(1, 2, x)', "mismatched input 'x'. Expecting: <integer>", 1, 15],
    ['select', "mismatched input 'select'. Expecting: <type>", 1, 1],
    ['interval week', "mismatched input 'week'. Expecting: 'DAY', 'HOUR', 'MINUTE', 'MONTH', 'SECOND', 'YEAR'", 1, 10],
    ['varchar x', "mismatched input 'x'. Expecting: <EOF>", 1, 9],
  ])('type %j', (sql, message, line, column) => {
    const err = parseFailure(() => parseType(sql));
    expect([err.message, err.span?.line, err.span?.column]).toEqual([message, line, column]);
  });
});
