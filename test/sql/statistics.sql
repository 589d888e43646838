# Filters that row-group statistics (min, max, null count) can decide. Whatever the scan
# skips, the answer must be DuckDB's: boundaries (= min, = max), casts between the column and
# the literal, <>, IN, IS [NOT] NULL, every column type.

# Covers: boundaries of the files' sort key: equal to the first key, ranges ending at a row
# group edge, <> (never decidable by a range unless min = max), IN and NOT IN lists.
query
SELECT count(*) FILTER (WHERE l_orderkey = 1), count(*) FILTER (WHERE l_orderkey <> 1), count(*) FILTER (WHERE l_orderkey IN (1, 32, 59968, 60000)), count(*) FILTER (WHERE l_orderkey NOT IN (1, 2, 3))
FROM lineitem
---- duckdb

query
SELECT count(*), min(l_orderkey), max(l_orderkey) FROM lineitem WHERE l_orderkey = 1
---- duckdb

query
SELECT count(*), sum(l_quantity) FROM lineitem WHERE l_orderkey IN (3, 32000, 59968, 1000000)
---- duckdb

query
SELECT count(*) FROM lineitem WHERE l_orderkey <> 7
---- duckdb

# Covers: the maximum value of a column, exactly (a row group whose max equals the literal).
query
SELECT l_orderkey, l_linenumber FROM lineitem WHERE l_extendedprice >= (95049.50) AND l_extendedprice <= 95049.50
---- duckdb

# Covers: a bigint column against a decimal literal (the column is cast: ranges cast too).
query
SELECT count(*), max(l_orderkey) FROM lineitem WHERE l_orderkey < 100.5
---- duckdb

query
SELECT count(*) FROM lineitem WHERE l_linenumber = 1.5 OR l_linenumber > 6.99
---- duckdb

# Covers: a date column against a TIMESTAMP literal (the date is cast to timestamp).
query
SELECT count(*), max(l_shipdate) FROM lineitem WHERE l_shipdate < TIMESTAMP '1992-01-05 12:00:00'
---- duckdb

# Covers: a cast the statistics cannot use (to varchar: not order-preserving for numbers).
query
SELECT count(*) FROM lineitem WHERE CAST(l_orderkey AS varchar) < '2' AND l_orderkey < 30000
---- duckdb

# Covers: a numeric cast of the column on the left side, and the literal on the left.
query
SELECT count(*) FROM lineitem WHERE CAST(l_orderkey AS double) < 1000 AND 500 < l_orderkey
---- duckdb

# Covers: IS NULL / IS NOT NULL against null counts, a column that is NULL in every row, and a
# comparison on it (never true).
only tpch_zstd
query
SELECT count(*) FILTER (WHERE line IS NULL), count(*) FILTER (WHERE line IS NOT NULL), count(*) FILTER (WHERE nothing IS NULL), count(*) FILTER (WHERE nothing IS NOT NULL) FROM extra.nulls
---- duckdb

only tpch_zstd
query
SELECT count(*), sum(qty) FROM extra.nulls WHERE nothing IS NOT NULL
---- expected
0 | NULL

only tpch_zstd
query
SELECT count(*) FROM extra.nulls WHERE nothing = 'x' OR nothing < 'a'
---- expected
0

only tpch_zstd
query
SELECT count(*), count(shipped), min(id), max(id) FROM extra.nulls WHERE line IS NULL AND shipped IS NOT NULL AND id > 50000
---- duckdb

# Covers: statistics of every type of extra.types in a filter (tinyint, real against a
# decimal literal, double, decimals, varchar with non-ASCII, boolean, date before 1970,
# timestamp, a NULL-able bigint).
only tpch_zstd
query
SELECT count(*) FILTER (WHERE t_tinyint BETWEEN -5 AND 5), count(*) FILTER (WHERE t_real < 0.5), count(*) FILTER (WHERE t_double >= 26.3), count(*) FILTER (WHERE t_dec4 = -2.86),
  count(*) FILTER (WHERE t_dec38 > 0), count(*) FILTER (WHERE t_varchar >= 'v7'), count(*) FILTER (WHERE t_varchar > 'v9'), count(*) FILTER (WHERE t_boolean = true),
  count(*) FILTER (WHERE t_date < DATE '1970-01-01'), count(*) FILTER (WHERE t_timestamp > TIMESTAMP '2001-02-06 00:00:00'), count(*) FILTER (WHERE t_maybe IS NULL)
FROM extra.types
---- duckdb

only tpch_zstd
query
SELECT t_integer, t_varchar FROM extra.types WHERE t_varchar > 'v8' AND t_date >= DATE '1970-03-01' AND t_real > 9.5
---- duckdb

only tpch_zstd
query
SELECT count(*) FROM extra.types WHERE t_dec38 < -19999999999999999999999.5 AND t_bigint <= -200000000000
---- duckdb
