# ORDER BY, LIMIT, OFFSET and top-N.

# Covers: ORDER BY a column ASC and another DESC, with LIMIT (top-N fused with the scan).
query ordered
SELECT l_orderkey, l_linenumber, l_extendedprice FROM lineitem ORDER BY l_extendedprice DESC, l_orderkey ASC, l_linenumber LIMIT 15
---- duckdb

# Covers: ORDER BY an output alias, an ordinal and an expression not in the select list.
query ordered
SELECT o_orderkey AS k, o_orderdate, o_totalprice FROM orders WHERE o_orderkey < 2000 ORDER BY year(o_orderdate) DESC, 3, k
---- duckdb

# Covers: top-N with ties on the sort key broken deterministically by a second key.
query ordered
SELECT l_quantity, l_orderkey, l_linenumber FROM lineitem ORDER BY l_quantity DESC, l_orderkey DESC, l_linenumber DESC LIMIT 12
---- duckdb

# Covers: OFFSET with LIMIT (a page in the middle).
query ordered
SELECT c_custkey, c_name FROM customer ORDER BY c_custkey LIMIT 5 OFFSET 100
---- duckdb

# Covers: Trino's OFFSET before LIMIT spelling.
query ordered
SELECT c_custkey FROM customer ORDER BY c_acctbal DESC, c_custkey OFFSET 7 ROWS FETCH FIRST 3 ROWS ONLY
---- duckdb: SELECT c_custkey FROM customer ORDER BY c_acctbal DESC, c_custkey LIMIT 3 OFFSET 7

# Covers: LIMIT larger than the result.
query ordered
SELECT r_regionkey, r_name FROM region ORDER BY r_regionkey LIMIT 100
---- duckdb

# Covers: OFFSET beyond the end: no rows.
query
SELECT n_name FROM nation ORDER BY n_name OFFSET 25
---- expected

# Covers: OFFSET without LIMIT.
query ordered
SELECT n_name FROM nation ORDER BY n_name DESC OFFSET 20
---- duckdb

# Covers: LIMIT 0.
query
SELECT * FROM lineitem LIMIT 0
---- expected

# Covers: LIMIT without ORDER BY (only the number of rows is determined).
query
SELECT count(*) FROM (SELECT l_comment FROM lineitem LIMIT 17) t
---- expected
17

# Covers: ORDER BY over an aggregate's output, by alias DESC, with a GROUP BY ordinal.
query ordered
SELECT l_suppkey, sum(l_quantity) AS q FROM lineitem GROUP BY 1 ORDER BY q DESC, l_suppkey LIMIT 8
---- duckdb

# Covers: ORDER BY a varchar column with non-ASCII values in code point order, DISTINCT.
only tpch_zstd
query ordered
SELECT DISTINCT t_varchar FROM extra.types ORDER BY t_varchar DESC LIMIT 20
---- duckdb

# Covers: ORDER BY the whole sorted result of a large table (a full sort in the final step).
query ordered
SELECT o_orderdate, o_orderkey FROM orders ORDER BY o_orderdate, o_orderkey DESC
---- duckdb

# Covers: ORDER BY expressions composed of output aliases (Trino resolves a name in ORDER BY to
# the output column first), including an alias that hides an input column of the same name.
query ordered
SELECT o_orderkey AS k, o_totalprice AS o_custkey FROM orders WHERE o_orderkey < 3000 ORDER BY -o_custkey, k * -1 LIMIT 12
---- duckdb: SELECT o_orderkey AS k, o_totalprice FROM orders WHERE o_orderkey < 3000 ORDER BY -o_totalprice, -o_orderkey LIMIT 12

# Covers: ORDER BY expressions over aliases of an aggregate and of a group key.
query ordered
SELECT l_suppkey AS s, sum(l_quantity) AS q, count(*) AS n FROM lineitem GROUP BY l_suppkey ORDER BY q / n DESC, s % 7, s LIMIT 10
---- duckdb
SELECT l_suppkey AS s, sum(l_quantity) AS q, count(*) AS n FROM lineitem GROUP BY l_suppkey ORDER BY trino_div(sum(l_quantity), count(*), 2) DESC, l_suppkey % 7, l_suppkey LIMIT 10
