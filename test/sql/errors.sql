# Errors: each record must fail with the Squall error code (src/errors.ts) and, when given, at
# the line:column Trino reports (1-based). Semantic errors are positioned at the offending
# node; a binary operator's node starts at its operator in Trino's AST (io.trino.sql.parser
# tests: `-1 + 2` is located at 1:4). Run-time errors (division by zero, casts of values)
# carry no position in Trino, so none is asked for.

# Malformed SQL: a misspelled keyword.
statement error SYNTAX_ERROR 1:1
SELEC 1

# Malformed SQL: a select list that is empty.
statement error SYNTAX_ERROR 1:8
SELECT FROM lineitem

# Malformed SQL: an operator without its right operand.
statement error SYNTAX_ERROR 1:52
SELECT l_orderkey FROM lineitem WHERE l_quantity > ORDER BY 1

# Malformed SQL: on the second line.
statement error SYNTAX_ERROR 2:21
SELECT l_orderkey
FROM lineitem WHERE WHERE l_quantity > 1

# Malformed SQL: an unterminated string literal.
statement error SYNTAX_ERROR
SELECT 'abc FROM lineitem

# Unknown table.
statement error TABLE_NOT_FOUND 1:15
SELECT * FROM nope

# Unknown table in a known schema, qualified.
statement error TABLE_NOT_FOUND 1:22
SELECT count(*) FROM extra.nope

# Unknown schema.
statement error SCHEMA_NOT_FOUND 1:15
SELECT * FROM nope.lineitem

# Unknown column in the select list.
statement error COLUMN_NOT_FOUND 1:8
SELECT nope FROM lineitem

# Unknown column in WHERE.
statement error COLUMN_NOT_FOUND 1:37
SELECT count(*) FROM lineitem WHERE l_nope = 1

# Unknown column in ORDER BY.
statement error COLUMN_NOT_FOUND 1:42
SELECT l_orderkey FROM lineitem ORDER BY nope

# Unknown column: a derived table hides the columns it does not select.
statement error COLUMN_NOT_FOUND 1:8
SELECT l_comment FROM (SELECT l_orderkey FROM lineitem) t

# Unknown column on a second line.
statement error COLUMN_NOT_FOUND 2:7
SELECT l_orderkey,
      l_nope
FROM lineitem

# Unknown function.
statement error FUNCTION_NOT_FOUND 1:20
SELECT l_orderkey, nope(l_quantity) FROM lineitem

# Unknown function without FROM.
statement error FUNCTION_NOT_FOUND 1:8
SELECT nope(1)

# Type mismatch: varchar + integer (the code).
statement error TYPE_MISMATCH
SELECT 'a' + 1

# Type mismatch: varchar + integer, positioned at the operator as Trino does.
statement error TYPE_MISMATCH 1:12
SELECT 'a' + 1

# Type mismatch: date + integer (the code).
statement error TYPE_MISMATCH
SELECT l_shipdate + 1 FROM lineitem

# Type mismatch: date = varchar (no implicit cast from varchar to date).
statement error TYPE_MISMATCH
SELECT count(*) FROM lineitem WHERE l_shipdate = 'abc'

# Type mismatch: date = varchar, positioned at the operator as Trino does.
statement error TYPE_MISMATCH 1:48
SELECT count(*) FROM lineitem WHERE l_shipdate = 'abc'

# Type mismatch: WHERE of an integer.
statement error TYPE_MISMATCH 1:37
SELECT count(*) FROM lineitem WHERE 1

# Type mismatch: NOT of a decimal, positioned at the operand.
statement error TYPE_MISMATCH 1:41
SELECT count(*) FROM lineitem WHERE NOT l_quantity

# Type mismatch: AND with a varchar term, positioned at the term.
statement error TYPE_MISMATCH 1:56
SELECT count(*) FROM lineitem WHERE l_quantity > 1 AND l_comment

# Type mismatch: a cast no value can make (date to integer) is an analysis error.
statement error TYPE_MISMATCH 1:8
SELECT CAST(l_shipdate AS integer) FROM lineitem

# Type mismatch: sum of a varchar.
statement error TYPE_MISMATCH 1:8
SELECT sum(l_comment) FROM lineitem

# Type mismatch: CASE branches without a common type.
statement error TYPE_MISMATCH
SELECT CASE WHEN l_quantity > 1 THEN 1 ELSE 'many' END FROM lineitem

# A non-aggregated column next to GROUP BY.
statement error EXPRESSION_NOT_AGGREGATE 1:8
SELECT l_orderkey, count(*) FROM lineitem GROUP BY l_returnflag

# A non-aggregated column next to an aggregate without GROUP BY.
statement error EXPRESSION_NOT_AGGREGATE 1:8
SELECT l_orderkey, count(*) FROM lineitem

# A non-aggregated column in HAVING.
statement error EXPRESSION_NOT_AGGREGATE 1:74
SELECT l_returnflag, count(*) FROM lineitem GROUP BY l_returnflag HAVING l_quantity > 1

# A non-aggregated column in ORDER BY of an aggregating query.
statement error EXPRESSION_NOT_AGGREGATE 1:76
SELECT l_returnflag, count(*) FROM lineitem GROUP BY l_returnflag ORDER BY l_linestatus

# Nested aggregates, reported at the outer call as Trino does.
statement error NESTED_AGGREGATION 1:22
SELECT l_returnflag, max(sum(l_quantity)) FROM lineitem GROUP BY 1

# Bad ordinal in GROUP BY (beyond the select list).
statement error INVALID_COLUMN_REFERENCE 1:54
SELECT l_returnflag, count(*) FROM lineitem GROUP BY 3

# Bad ordinal in ORDER BY (0).
statement error INVALID_COLUMN_REFERENCE 1:44
SELECT l_returnflag FROM lineitem ORDER BY 0

# Division by zero at run time: integers (only some rows have l_linenumber = 1).
statement error DIVISION_BY_ZERO
SELECT count(*) FROM lineitem WHERE l_orderkey / (l_linenumber - 1) > 0

# Division by zero at run time: decimals.
statement error DIVISION_BY_ZERO
SELECT sum(l_extendedprice / (l_discount - l_discount)) FROM lineitem

# Division by zero: modulo, constant.
statement error DIVISION_BY_ZERO
SELECT 5 % 0

# Division by zero in the final step (over merged aggregates).
statement error DIVISION_BY_ZERO
SELECT l_returnflag, sum(l_quantity) / (count(*) - count(*)) FROM lineitem GROUP BY l_returnflag

# Invalid CAST in the final step.
statement error INVALID_CAST_ARGUMENT
SELECT CAST(max(l_comment) AS integer) FROM lineitem

# Invalid CAST of a literal.
statement error INVALID_CAST_ARGUMENT
SELECT CAST('abc' AS integer)

# Invalid CAST of column values (comments are not numbers).
statement error INVALID_CAST_ARGUMENT
SELECT CAST(l_comment AS bigint) FROM lineitem

# Invalid CAST to date: month 13.
statement error INVALID_CAST_ARGUMENT
SELECT CAST('2020-13-01' AS date)

# An ambiguous column of a derived table.
statement error AMBIGUOUS_NAME 1:8
SELECT a FROM (SELECT 1 AS a, 2 AS a) t

# SELECT * without FROM.
statement error COLUMN_NOT_FOUND 1:8
SELECT *

# Window functions are not allowed in WHERE.
statement error EXPRESSION_NOT_AGGREGATE 1:33
SELECT n_name FROM nation WHERE rank() OVER (ORDER BY n_name) = 1

# A window function inside another one's arguments.
statement error EXPRESSION_NOT_AGGREGATE 1:12
SELECT sum(rank() OVER (ORDER BY n_name)) OVER () FROM nation

# A window-only function without OVER.
statement error FUNCTION_NOT_FOUND 1:8
SELECT row_number() FROM nation

# A scalar function is not a window function.
statement error FUNCTION_NOT_FOUND 1:8
SELECT abs(n_nationkey) OVER () FROM nation

# RANGE with an offset needs exactly one ORDER BY key.
statement error INVALID_WINDOW_FRAME
SELECT count(*) OVER (ORDER BY n_regionkey, n_name RANGE 1 PRECEDING) FROM nation

# A negative frame offset (evaluated per row) is a run-time error.
statement error INVALID_WINDOW_FRAME
SELECT count(*) OVER (ORDER BY n_nationkey ROWS BETWEEN n_nationkey - 3 PRECEDING AND CURRENT ROW) FROM nation

# DISTINCT in a window aggregate is not supported (as in Trino).
statement error NOT_SUPPORTED 1:8
SELECT count(DISTINCT n_regionkey) OVER () FROM nation

# VALUES rows of different widths: a row with one column fewer, at the VALUES keyword as Trino
# reports it (the message names both row types).
statement error TYPE_MISMATCH 1:1
VALUES (1, 'a'), (2)

# VALUES rows of different widths as a derived table, on the second line.
statement error TYPE_MISMATCH 2:7
SELECT x, y
FROM (VALUES (1, 'a'), (2, 'b', true)) AS t (x, y)

# VALUES rows whose column types have no common type (integer and varchar).
statement error TYPE_MISMATCH 1:1
VALUES (1), ('2')

# A VALUES alias list with too few names.
statement error TYPE_MISMATCH
SELECT * FROM (VALUES (1, 2)) AS t (a)

# A VALUES cell that fails at run time.
statement error DIVISION_BY_ZERO
SELECT * FROM (VALUES (1), (1 / 0)) AS t (x)

# A correlated EXISTS as a value over an aggregation's output is not planned yet (uncorrelated
# ones are, and inside aggregate arguments correlated ones too).
statement error NOT_SUPPORTED 1:21
SELECT n_regionkey, EXISTS (SELECT 1 FROM region WHERE r_regionkey = n_regionkey) FROM nation GROUP BY n_regionkey
