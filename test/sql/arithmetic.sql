# Arithmetic: integer and decimal operators, exactness, division rounding, unary minus.

# Covers: + - * / % on integers, with negatives: Trino's integer division truncates toward zero
# and the remainder takes the dividend's sign (DuckDB spells truncating division `//`).
query types
SELECT 7 / 2, -7 / 2, 7 / -2, -7 / -2, 7 % 3, -7 % 3, 7 % -3, -7 % -3, 2 + 3 * 4 - 5, -(3 - 10)
---- types: integer, integer, integer, integer, integer, integer, integer, integer, integer, integer
---- duckdb: SELECT 7 // 2, -7 // 2, 7 // -2, -7 // -2, 7 % 3, -7 % 3, 7 % -3, -7 % -3, 2 + 3 * 4 - 5, -(3 - 10)

# Covers: integer division and modulo over columns, including negative operands (unary minus
# on a column), bigint with integer.
query
SELECT l_orderkey, l_linenumber, l_orderkey / l_linenumber, -l_orderkey / l_linenumber, l_orderkey % (l_linenumber + 1), -l_orderkey % 7, l_orderkey % -7
FROM lineitem WHERE l_orderkey < 200
---- duckdb: SELECT l_orderkey, l_linenumber, l_orderkey // l_linenumber, -l_orderkey // l_linenumber, l_orderkey % (l_linenumber + 1), -l_orderkey % 7, l_orderkey % -7 FROM lineitem WHERE l_orderkey < 200

# Covers: decimal arithmetic exactness: sums of products whose unscaled values exceed 2^53
# (price * price is ~10^14 per row in scale 4; the sum is ~10^18), mixed with integers.
query types
SELECT sum(l_extendedprice * l_extendedprice), sum(l_extendedprice * l_quantity * l_tax), sum(l_extendedprice * 3 - l_quantity), sum(l_orderkey * l_extendedprice)
FROM lineitem
---- types: decimal(38,4), decimal(38,6), decimal(38,2), decimal(38,2)
---- duckdb

# Covers: per-row decimal products, differences and unary minus keep exact scale.
query
SELECT l_orderkey, l_linenumber, l_extendedprice * (1 - l_discount), -l_extendedprice + l_tax, l_quantity * l_quantity * l_quantity
FROM lineitem WHERE l_orderkey BETWEEN 30000 AND 30100
---- duckdb

# Covers: decimal division: the result has scale max(s1, s2) and is rounded HALF_UP (ties away
# from zero, both signs); precision p1 + s2 + max(0, s2 - s1) (Trino's DecimalOperators).
query types
SELECT l_orderkey, l_linenumber, l_extendedprice / l_quantity, -l_extendedprice / l_quantity, l_discount / l_tax
FROM lineitem WHERE l_orderkey < 3000 AND l_tax > 0
---- types: bigint, integer, decimal(17,2), decimal(17,2), decimal(17,2)
---- duckdb
SELECT l_orderkey, l_linenumber, trino_div(l_extendedprice, l_quantity, 2)::DECIMAL(17,2), trino_div(-l_extendedprice, l_quantity, 2)::DECIMAL(17,2), trino_div(l_discount, l_tax, 2)::DECIMAL(17,2)
FROM lineitem WHERE l_orderkey < 3000 AND l_tax > 0

# Covers: decimal literal division and its rounding, derived by hand: 10.00/3.0 = 3.333… → 3.33;
# 2.00/3 = 0.666… → 0.67; -1.00/8 = -0.125 → -0.13 (HALF_UP away from zero); 1.0/3 → 0.3
# (scale 1); 5/2.0 = 2.5; 0.5 % 0.3 = 0.2. Types by the same rules: an integer is decimal(10,0),
# and a remainder has precision min(p1 - s1, p2 - s2) + max(s1, s2).
query types
SELECT 10.00 / 3.0, 2.00 / 3, -1.00 / 8, 1.0 / 3, 5 / 2.0, 0.5 % 0.3
---- types: decimal(5,2), decimal(3,2), decimal(3,2), decimal(2,1), decimal(12,1), decimal(1,1)
---- expected
3.33 | 0.67 | -0.13 | 0.3 | 2.5 | 0.2

# Covers: mixed integer/decimal arithmetic: an integer column times a decimal column, plus an
# integer literal, compared with a decimal.
query types
SELECT sum(l_linenumber * l_discount), sum(l_linenumber + l_tax), max(l_linenumber * 1.5)
FROM lineitem
---- types: decimal(38,2), decimal(38,2), decimal(12,1)
---- duckdb: SELECT sum(l_linenumber * l_discount), sum(l_linenumber + l_tax), max(l_linenumber * 1.5)::DECIMAL(12,1) FROM lineitem

# Covers: decimal % decimal and decimal % integer with negatives (the sign of the dividend).
query
SELECT l_orderkey, l_linenumber, l_extendedprice % l_quantity, -l_extendedprice % 7, l_quantity % -0.7
FROM lineitem WHERE l_orderkey < 500
---- duckdb

# Covers: double arithmetic (a decimal cast to double, / is true division for doubles).
query
SELECT l_orderkey, l_linenumber, CAST(l_extendedprice AS double) / l_quantity, CAST(l_discount AS double) * 3 - 1
FROM lineitem WHERE l_orderkey < 300
---- duckdb

# Covers: bigint arithmetic beyond 2^53 is exact (a bigint result is sent as a string past
# 2^53): 2^62 = 4611686018427387904, + 1; 3037000499 * 3037000499 = 9223372030926249001.
query types
SELECT CAST(4611686018427387904 AS bigint) + 1, CAST(3037000499 AS bigint) * 3037000499
---- types: bigint, bigint
---- expected
4611686018427387905 | 9223372030926249001
