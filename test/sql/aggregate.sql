# Aggregation: GROUP BY forms, HAVING, every aggregate, empty inputs.

# Covers: count(*), count(x), count(DISTINCT x), sum, avg, min, max per group; GROUP BY a
# column name; avg(integer) is a double; sum(integer) is a bigint.
query types
SELECT l_shipmode, count(*), count(l_comment), count(DISTINCT l_suppkey), sum(l_linenumber), avg(l_linenumber), min(l_shipdate), max(l_comment)
FROM lineitem GROUP BY l_shipmode
---- types: varchar, bigint, bigint, bigint, bigint, double, date, varchar
---- duckdb

# Covers: GROUP BY an expression (year of a date, the expression repeated in the select list).
query ordered
SELECT year(o_orderdate), count(*), sum(o_totalprice) FROM orders GROUP BY year(o_orderdate) ORDER BY 1
---- duckdb

# Covers: GROUP BY ordinals referring to expressions, ORDER BY ordinals.
query ordered
SELECT l_returnflag || l_linestatus AS flags, l_linenumber % 2 AS parity, count(*) FROM lineitem GROUP BY 1, 2 ORDER BY 1, 2
---- duckdb

# Covers: HAVING on an aggregate that is not in the select list, and on a group key.
query
SELECT l_suppkey, count(*) FROM lineitem GROUP BY l_suppkey HAVING sum(l_quantity) > 8000 AND l_suppkey < 90
---- duckdb

# Covers: HAVING with count(DISTINCT) and an expression over aggregates in the select list.
query ordered
SELECT o_custkey, count(DISTINCT o_orderstatus) AS statuses, max(o_totalprice) - min(o_totalprice) AS spread
FROM orders GROUP BY o_custkey HAVING count(DISTINCT o_orderstatus) = 3 ORDER BY spread DESC, o_custkey LIMIT 10
---- duckdb

# Covers: global aggregates (no GROUP BY) over the whole table, min/max of every column kind.
query
SELECT count(*), count(DISTINCT l_orderkey), min(l_orderkey), max(l_extendedprice), min(l_shipmode), max(l_receiptdate), sum(l_tax)
FROM lineitem
---- duckdb

# Covers: global aggregates over zero rows: count = 0, every other aggregate NULL.
query types
SELECT count(*), count(l_quantity), count(DISTINCT l_partkey), sum(l_quantity), avg(l_quantity), min(l_shipdate), max(l_comment), sum(l_linenumber), avg(l_linenumber)
FROM lineitem WHERE l_orderkey < 0
---- types: bigint, bigint, bigint, decimal(38,2), decimal(15,2), date, varchar, bigint, double
---- expected
0 | 0 | 0 | NULL | NULL | NULL | NULL | NULL | NULL

# Covers: GROUP BY over zero rows gives no groups at all.
query
SELECT l_returnflag, count(*) FROM lineitem WHERE l_orderkey < 0 GROUP BY l_returnflag
---- expected

# Covers: avg(decimal) per group with HALF_UP rounding on small groups (where a tie at the
# third decimal is likely), and avg(double).
query
SELECT l_orderkey, avg(l_discount), avg(l_tax), avg(l_quantity), avg(CAST(l_discount AS double))
FROM lineitem WHERE l_orderkey < 400 GROUP BY l_orderkey
---- duckdb
SELECT l_orderkey, trino_avg(l_discount, 2)::DECIMAL(15,2), trino_avg(l_tax, 2)::DECIMAL(15,2), trino_avg(l_quantity, 2)::DECIMAL(15,2), avg(CAST(l_discount AS DOUBLE))
FROM lineitem WHERE l_orderkey < 400 GROUP BY l_orderkey

# Covers: the same aggregate twice, an aggregate inside an expression, and a group key inside
# an expression in the select list.
query
SELECT l_linestatus, lower(l_linestatus), sum(l_quantity), sum(l_quantity) * 2, count(*) + 1 FROM lineitem GROUP BY l_linestatus
---- duckdb

# Covers: count(DISTINCT x) on several columns in one query, with a group key.
query
SELECT o_orderpriority, count(DISTINCT o_custkey), count(DISTINCT o_clerk), count(DISTINCT o_orderdate) FROM orders GROUP BY o_orderpriority
---- duckdb

# Covers: GROUP BY a column not in the select list, HAVING that rejects every group: the
# TPC-H specification gives every part exactly four suppliers in partsupp, so no rows.
query
SELECT count(*), max(ps_availqty) FROM partsupp GROUP BY ps_partkey HAVING count(*) <> 4
---- expected

# Covers: many groups (one per order): the hash aggregation's partial and final states over
# several scan fragments.
query
SELECT l_orderkey, count(*), sum(l_extendedprice), min(l_shipmode) FROM lineitem GROUP BY l_orderkey
---- duckdb
