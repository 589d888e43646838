# NULL semantics, mostly over extra.nulls (NULL-heavy columns derived from lineitem, and the
# all-NULL column `nothing`). These records read only extra.*: `only tpch_zstd`.

# Covers: three-valued logic of AND / OR / NOT and comparisons with NULL, no FROM. By hand
# (SQL's truth tables): NULL AND false = false, NULL AND true = NULL, NULL OR true = true,
# NULL OR false = NULL, NOT NULL = NULL, 1 = NULL is NULL, NULL <> NULL is NULL.
only tpch_zstd
query
SELECT NULL AND false, NULL AND true, NULL OR true, NULL OR false, NOT CAST(NULL AS boolean), 1 = NULL, NULL <> NULL
---- expected
false | NULL | true | NULL | NULL | NULL | NULL

# Covers: NULL in IN lists, by hand: 1 IN (1, NULL) = true, 2 IN (1, NULL) = NULL,
# 2 NOT IN (1, NULL) = NULL, 1 NOT IN (1, NULL) = false, NULL IN (1) = NULL, 3 IN (1, 3) = true.
only tpch_zstd
query
SELECT 1 IN (1, NULL), 2 IN (1, NULL), 2 NOT IN (1, NULL), 1 NOT IN (1, NULL), NULL IN (1), 3 IN (1, 3)
---- expected
true | NULL | NULL | false | NULL | true

# Covers: NULL columns in AND / OR / NOT inside WHERE (a row passes only when TRUE), and as
# values in the select list.
only tpch_zstd
query
SELECT id, qty, mode, qty > 20 AND mode = 'AIR', qty > 20 OR mode = 'AIR', NOT (qty > 20)
FROM extra.nulls WHERE id < 300
---- duckdb

# Covers: WHERE with NULL-producing predicates: counts of rows where the predicate is TRUE,
# NOT of it, and IS NULL of it (the three add up to all rows).
only tpch_zstd
query
SELECT count(*) FILTER (WHERE qty > 20 OR mode = 'AIR'), count(*) FILTER (WHERE NOT (qty > 20 OR mode = 'AIR')), count(*) FILTER (WHERE (qty > 20 OR mode = 'AIR') IS NULL), count(*)
FROM extra.nulls
---- duckdb

# Covers: IN and NOT IN with NULL in the list and NULL operands, in WHERE.
only tpch_zstd
query
SELECT count(*) FILTER (WHERE line IN (1, 2, NULL)), count(*) FILTER (WHERE line NOT IN (1, 2, NULL)), count(*) FILTER (WHERE line NOT IN (1, 2)), count(*) FILTER (WHERE mode IN ('AIR', 'MAIL'))
FROM extra.nulls
---- duckdb

# Covers: IS NULL and IS NOT NULL on every column kind, count(x) versus count(*).
only tpch_zstd
query
SELECT count(*), count(qty), count(price), count(mode), count(shipped), count(line), count(ratio), count(nothing),
  count(*) FILTER (WHERE qty IS NULL), count(*) FILTER (WHERE shipped IS NOT NULL AND mode IS NULL), count(*) FILTER (WHERE nothing IS NOT NULL)
FROM extra.nulls
---- duckdb

# Covers: aggregates over all-NULL groups and an all-NULL column: sum/avg/min/max NULL,
# count(x) 0, count(*) the group size (every group of this WHERE has only NULL qty).
only tpch_zstd
query types
SELECT mode, count(*), count(qty), sum(qty), avg(qty), min(qty), max(qty), count(nothing), max(nothing), min(price)
FROM extra.nulls WHERE qty IS NULL GROUP BY mode
---- types: varchar, bigint, bigint, decimal(38,2), decimal(15,2), decimal(15,2), decimal(15,2), bigint, varchar, decimal(15,2)
---- duckdb: SELECT mode, count(*), count(qty), sum(qty), trino_avg(qty, 2)::DECIMAL(15,2), min(qty), max(qty), count(nothing), max(nothing), min(price) FROM extra.nulls WHERE qty IS NULL GROUP BY mode

# Covers: aggregates skip NULLs: sum, avg (decimal, HALF_UP), min, max, count(DISTINCT) over
# NULL-heavy columns, per group with a NULL group key.
only tpch_zstd
query
SELECT mode, count(*), count(qty), sum(qty), avg(qty), min(price), max(shipped), count(DISTINCT line), sum(ratio)
FROM extra.nulls GROUP BY mode
---- duckdb
SELECT mode, count(*), count(qty), sum(qty), trino_avg(qty, 2)::DECIMAL(15,2), min(price), max(shipped), count(DISTINCT line), sum(ratio)
FROM extra.nulls GROUP BY mode

# Covers: NULLs in GROUP BY keys: all NULL keys form one group, several NULL-able keys.
only tpch_zstd
query
SELECT mode, line, count(*), count(qty) FROM extra.nulls GROUP BY mode, line
---- duckdb

# Covers: count(DISTINCT x) ignores NULL, DISTINCT keeps one NULL row.
only tpch_zstd
query
SELECT DISTINCT mode, line IS NULL FROM extra.nulls
---- duckdb

# Covers: ORDER BY with NULLs: Trino's default puts NULLs last in both directions; NULLS FIRST
# and NULLS LAST override it (DuckDB spelled with explicit NULLS LAST for the defaults).
only tpch_zstd
query ordered
SELECT id, line, mode FROM extra.nulls WHERE id < 120 ORDER BY line DESC, mode, id
---- duckdb: SELECT id, line, mode FROM extra.nulls WHERE id < 120 ORDER BY line DESC NULLS LAST, mode ASC NULLS LAST, id

# Covers: ORDER BY … NULLS FIRST ASC and DESC, NULLS LAST DESC.
only tpch_zstd
query ordered
SELECT id, shipped, qty FROM extra.nulls WHERE id < 200 ORDER BY shipped ASC NULLS FIRST, qty DESC NULLS FIRST, id DESC
---- duckdb

# Covers: top-N with NULLS LAST on a NULL-heavy column (the N best are all non-NULL) and
# NULLS FIRST (the N best are all NULL, ties broken by id).
only tpch_zstd
query ordered
SELECT id, price FROM extra.nulls ORDER BY price DESC NULLS LAST, id LIMIT 7
---- duckdb

only tpch_zstd
query ordered
SELECT id, price FROM extra.nulls ORDER BY price NULLS FIRST, id LIMIT 7
---- duckdb

# Covers: COALESCE over several NULL-able columns and NULLIF producing NULL; COALESCE of all
# NULLs is NULL; arithmetic with NULL is NULL; || with NULL is NULL.
only tpch_zstd
query
SELECT id, COALESCE(line, CAST(qty AS integer), -1), COALESCE(nothing, mode), NULLIF(mode, 'AIR'), qty + price, mode || 'x', COALESCE(nothing, nothing)
FROM extra.nulls WHERE id < 200
---- duckdb

# Covers: concat and || with a NULL argument are NULL in Trino (DuckDB's concat skips NULLs,
# hence the || spelling).
only tpch_zstd
query
SELECT id, concat(mode, '/', CAST(line AS varchar)), concat('x', nothing), mode || '/' || CAST(line AS varchar)
FROM extra.nulls WHERE id < 400
---- duckdb: SELECT id, mode || '/' || CAST(line AS VARCHAR), 'x' || nothing, mode || '/' || CAST(line AS VARCHAR) FROM extra.nulls WHERE id < 400

# Covers: CASE with NULL operands: a simple CASE never matches NULL (NULL = NULL is not TRUE),
# a searched CASE with IS NULL does.
only tpch_zstd
query
SELECT id, CASE mode WHEN NULL THEN 'null!' WHEN 'AIR' THEN 'air' ELSE 'other' END, CASE WHEN mode IS NULL THEN 'none' ELSE mode END
FROM extra.nulls WHERE id < 100
---- duckdb

# Covers: comparisons and BETWEEN with NULL operands in the select list (NULL results), LIKE
# on NULL, greatest/least with a NULL argument (NULL in Trino: DuckDB skips NULLs, hence the
# CASE spelling).
only tpch_zstd
query
SELECT id, qty < price, qty BETWEEN 10 AND 20, mode LIKE 'A%', greatest(qty, price), least(line, 3)
FROM extra.nulls WHERE id < 100
---- duckdb
SELECT id, qty < price, qty BETWEEN 10 AND 20, mode LIKE 'A%',
  CASE WHEN qty IS NULL OR price IS NULL THEN NULL ELSE greatest(qty, price) END,
  CASE WHEN line IS NULL THEN NULL ELSE least(line, 3) END
FROM extra.nulls WHERE id < 100

# Covers: a double column with NULLs: sum, avg, min, max of doubles (tolerance 1e-9).
only tpch_zstd
query
SELECT line, sum(ratio), avg(ratio), min(ratio), max(ratio), count(ratio) FROM extra.nulls GROUP BY line
---- duckdb

# Covers: global aggregates over an all-NULL column and over zero rows of a NULL-heavy table.
only tpch_zstd
query
SELECT count(nothing), min(nothing), max(nothing), count(DISTINCT nothing), sum(qty) FILTER (WHERE qty < 0), count(*) FILTER (WHERE qty < 0)
FROM extra.nulls
---- expected
0 | NULL | NULL | 0 | NULL | 0
