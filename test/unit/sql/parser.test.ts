import { describe, expect, it } from 'vitest';
import { RESERVED_KEYWORDS } from '../../../src/sql/keywords.ts';
import { parseExpression, parseStatement, parseType } from '../../../src/sql/parser.ts';
import { printExpr, printStatement, printType } from './printAst.ts';

const statements: Array<[string, string]> = [
  ['SELECT 1', '(select [1])'],
  ['SELECT 1;', '(select [1])'],
  ['  select 1 ; ', '(select [1])'],
  ['EXPLAIN SELECT 1', '(explain (select [1]))'],
  ['EXPLAIN ANALYZE SELECT a FROM t', '(explain-analyze (select [a] (from t)))'],
  ['explain (select 1)', '(explain (paren (select [1])))'],
  ['SHOW CATALOGS', '(show-catalogs)'],
  ['SHOW SCHEMAS', '(show-schemas)'],
  ['SHOW SCHEMAS FROM hive', '(show-schemas hive)'],
  ['show schemas in "Hive"', '(show-schemas "Hive")'],
  ['SHOW TABLES', '(show-tables)'],
  ['SHOW TABLES FROM hive.tpch', '(show-tables hive.tpch)'],
  ['SHOW TABLES IN tpch', '(show-tables tpch)'],
  ['SHOW COLUMNS FROM hive.tpch.lineitem', '(show-columns hive.tpch.lineitem)'],
  ['SHOW COLUMNS IN lineitem', '(show-columns lineitem)'],
  ['DESCRIBE tpch.lineitem', '(show-columns tpch.lineitem)'],
  ['DESC lineitem', '(show-columns lineitem)'],
  ['(SELECT 1)', '(paren (select [1]))'],
  ['((SELECT 1))', '(paren (paren (select [1])))'],
  ['(SELECT 1) ORDER BY 1', '(query (paren (select [1])) (order 1))'],
];

const queries: Array<[string, string]> = [
  // select lists
  ['SELECT *, t.*, s.t.*, "T".* FROM t', '(select [* t.* s.t.* "T".*] (from t))'],
  ['SELECT a, a AS b, a b, a AS "B", a + 1 c', '(select [a (as a b) (as a b) (as a "B") (as (+ a 1) c)])'],
  ['SELECT DISTINCT a, b FROM t', '(select-distinct [a b] (from t))'],
  ['SELECT ALL a FROM t', '(select [a] (from t))'],
  ['SELECT all FROM t', '(select [all] (from t))'],
  ['SELECT all, b FROM t', '(select [all b] (from t))'],
  // keywords as names, aliases and tables
  [
    'SELECT date, year, month, day, hour, minute, second, first, last, nulls FROM t',
    '(select [date year month day hour minute second first last nulls] (from t))',
  ],
  [
    'SELECT asc, desc, row, rows, only, offset, limit, position, filter, if, fetch FROM t',
    '(select [asc desc row rows only offset limit position filter if fetch] (from t))',
  ],
  [
    'SELECT tables, schemas, columns, catalogs, show, explain, analyze, describe, time, timestamp, interval, zone, at FROM t',
    '(select [tables schemas columns catalogs show explain analyze describe time timestamp interval zone at] (from t))',
  ],
  ['SELECT a year, b AS date, c first FROM date', '(select [(as a year) (as b date) (as c first)] (from date))'],
  ['SELECT "select", "From" FROM "order"', '(select ["select" "From"] (from "order"))'],
  ['SELECT a offset FROM t', '(select [(as a offset)] (from t))'],
  ['SELECT a FROM t limit', '(select [a] (from (as t limit)))'],
  ['SELECT a FROM t offset, u', '(select [a] (from (as t offset) u))'],
  ['SELECT a FROM t limit 5', '(query (select [a] (from t)) (limit 5))'],
  ['SELECT 1 limit 1', '(query (select [1]) (limit 1))'],
  // FROM
  ['SELECT * FROM c.s.t', '(select [*] (from c.s.t))'],
  ['SELECT * FROM t AS x', '(select [*] (from (as t x)))'],
  ['SELECT * FROM t x (a, b)', '(select [*] (from (as t x (a b))))'],
  ['SELECT * FROM t AS x(a)', '(select [*] (from (as t x (a))))'],
  ['SELECT * FROM a, b, c', '(select [*] (from a b c))'],
  ['SELECT * FROM (SELECT 1)', '(select [*] (from (subquery (select [1]))))'],
  ['SELECT * FROM (SELECT 1) AS x (a)', '(select [*] (from (as (subquery (select [1])) x (a))))'],
  ['SELECT * FROM (SELECT 1) x, (t)', '(select [*] (from (as (subquery (select [1])) x) t))'],
  ['SELECT * FROM (t) x', '(select [*] (from (as t x)))'],
  ['SELECT * FROM ((SELECT 1))', '(select [*] (from (subquery (paren (select [1])))))'],
  [
    'SELECT * FROM ((SELECT 1) UNION (SELECT 2)) u',
    '(select [*] (from (as (subquery (union (paren (select [1])) (paren (select [2])))) u)))',
  ],
  [
    'SELECT * FROM ((SELECT 1) x JOIN y ON true)',
    '(select [*] (from (join (as (subquery (select [1])) x) y (on true))))',
  ],
  ['SELECT * FROM ((t) x CROSS JOIN u)', '(select [*] (from (cross-join (as t x) u)))'],
  // joins
  ['SELECT * FROM a JOIN b ON a.x = b.x', '(select [*] (from (join a b (on (= a.x b.x)))))'],
  ['SELECT * FROM a INNER JOIN b USING (x, y)', '(select [*] (from (join a b (using x y))))'],
  ['SELECT * FROM a LEFT JOIN b ON p', '(select [*] (from (left-join a b (on p))))'],
  ['SELECT * FROM a LEFT OUTER JOIN b ON p', '(select [*] (from (left-join a b (on p))))'],
  ['SELECT * FROM a RIGHT OUTER JOIN b ON p', '(select [*] (from (right-join a b (on p))))'],
  ['SELECT * FROM a FULL JOIN b ON p', '(select [*] (from (full-join a b (on p))))'],
  ['SELECT * FROM a FULL OUTER JOIN b ON p', '(select [*] (from (full-join a b (on p))))'],
  ['SELECT * FROM a CROSS JOIN b', '(select [*] (from (cross-join a b)))'],
  ['SELECT * FROM a x JOIN b y ON x.k = y.k', '(select [*] (from (join (as a x) (as b y) (on (= x.k y.k)))))'],
  [
    'SELECT * FROM a JOIN b ON p LEFT JOIN c ON q CROSS JOIN d, e',
    '(select [*] (from (cross-join (left-join (join a b (on p)) c (on q)) d) e))',
  ],
  ['SELECT * FROM (a JOIN b ON p) JOIN c ON q', '(select [*] (from (join (join a b (on p)) c (on q))))'],
  ['SELECT * FROM a JOIN (b JOIN c ON p) ON q', '(select [*] (from (join a (join b c (on p)) (on q))))'],
  ['SELECT * FROM a JOIN b JOIN c ON p ON q', '(select [*] (from (join a (join b c (on p)) (on q))))'],
  ['SELECT * FROM a JOIN (SELECT 1) s ON true', '(select [*] (from (join a (as (subquery (select [1])) s) (on true))))'],
  // WHERE, GROUP BY, HAVING
  [
    'SELECT a, count(*) FROM t WHERE b > 1 GROUP BY a, 2 HAVING count(*) > 1',
    '(select [a (call count *)] (from t) (where (> b 1)) (group a 2) (having (> (call count *) 1)))',
  ],
  ['SELECT a FROM t GROUP BY DISTINCT a', '(select [a] (from t) (group a))'],
  ['SELECT a FROM t GROUP BY ALL a', '(select [a] (from t) (group a))'],
  ['SELECT 1 HAVING true', '(select [1] (having true))'],
  // WITH
  ['WITH x AS (SELECT 1) SELECT * FROM x', '(query (with (x (select [1]))) (select [*] (from x)))'],
  [
    'WITH x (a, b) AS (SELECT 1, 2), y AS (SELECT 3) SELECT * FROM x, y',
    '(query (with (x (a b) (select [1 2])) (y (select [3]))) (select [*] (from x y)))',
  ],
  // ORDER BY, OFFSET, LIMIT, FETCH
  [
    'SELECT a FROM t ORDER BY a, b DESC, c ASC NULLS LAST, d NULLS FIRST',
    '(query (select [a] (from t)) (order a (desc b) (asc c nulls-last) (asc d nulls-first)))',
  ],
  ['SELECT a FROM t OFFSET 5', '(query (select [a] (from t)) (offset 5))'],
  ['SELECT a FROM t OFFSET 5 ROWS LIMIT 10', '(query (select [a] (from t)) (offset 5) (limit 10))'],
  ['SELECT a FROM t LIMIT 10 OFFSET 5', '(query (select [a] (from t)) (offset 5) (limit 10))'],
  ['SELECT a FROM t ORDER BY a LIMIT ALL', '(query (select [a] (from t)) (order a))'],
  ['SELECT a FROM t LIMIT ALL', '(select [a] (from t))'],
  ['SELECT a FROM t OFFSET 1 ROW FETCH FIRST 3 ROWS ONLY', '(query (select [a] (from t)) (offset 1) (limit 3))'],
  ['SELECT a FROM t FETCH NEXT ROW ONLY', '(query (select [a] (from t)) (limit 1))'],
  ['SELECT a FROM t FETCH FIRST 2 ROWS ONLY OFFSET 1', '(query (select [a] (from t)) (offset 1) (limit 2))'],
  // set operations
  ['SELECT 1 UNION SELECT 2', '(union (select [1]) (select [2]))'],
  ['SELECT 1 UNION ALL SELECT 2', '(union-all (select [1]) (select [2]))'],
  ['SELECT 1 UNION DISTINCT SELECT 2', '(union (select [1]) (select [2]))'],
  ['SELECT 1 EXCEPT SELECT 2', '(except (select [1]) (select [2]))'],
  ['SELECT 1 INTERSECT ALL SELECT 2', '(intersect-all (select [1]) (select [2]))'],
  ['SELECT 1 UNION SELECT 2 UNION SELECT 3', '(union (union (select [1]) (select [2])) (select [3]))'],
  [
    'SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT SELECT 4',
    '(except (union (select [1]) (intersect (select [2]) (select [3]))) (select [4]))',
  ],
  [
    'SELECT 1 INTERSECT SELECT 2 UNION SELECT 3',
    '(union (intersect (select [1]) (select [2])) (select [3]))',
  ],
  [
    '(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3',
    '(intersect (paren (union (select [1]) (select [2]))) (select [3]))',
  ],
  [
    'SELECT a FROM t UNION SELECT b FROM u ORDER BY 1 LIMIT 1',
    '(query (union (select [a] (from t)) (select [b] (from u))) (order 1) (limit 1))',
  ],
  [
    '(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u)',
    '(union-all (paren (query (select [a] (from t)) (order a) (limit 1))) (paren (select [b] (from u))))',
  ],
  // VALUES: as a query, an operand, a derived table, a CTE, an IN list's query
  ["VALUES (1, 'a'), (2, NULL)", "(values [1 'a'] [2 null])"],
  ['VALUES 1, 2 + 3, (4), (5) * 6, ROW(7, 8)', '(values [1] [(+ 2 3)] [4] [(* 5 6)] [7 8])'],
  ['VALUES ((SELECT 1)), ((SELECT 2) + 1)', '(values [(subquery (select [1]))] [(+ (subquery (select [2])) 1)])'],
  ['VALUES 1 UNION ALL SELECT 2 ORDER BY 1', '(query (union-all (values [1]) (select [2])) (order 1))'],
  ['SELECT * FROM (VALUES (1, 2)) AS t (a, b)', '(select [*] (from (as (subquery (values [1 2])) t (a b))))'],
  ['WITH t (a) AS (VALUES 1) SELECT a FROM t', '(query (with (t (a) (values [1]))) (select [a] (from t)))'],
  ['SELECT a IN (VALUES 1, 2) FROM t', '(select [(in a (values [1] [2]))] (from t))'],
  // WINDOW clause (between HAVING and ORDER BY)
  [
    'SELECT sum(a) OVER w FROM t WINDOW w AS (PARTITION BY b)',
    '(select [(call sum a (over w))] (from t) (window (w (partition b))))',
  ],
  [
    'SELECT rank() OVER (w ORDER BY c) FROM t WINDOW w AS (PARTITION BY b), w2 AS (w ROWS CURRENT ROW), w3 AS ()',
    '(select [(call rank (over w (order c)))] (from t) (window (w (partition b)) (w2 w (rows current-row)) (w3)))',
  ],
  [
    'SELECT a, count(*) OVER w FROM t WHERE a > 0 GROUP BY a HAVING count(*) > 1 WINDOW w AS (ORDER BY a) ORDER BY 1 LIMIT 5',
    '(query (select [a (call count * (over w))] (from t) (where (> a 0)) (group a) (having (> (call count *) 1)) (window (w (order a)))) (order 1) (limit 5))',
  ],
  ['SELECT a FROM t x window "W" AS (order by a)', '(select [a] (from (as t x)) (window ("W" (order a))))'],
  ['SELECT a FROM t window', '(select [a] (from (as t window)))'],
  // OVER, IGNORE and RESPECT are not reserved: without a window after them they are aliases
  [
    'SELECT f(x) over, count(*) over FROM t',
    '(select [(as (call f x) over) (as (call count *) over)] (from t))',
  ],
  ['SELECT f(x) ignore, f(x) respect FROM t', '(select [(as (call f x) ignore) (as (call f x) respect)] (from t))'],
  ['SELECT a FROM t window, u window WHERE window.a = 1', '(select [a] (from (as t window) (as u window)) (where (= window.a 1)))'],
  [
    'SELECT 1 WINDOW w AS () UNION SELECT 2 WINDOW w AS ()',
    '(union (select [1] (window (w))) (select [2] (window (w))))',
  ],
  // comments and layout
  ['SELECT a -- the a column\nFROM t /* a table */ WHERE /**/ b', '(select [a] (from t) (where b))'],
  ['SELECT\n\ta,\r\n\tb\nFROM\n\tt', '(select [a b] (from t))'],
  ['-- leading comment\nSELECT 1 -- trailing comment', '(select [1])'],
  // subqueries in expressions
  [
    'SELECT ((SELECT 1)), ((SELECT 1) + 2), (SELECT 1) FROM t',
    '(select [(subquery (select [1])) (+ (subquery (select [1])) 2) (subquery (select [1]))] (from t))',
  ],
  [
    'SELECT * FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.a = t.a) AND t.b NOT IN (SELECT b FROM v)',
    '(select [*] (from t) (where (and (exists (select [1] (from u) (where (= u.a t.a)))) (not-in t.b (select [b] (from v))))))',
  ],
];

const expressions: Array<[string, string]> = [
  // precedence
  ['a OR b AND NOT c = d + e * f', '(or a (and b (not (= c (+ d (* e f))))))'],
  ['a AND b AND c', '(and a b c)'],
  ['a OR b OR c AND d', '(or a b (and c d))'],
  ['(a OR b) AND c', '(and (or a b) c)'],
  ['NOT NOT a', '(not (not a))'],
  ['NOT a = b', '(not (= a b))'],
  ['-a * b', '(* (- a) b)'],
  ['- - 1', '(- (- 1))'],
  ['+a', '(+ a)'],
  ['-(a + b)', '(- (+ a b))'],
  ['a - b - c', '(- (- a b) c)'],
  ['a / b * c % d', '(% (* (/ a b) c) d)'],
  ['a + b * c - d', '(- (+ a (* b c)) d)'],
  ['a || b || c', '(|| (|| a b) c)'],
  ['a || b + c', '(|| a (+ b c))'],
  ['a * b || c', '(|| (* a b) c)'],
  ['a || b = c', '(= (|| a b) c)'],
  ['a = b + c', '(= a (+ b c))'],
  ['((a + b)) * c', '(* (+ a b) c)'],
  // comparisons and predicates
  ['a = 1', '(= a 1)'],
  ['a <> 1', '(<> a 1)'],
  ['a != 1', '(<> a 1)'],
  ['a < 1', '(< a 1)'],
  ['a <= 1', '(<= a 1)'],
  ['a > 1', '(> a 1)'],
  ['a >= 1', '(>= a 1)'],
  ['a IS NULL', '(is-null a)'],
  ['a IS NOT NULL', '(is-not-null a)'],
  ['a + 1 IS NULL', '(is-null (+ a 1))'],
  ['a IS DISTINCT FROM b', '(is-distinct-from a b)'],
  ['a IS NOT DISTINCT FROM b + 1', '(is-not-distinct-from a (+ b 1))'],
  ['a BETWEEN 1 AND 2', '(between a 1 2)'],
  ['a NOT BETWEEN b - 1 AND b + 1', '(not-between a (- b 1) (+ b 1))'],
  ['a BETWEEN 1 AND 2 AND c', '(and (between a 1 2) c)'],
  ['a IN (1, 2, 3)', '(in a (1 2 3))'],
  ['a NOT IN (1)', '(not-in a (1))'],
  ['a IN (SELECT b FROM t)', '(in a (select [b] (from t)))'],
  ['a IN ((SELECT 1), 2)', '(in a ((subquery (select [1])) 2))'],
  ['a IN ((SELECT 1) UNION (SELECT 2))', '(in a (union (paren (select [1])) (paren (select [2]))))'],
  ['a IN ((1), (2))', '(in a (1 2))'],
  ["a LIKE 'x%'", "(like a 'x%')"],
  ["a NOT LIKE 'x!%' ESCAPE '!'", "(not-like a 'x!%' '!')"],
  ['NOT a LIKE b', '(not (like a b))'],
  // literals
  ['1', '1'],
  ['1.5', '(decimal 1.5)'],
  ['.5', '(decimal .5)'],
  ['1.', '(decimal 1.)'],
  ['1e5', '(double 1e5)'],
  ['1.5E-3', '(double 1.5E-3)'],
  ['1.e+2', '(double 1.e+2)'],
  ["'it''s'", "'it''s'"],
  ["''", "''"],
  ["'multi\nline'", "'multi\nline'"],
  ['TRUE', 'true'],
  ['false', 'false'],
  ['NULL', 'null'],
  ["DATE '2020-01-01'", "(date '2020-01-01')"],
  ["TIMESTAMP '2020-01-01 00:00:00'", "(timestamp '2020-01-01 00:00:00')"],
  ["DECIMAL '1.5'", "(decimal '1.5')"],
  ["TIME '01:02:03'", "(time '01:02:03')"],
  ["double '1.5'", "(double '1.5')"],
  ["DOUBLE PRECISION '1.5'", "(double '1.5')"],
  ["int '5'", "(integer '5')"],
  ["BIGINT '5'", "(bigint '5')"],
  ["real '1'", "(real '1')"],
  ["varchar 'x'", "(varchar 'x')"],
  ["char 'x'", "(char 'x')"],
  ["INTERVAL '90' DAY", "(interval '90' day)"],
  ["interval '90' day (3)", "(interval '90' day)"],
  ["INTERVAL '1-2' YEAR TO MONTH", "(interval '1-2' year to month)"],
  ["INTERVAL '1 02:03:04' DAY TO SECOND", "(interval '1 02:03:04' day to second)"],
  ["INTERVAL -'3' HOUR", "(interval -'3' hour)"],
  ["INTERVAL + '3' MINUTE", "(interval '3' minute)"],
  ["INTERVAL '3' SECOND", "(interval '3' second)"],
  ["date '2020-01-01' - interval '90' day", "(- (date '2020-01-01') (interval '90' day))"],
  ['interval - 1', '(- interval 1)'],
  // names
  ['a', 'a'],
  ['A', 'a'],
  ['t.a', 't.a'],
  ['s.t.a', 's.t.a'],
  ['c.s.t.a', 'c.s.t.a'],
  ['"A"', '"A"'],
  ['"a""b"', '"a""b"'],
  ['"T"."A"', '"T"."A"'],
  ['"select"', '"select"'],
  ['_x1', '_x1'],
  ['überraschung', 'überraschung'],
  ['date', 'date'],
  ['date.x', 'date.x'],
  // function calls
  ['f()', '(call f)'],
  ['f(a, b)', '(call f a b)'],
  ['count(*)', '(call count *)'],
  ['COUNT(DISTINCT a)', '(call count distinct a)'],
  ['count(DISTINCT a, b)', '(call count distinct a b)'],
  ['count(ALL a)', '(call count a)'],
  ['count(all)', '(call count all)'],
  ['sum(x) FILTER (WHERE y > 1)', '(call sum x (filter (> y 1)))'],
  ['count(*) filter (where a)', '(call count * (filter a))'],
  ['s.f(x)', '(call s.f x)'],
  ['"F"(x)', '(call "F" x)'],
  ['year(x)', '(call year x)'],
  ['day(x) + month(x)', '(+ (call day x) (call month x))'],
  ['date(x)', '(call date x)'],
  ['if(a, b, c)', '(call if a b c)'],
  ['coalesce(a, b)', '(call coalesce a b)'],
  ['f(g(h(1)))', '(call f (call g (call h 1)))'],
  // window functions
  ['row_number() OVER ()', '(call row_number (over))'],
  ['sum(a) OVER w', '(call sum a (over w))'],
  ['sum(a) over "W"', '(call sum a (over "W"))'],
  ['sum(a) OVER (w)', '(call sum a (over w))'],
  ['sum(a) OVER (PARTITION BY b)', '(call sum a (over (partition b)))'],
  [
    'sum(a) OVER (PARTITION BY b, c + 1 ORDER BY d DESC NULLS FIRST, e)',
    '(call sum a (over (partition b (+ c 1)) (order (desc d nulls-first) e)))',
  ],
  ['sum(a) OVER (w PARTITION BY b)', '(call sum a (over w (partition b)))'],
  ['sum(a) OVER (w ORDER BY b ROWS 1 PRECEDING)', '(call sum a (over w (order b) (rows (preceding 1))))'],
  ['sum(a) OVER (ROWS UNBOUNDED PRECEDING)', '(call sum a (over (rows unbounded-preceding)))'],
  ['sum(a) OVER (ROWS CURRENT ROW)', '(call sum a (over (rows current-row)))'],
  ['sum(a) OVER (ORDER BY b RANGE 2 PRECEDING)', '(call sum a (over (order b) (range (preceding 2))))'],
  [
    'sum(a) OVER (ORDER BY b ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)',
    '(call sum a (over (order b) (rows (between unbounded-preceding current-row))))',
  ],
  [
    'sum(a) OVER (ROWS BETWEEN 2 PRECEDING AND 1 + 1 FOLLOWING)',
    '(call sum a (over (rows (between (preceding 2) (following (+ 1 1))))))',
  ],
  [
    'sum(a) OVER (ORDER BY b GROUPS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)',
    '(call sum a (over (order b) (groups (between current-row unbounded-following))))',
  ],
  [
    "avg(a) OVER (ORDER BY d RANGE BETWEEN INTERVAL '1' DAY PRECEDING AND INTERVAL '1' DAY FOLLOWING)",
    "(call avg a (over (order d) (range (between (preceding (interval '1' day)) (following (interval '1' day))))))",
  ],
  ['sum(a) OVER (ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING)', '(call sum a (over (rows (between (following 1) (following 2)))))'],
  ['sum(a) OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND 3 PRECEDING)', '(call sum a (over (rows (between unbounded-preceding (preceding 3)))))'],
  ['lag(a) IGNORE NULLS OVER (ORDER BY b)', '(call lag a ignore-nulls (over (order b)))'],
  ['first_value(a) respect nulls over w', '(call first_value a respect-nulls (over w))'],
  ['count(*) OVER ()', '(call count * (over))'],
  ['count(DISTINCT a) OVER ()', '(call count distinct a (over))'],
  ['sum(a) FILTER (WHERE b) OVER (PARTITION BY c)', '(call sum a (filter b) (over (partition c)))'],
  ['count(*) FILTER (WHERE b) OVER w', '(call count * (filter b) (over w))'],
  ['substring(s, 1) OVER ()', '(call substring s 1 (over))'],
  ['sum(a) OVER () / sum(a) OVER (PARTITION BY b)', '(/ (call sum a (over)) (call sum a (over (partition b))))'],
  ['f(a) OVER (PARTITION BY g(b) OVER ())', '(call f a (over (partition (call g b (over)))))'],
  // window keywords are not reserved: the words are names unless the syntax says otherwise
  ['sum(a) OVER (partition)', '(call sum a (over partition))'],
  ['sum(a) OVER (rows)', '(call sum a (over rows))'],
  ['sum(a) OVER (range ORDER BY b)', '(call sum a (over range (order b)))'],
  ['sum(a) OVER (groups PARTITION BY b)', '(call sum a (over groups (partition b)))'],
  ['sum(a) OVER (rows ROWS 1 PRECEDING)', '(call sum a (over rows (rows (preceding 1))))'],
  ['sum(a) OVER (ROWS current PRECEDING)', '(call sum a (over (rows (preceding current))))'],
  ['sum(a) OVER (ROWS unbounded + 1 PRECEDING)', '(call sum a (over (rows (preceding (+ unbounded 1)))))'],
  ['sum(a) OVER (PARTITION BY partition ORDER BY rows)', '(call sum a (over (partition partition) (order rows)))'],
  // special forms
  ['CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END', '(case (when a 1) (when b 2) (else 3))'],
  ["CASE x WHEN 1 THEN 'a' END", "(case x (when 1 'a'))"],
  ['CASE x + 1 WHEN 1 THEN 2 ELSE NULL END', '(case (+ x 1) (when 1 2) (else null))'],
  ['CAST(a AS bigint)', '(cast a <bigint>)'],
  ['TRY_CAST(a AS decimal(15, 2))', '(try_cast a <decimal(15,2)>)'],
  ['cast(a as VARCHAR(10))', '(cast a <varchar(10)>)'],
  ['CAST(a AS int)', '(cast a <integer>)'],
  ['CAST(a AS double precision)', '(cast a <double>)'],
  ['CAST(a AS timestamp(3) with time zone)', '(cast a <timestamp with time zone(3)>)'],
  ['CAST(a + 1 AS interval day to second)', '(cast (+ a 1) <interval day to second>)'],
  ['EXTRACT(year FROM d)', '(extract YEAR d)'],
  ['extract(DAY_OF_WEEK from d + 1)', '(extract DAY_OF_WEEK (+ d 1))'],
  ['substring(s FROM 2)', '(call substring s 2)'],
  ['substring(s FROM 2 FOR 3)', '(call substring s 2 3)'],
  ['SUBSTRING(s, 1, 2)', '(call substring s 1 2)'],
  ["position('a' IN s)", "(call strpos s 'a')"],
  ["position('a' || b IN s || c)", "(call strpos (|| s c) (|| 'a' b))"],
  ['position(a, b)', '(call position a b)'],
  ['position(a = b)', '(call position (= a b))'],
  ["trim(BOTH 'x' FROM s)", "(call trim s 'x')"],
  ["trim(LEADING 'x' FROM s)", "(call ltrim s 'x')"],
  ['trim(TRAILING FROM s)', '(call rtrim s)'],
  ['trim(FROM s)', '(call trim s)'],
  ["trim('x' FROM s)", "(call trim s 'x')"],
  ['trim(s)', '(call trim s)'],
  ["trim(s, 'x')", "(call trim s 'x')"],
  ['trim(leading)', '(call trim leading)'],
  ['trim(both || s)', '(call trim (|| both s))'],
  ['CURRENT_DATE', '(call current_date)'],
  ['current_timestamp', '(call current_timestamp)'],
  ['CURRENT_TIMESTAMP(3)', '(call current_timestamp 3)'],
  ['LOCALTIMESTAMP', '(call localtimestamp)'],
  ['current_time', '(call current_time)'],
  ['localtime', '(call localtime)'],
  ['CURRENT_DATE - INTERVAL \'1\' DAY', "(- (call current_date) (interval '1' day))"],
  // subqueries and parentheses
  ['(SELECT 1)', '(subquery (select [1]))'],
  ['(SELECT 1) + 1', '(+ (subquery (select [1])) 1)'],
  ['EXISTS (SELECT 1)', '(exists (select [1]))'],
  ['NOT EXISTS (SELECT * FROM t)', '(not (exists (select [*] (from t))))'],
  ['((SELECT 1) UNION (SELECT 2))', '(subquery (union (paren (select [1])) (paren (select [2]))))'],
  ['((SELECT 1) ORDER BY 1)', '(subquery (query (paren (select [1])) (order 1)))'],
  ['(a)', 'a'],
];

const types: Array<[string, string]> = [
  ['boolean', '<boolean>'],
  ['TINYINT', '<tinyint>'],
  ['smallint', '<smallint>'],
  ['integer', '<integer>'],
  ['INT', '<integer>'],
  ['bigint', '<bigint>'],
  ['real', '<real>'],
  ['double', '<double>'],
  ['DOUBLE PRECISION', '<double>'],
  ['decimal', '<decimal>'],
  ['decimal(10)', '<decimal(10)>'],
  ['DECIMAL(15, 2)', '<decimal(15,2)>'],
  ['varchar', '<varchar>'],
  ['varchar(255)', '<varchar(255)>'],
  ['char(3)', '<char(3)>'],
  ['varbinary', '<varbinary>'],
  ['date', '<date>'],
  ['time', '<time>'],
  ['time(3) with time zone', '<time with time zone(3)>'],
  ['timestamp', '<timestamp>'],
  ['timestamp(6)', '<timestamp(6)>'],
  ['TIMESTAMP WITHOUT TIME ZONE', '<timestamp>'],
  ['timestamp with time zone', '<timestamp with time zone>'],
  ['timestamp(3)  WITH  TIME  ZONE', '<timestamp with time zone(3)>'],
  ['interval year to month', '<interval year to month>'],
  ['INTERVAL DAY TO SECOND', '<interval day to second>'],
  ['interval day', '<interval day>'],
  ['geometry', '<geometry>'],
  ['"VarChar"(3)', '<varchar(3)>'],
];

describe('parseStatement', () => {
  it.each(statements)('%s', (sql, expected) => {
    expect(printStatement(parseStatement(sql))).toBe(expected);
  });
});

describe('parseStatement: queries', () => {
  it.each(queries)('%s', (sql, expected) => {
    expect(printStatement(parseStatement(sql))).toBe(expected);
  });
});

describe('parseExpression', () => {
  it.each(expressions)('%s', (sql, expected) => {
    expect(printExpr(parseExpression(sql))).toBe(expected);
  });

  it('parses the same expression inside a SELECT', () => {
    for (const [sql, expected] of expressions) {
      expect(printStatement(parseStatement(`SELECT ${sql}`))).toBe(`(select [${expected}])`);
    }
  });
});

describe('parseType', () => {
  it.each(types)('%s', (sql, expected) => {
    expect(printType(parseType(sql))).toBe(expected);
  });
});

describe('keywords', () => {
  // Non-reserved in Trino (DESCRIBE too, here): usable as columns, aliases, tables and qualifiers.
  const nonReserved = [
    'date', 'year', 'month', 'day', 'hour', 'minute', 'second', 'first', 'last', 'nulls', 'asc',
    'desc', 'row', 'rows', 'only', 'offset', 'limit', 'fetch', 'next', 'position', 'substring',
    'try_cast', 'filter', 'over', 'window', 'if', 'tables', 'schemas', 'columns', 'catalogs', 'show',
    'explain', 'analyze', 'describe', 'time', 'timestamp', 'interval', 'zone', 'at', 'all', 'any',
    'some', 'precision', 'array', 'map', 'lateral', 'to', 'without', 'both', 'leading', 'trailing',
    'count', 'replace', 'format', 'type', 'partition', 'range', 'groups', 'unbounded', 'preceding',
    'following', 'current', 'ignore', 'respect',
  ];

  it.each(nonReserved)('%s works as a name', (kw) => {
    const sql = `SELECT ${kw}, x AS ${kw}, x ${kw} FROM ${kw} ${kw} WHERE ${kw}.${kw} = ${kw} ORDER BY ${kw}`;
    expect(printStatement(parseStatement(sql))).toBe(
      `(query (select [${kw} (as x ${kw}) (as x ${kw})] (from (as ${kw} ${kw})) (where (= ${kw}.${kw} ${kw}))) (order ${kw}))`,
    );
  });

  it.each([...RESERVED_KEYWORDS])('%s is reserved, and works quoted', (kw) => {
    expect(() => parseStatement(`SELECT a AS ${kw.toLowerCase()}`)).toThrow(
      `mismatched input '${kw.toLowerCase()}'. Expecting: <identifier>`,
    );
    expect(printStatement(parseStatement(`SELECT "${kw}" FROM "${kw}"`))).toBe(`(select ["${kw}"] (from "${kw}"))`);
  });
});
