# Scalar functions and conditional expressions.

# Covers: simple CASE with ELSE, searched CASE without ELSE (NULL when nothing matches).
query
SELECT l_orderkey, l_linenumber,
  CASE l_returnflag WHEN 'A' THEN 1 WHEN 'R' THEN 2 ELSE 0 END,
  CASE WHEN l_quantity < 10 THEN 'small' WHEN l_quantity < 30 THEN 'medium' WHEN l_quantity < 45 THEN 'large' END
FROM lineitem WHERE l_orderkey < 500
---- duckdb

# Covers: CASE inside an aggregate (conditional sums, as TPC-H Q8/Q12/Q14 use them).
query ordered
SELECT l_shipmode,
  sum(CASE WHEN l_returnflag = 'R' THEN l_extendedprice ELSE 0 END) AS returned,
  sum(CASE WHEN l_returnflag <> 'R' THEN 1 ELSE 0 END) AS kept
FROM lineitem GROUP BY l_shipmode ORDER BY l_shipmode
---- duckdb

# Covers: CAST between kinds: decimal to integer (rounds HALF_UP), decimal to varchar (exact
# scale), integer to varchar, varchar to date, date to varchar, decimal to double, varchar to
# decimal, decimal to a smaller scale (rounds HALF_UP).
query types
SELECT l_orderkey, CAST(l_extendedprice AS integer), CAST(l_quantity AS varchar), CAST(l_linenumber AS varchar),
  CAST(CAST(l_shipdate AS varchar) AS date), CAST(l_discount AS double), CAST('12.345' AS decimal(10,2)), CAST(l_extendedprice / 7 AS decimal(12,1))
FROM lineitem WHERE l_orderkey < 200
---- types: bigint, integer, varchar, varchar, date, double, decimal(10,2), decimal(12,1)
---- duckdb
SELECT l_orderkey, CAST(l_extendedprice AS INTEGER), CAST(l_quantity AS VARCHAR), CAST(l_linenumber AS VARCHAR),
  l_shipdate, CAST(l_discount AS DOUBLE), '12.35'::DECIMAL(10,2), round(trino_div(l_extendedprice, 7, 2), 1)::DECIMAL(12,1)
FROM lineitem WHERE l_orderkey < 200

# Covers: TRY_CAST: NULL instead of an error for text that is not a number or a date.
query types
SELECT TRY_CAST('42' AS integer), TRY_CAST('4x2' AS integer), TRY_CAST('1992-02-30' AS date), TRY_CAST('2.5' AS decimal(3,1)), TRY_CAST(NULL AS bigint)
---- types: integer, integer, date, decimal(3,1), bigint
---- expected
42 | NULL | NULL | 2.5 | NULL

# Covers: TRY_CAST over a column where some values convert and some do not.
query
SELECT o_orderkey, TRY_CAST(substr(o_clerk, 7) AS integer), TRY_CAST(o_orderpriority AS integer) FROM orders WHERE o_orderkey < 300
---- duckdb

# Covers: COALESCE and NULLIF over columns (NULLIF produces NULLs that COALESCE replaces).
query
SELECT l_orderkey, l_linenumber, NULLIF(l_linenumber, 1), COALESCE(NULLIF(l_shipmode, 'AIR'), 'by air'), COALESCE(NULLIF(l_discount, 0.00), l_tax, 0)
FROM lineitem WHERE l_orderkey < 300
---- duckdb

# Covers: extract(YEAR/MONTH/DAY), year(), month(), day(), date_trunc('month'/'year'/'quarter')
# on dates (a date result: DuckDB's date_trunc answers a TIMESTAMP, hence the casts).
query types
SELECT o_orderkey, extract(YEAR FROM o_orderdate), extract(MONTH FROM o_orderdate), extract(DAY FROM o_orderdate),
  year(o_orderdate), month(o_orderdate), day(o_orderdate), date_trunc('month', o_orderdate), date_trunc('year', o_orderdate), date_trunc('quarter', o_orderdate)
FROM orders WHERE o_orderkey < 500
---- types: bigint, bigint, bigint, bigint, bigint, bigint, bigint, date, date, date
---- duckdb
SELECT o_orderkey, extract(YEAR FROM o_orderdate), extract(MONTH FROM o_orderdate), extract(DAY FROM o_orderdate),
  year(o_orderdate), month(o_orderdate), day(o_orderdate), date_trunc('month', o_orderdate)::DATE, date_trunc('year', o_orderdate)::DATE, date_trunc('quarter', o_orderdate)::DATE
FROM orders WHERE o_orderkey < 500

# Covers: date ± INTERVAL DAY/MONTH/YEAR on a column (month arithmetic clamps to the month's
# last day: DuckDB answers a TIMESTAMP, hence the casts).
query types
SELECT o_orderkey, o_orderdate + INTERVAL '10' DAY, o_orderdate - INTERVAL '1' MONTH, o_orderdate + INTERVAL '2' YEAR, o_orderdate + INTERVAL '13' MONTH
FROM orders WHERE o_orderkey < 400
---- types: bigint, date, date, date, date
---- duckdb
SELECT o_orderkey, (o_orderdate + INTERVAL '10' DAY)::DATE, (o_orderdate - INTERVAL '1' MONTH)::DATE, (o_orderdate + INTERVAL '2' YEAR)::DATE, (o_orderdate + INTERVAL '13' MONTH)::DATE
FROM orders WHERE o_orderkey < 400

# Covers: DATE literal ± INTERVAL, month-end clamping and leap years, derived by hand from the
# calendar: 2020-01-31 + 1 month = 2020-02-29 (leap), 2019-01-31 + 1 month = 2019-02-28,
# 2020-02-29 + 1 year = 2021-02-28, 2000-03-01 - 1 day = 2000-02-29, 1998-12-01 - 90 days =
# 1998-09-02 (Q1's cut-off), 1970-01-01 - 1 day = 1969-12-31.
query
SELECT DATE '2020-01-31' + INTERVAL '1' MONTH, DATE '2019-01-31' + INTERVAL '1' MONTH, DATE '2020-02-29' + INTERVAL '1' YEAR,
  DATE '2000-03-01' - INTERVAL '1' DAY, DATE '1998-12-01' - INTERVAL '90' DAY, DATE '1970-01-01' - INTERVAL '1' DAY
---- expected
2020-02-29 | 2019-02-28 | 2021-02-28 | 2000-02-29 | 1998-09-02 | 1969-12-31

# Covers: substr with 2 and 3 arguments, substring(x FROM a FOR b), length, lower, upper,
# trim, concat, replace on ASCII columns.
query
SELECT c_custkey, substr(c_name, 10), substr(c_phone, 1, 2), substring(c_mktsegment FROM 2 FOR 3), length(c_address),
  lower(c_mktsegment), upper(c_comment), trim(concat('  ', c_mktsegment, '  ')), concat(c_name, '/', c_mktsegment), replace(c_phone, '-', '')
FROM customer WHERE c_custkey < 200
---- duckdb

# Covers: string functions on non-ASCII text (é, Ω, ü, and 𝄞 outside the BMP, which UTF-16
# stores as two units): length counts code points, substr cuts on code points, upper/lower map
# non-ASCII letters, || and concat, replace, trim, a LIKE with _ matching one code point.
query
SELECT length('héllo Ωmega 𝄞!'), substr('a𝄞bcé', 2, 3), substring('Ärger über Ω' FROM 7 FOR 4), upper('café Ωmega ü'), lower('ÉCOLE ΩMEGA Ü'),
  trim('  né  '), 'é' || '𝄞' || 'x', concat('ü', 'ber'), replace('ébène', 'é', 'e'), '𝄞x' LIKE '_x', length(upper('𝄞é'))
---- duckdb

# Covers: string functions over a non-ASCII column.
only tpch_zstd
query
SELECT t_varchar, length(t_varchar), upper(t_varchar), substr(t_varchar, 2), substr(t_varchar, -1), t_varchar || '!' , replace(t_varchar, 'é', 'E')
FROM extra.types
---- duckdb

# Covers: abs, round (no digits, and 1 digit keeping the scale; HALF_UP), floor, ceil on
# decimals with negatives. Types per Trino's MathFunctions: round(decimal(p,s), n) is
# decimal(p+1,s); round, floor and ceil without digits give decimal(p-s+min(s,1),0); the
# argument x / 7 is itself decimal(15,2), rounded HALF_UP.
query types
SELECT l_orderkey, l_linenumber, abs(-l_extendedprice), round(l_extendedprice / 7), round(-l_extendedprice / 3, 1), floor(-l_extendedprice / 7), ceil(l_extendedprice / 7), floor(l_quantity), ceil(-l_tax)
FROM lineitem WHERE l_orderkey < 300
---- types: bigint, integer, decimal(15,2), decimal(14,0), decimal(16,2), decimal(14,0), decimal(14,0), decimal(14,0), decimal(14,0)
---- duckdb
SELECT l_orderkey, l_linenumber, abs(-l_extendedprice), round(trino_div(l_extendedprice, 7, 2), 0)::DECIMAL(14,0), round(trino_div(-l_extendedprice, 3, 2), 1)::DECIMAL(16,2),
  floor(trino_div(-l_extendedprice, 7, 2))::DECIMAL(14,0), ceil(trino_div(l_extendedprice, 7, 2))::DECIMAL(14,0), floor(l_quantity)::DECIMAL(14,0), ceil(-l_tax)::DECIMAL(14,0)
FROM lineitem WHERE l_orderkey < 300

# Covers: round/floor/ceil/abs on doubles and integers.
query
SELECT l_orderkey, l_linenumber, round(CAST(l_extendedprice AS double) / 7, 2), floor(CAST(l_extendedprice AS double) / 7), ceil(-CAST(l_extendedprice AS double) / 7), abs(-l_linenumber), round(l_linenumber)
FROM lineitem WHERE l_orderkey < 300
---- duckdb

# Covers: greatest and least over columns of one type and of mixed numeric types.
query
SELECT l_orderkey, l_linenumber, greatest(l_shipdate, l_commitdate, l_receiptdate), least(l_shipdate, l_commitdate), greatest(l_quantity, l_linenumber), least(l_discount, l_tax, 0.05)
FROM lineitem WHERE l_orderkey < 300
---- duckdb

# Covers: CASE evaluates a branch only for the rows that reach it: the division never sees a
# zero divisor, nor does the one behind OR once the first term is true.
query
SELECT l_orderkey, l_linenumber, CASE WHEN l_linenumber = 1 THEN 0 ELSE l_orderkey / (l_linenumber - 1) END
FROM lineitem WHERE l_orderkey < 300 AND (l_linenumber = 1 OR l_orderkey / (l_linenumber - 1) > 10)
---- duckdb: SELECT l_orderkey, l_linenumber, CASE WHEN l_linenumber = 1 THEN 0 ELSE l_orderkey // (l_linenumber - 1) END FROM lineitem WHERE l_orderkey < 300 AND (l_linenumber = 1 OR l_orderkey // (l_linenumber - 1) > 10)
