# Every column type of extra.types (one Parquet physical/logical type per column, 100 rows for
# i in -20..79; see test/setup/testLake.ts). These records read only extra.*.

# Covers: SELECT * over every type: the Trino type of each column and every value in client
# encoding (tinyint … bigint as numbers, real and double, decimals with their scale including
# decimal(38,10) beyond 2^64, varchar with é, boolean, dates before 1970, timestamp(6)).
only tpch_zstd
query types
SELECT * FROM extra.types
---- types: tinyint, smallint, integer, bigint, real, double, decimal(4,2), decimal(15,3), decimal(38,10), varchar, boolean, date, timestamp(6), bigint
---- duckdb

# Covers: min, max, count, count(DISTINCT) of every type.
only tpch_zstd
query
SELECT min(t_tinyint), max(t_smallint), min(t_integer), max(t_bigint), min(t_real), max(t_double), min(t_dec4), max(t_dec15), min(t_dec38), max(t_dec38),
  min(t_varchar), max(t_varchar), min(t_boolean), max(t_boolean), min(t_date), max(t_date), min(t_timestamp), max(t_timestamp), count(DISTINCT t_boolean), count(t_maybe)
FROM extra.types
---- duckdb

# Covers: sum of every numeric type and its Trino type (sum of integers is bigint, of real is
# real, of double is double, of decimal(p,s) is decimal(38,s)).
only tpch_zstd
query types
SELECT sum(t_tinyint), sum(t_smallint), sum(t_integer), sum(t_bigint), sum(t_real), sum(t_double), sum(t_dec4), sum(t_dec15), sum(t_dec38), sum(t_maybe)
FROM extra.types
---- types: bigint, bigint, bigint, bigint, real, double, decimal(38,2), decimal(38,3), decimal(38,10), bigint
---- duckdb

# Covers: avg of decimal(38,10) exactly, by hand: t_dec38 = i * 10^21 + 0.123456789 for i in
# -20..79, so the sum is 2950 * 10^21 + 12.3456789 and the average (÷ 100, exact) is
# 29500000000000000000000.1234567890 at the column's scale; sum as decimal(38,10).
only tpch_zstd
query types
SELECT sum(t_dec38), avg(t_dec38) FROM extra.types
---- types: decimal(38,10), decimal(38,10)
---- expected
2950000000000000000000012.3456789000 | 29500000000000000000000.1234567890

# Covers: avg of integer types and doubles (double), of real (real), of small decimals (HALF_UP).
only tpch_zstd
query types
SELECT avg(t_tinyint), avg(t_integer), avg(t_bigint), avg(t_double), avg(t_real), avg(t_dec4), avg(t_dec15)
FROM extra.types
---- types: double, double, double, double, real, decimal(4,2), decimal(15,3)
---- duckdb: SELECT avg(t_tinyint), avg(t_integer), avg(t_bigint), avg(t_double), avg(t_real), trino_avg(t_dec4, 2)::DECIMAL(4,2), trino_avg(t_dec15, 3)::DECIMAL(15,3) FROM extra.types

# Covers: comparisons and arithmetic across integer widths (tinyint with smallint with
# integer with bigint: smallint * integer is an integer, which DuckDB computes in INT16 unless
# told), a real with a double, decimals of different scales.
only tpch_zstd
query
SELECT t_tinyint, t_tinyint * 300 = t_smallint, t_smallint * 1000 / 3, t_integer + t_bigint, t_bigint / t_tinyint, t_real * 2, t_real + t_double, t_dec4 + t_dec15, t_dec15 * t_dec4, t_dec38 - t_dec4
FROM extra.types WHERE t_tinyint <> 0
---- duckdb: SELECT t_tinyint, t_tinyint * 300 = t_smallint, t_smallint::INTEGER * 1000 // 3, t_integer + t_bigint, t_bigint // t_tinyint, t_real * 2, t_real + t_double, t_dec4 + t_dec15, t_dec15 * t_dec4, t_dec38 - t_dec4 FROM extra.types WHERE t_tinyint <> 0

# Covers: boolean columns in WHERE (bare, NOT, = literal), GROUP BY a boolean, ORDER BY a
# boolean (false before true).
only tpch_zstd
query ordered
SELECT t_boolean, count(*), sum(t_integer) FROM extra.types WHERE t_boolean OR NOT t_boolean AND t_tinyint > 50 GROUP BY t_boolean ORDER BY t_boolean
---- duckdb

# Covers: date functions on dates before and after 1970 (negative epoch days): year, month,
# day, date_trunc, ± INTERVAL, comparison with a DATE literal.
only tpch_zstd
query
SELECT t_date, year(t_date), month(t_date), day(t_date), date_trunc('month', t_date), t_date + INTERVAL '1' MONTH, t_date - INTERVAL '40' DAY, t_date < DATE '1970-01-01'
FROM extra.types
---- duckdb: SELECT t_date, year(t_date), month(t_date), day(t_date), date_trunc('month', t_date)::DATE, (t_date + INTERVAL '1' MONTH)::DATE, (t_date - INTERVAL '40' DAY)::DATE, t_date < DATE '1970-01-01' FROM extra.types

# Covers: timestamps: hour(), extract(HOUR), day(), date_trunc('hour'/'day') keeping
# timestamp(6), comparison with TIMESTAMP literals, CAST(timestamp AS date), ORDER BY a
# timestamp DESC.
only tpch_zstd
query ordered types
SELECT t_timestamp, hour(t_timestamp), extract(HOUR FROM t_timestamp), day(t_timestamp), date_trunc('hour', t_timestamp), date_trunc('day', t_timestamp), CAST(t_timestamp AS date)
FROM extra.types WHERE t_timestamp >= TIMESTAMP '2001-02-03 00:00:00' AND t_timestamp < TIMESTAMP '2001-02-05 12:30:00.5' ORDER BY t_timestamp DESC
---- types: timestamp(6), bigint, bigint, bigint, timestamp(6), timestamp(6), date
---- duckdb

# Covers: TIMESTAMP literals and their precision (the literal's fraction digits), by hand:
# 2001-02-03 04:05:06 + 1 day; hour 4; date_trunc('day') at midnight.
only tpch_zstd
query types
SELECT TIMESTAMP '2001-02-03 04:05:06', TIMESTAMP '2001-02-03 04:05:06.5', TIMESTAMP '2001-02-03 04:05:06' + INTERVAL '1' DAY, hour(TIMESTAMP '2001-02-03 04:05:06.789'), date_trunc('day', TIMESTAMP '2001-02-03 04:05:06.789012')
---- types: timestamp(0), timestamp(1), timestamp(0), bigint, timestamp(6)
---- expected
2001-02-03 04:05:06 | 2001-02-03 04:05:06.5 | 2001-02-04 04:05:06 | 4 | 2001-02-03 00:00:00.000000

# Covers: a NULL-able bigint column in GROUP BY and arithmetic (t_maybe is NULL when i % 4 = 0).
only tpch_zstd
query
SELECT t_maybe % 3, count(*), sum(t_maybe), min(t_varchar) FROM extra.types GROUP BY t_maybe % 3
---- duckdb

# Covers: CAST between types: tinyint to varchar, real to double, double to decimal (HALF_UP),
# decimal(38,10) to varchar, boolean to varchar, date to varchar, timestamp to varchar, varchar
# to bigint.
only tpch_zstd
query
SELECT CAST(t_tinyint AS varchar), CAST(t_real AS double), CAST(t_double AS decimal(10,4)), CAST(t_dec38 AS varchar), CAST(t_boolean AS varchar), CAST(t_date AS varchar), CAST(t_timestamp AS varchar), CAST(substr(t_varchar, 2, 2) AS bigint)
FROM extra.types WHERE t_tinyint BETWEEN 10 AND 40
---- duckdb

# Covers: CASE, COALESCE and IF over varchar literals of different lengths take the widest
# (Trino: varchar(7) for 'rich' and 'unknown'), whichever branch comes first.
only tpch_zstd
query rowsort types
SELECT CASE WHEN n_nationkey > 3 THEN 'rich' ELSE 'unknown' END, coalesce(CASE WHEN n_nationkey > 20 THEN 'ab' END, 'abcde'), if(n_nationkey > 1, 'ab', 'abcdef')
FROM nation
---- types: varchar(7), varchar(5), varchar(6)
---- duckdb
