# Hive-partitioned tables: extra.lineitem_part (ship_year=…/l_returnflag=…, a bigint and a
# varchar partition key) and extra.orders_month (order_month=…, a date partition key).
# The answers must not depend on pruning; pruning.test.ts checks that it happens.

# Covers: partition columns in the select list and GROUP BY (a bigint and a varchar key).
only tpch_zstd
query ordered
SELECT ship_year, l_returnflag, count(*), sum(l_quantity) FROM extra.lineitem_part GROUP BY 1, 2 ORDER BY 1, 2
---- duckdb

# Covers: an equality filter on a partition key (prunes partitions) and a data column filter.
only tpch_zstd
query
SELECT l_returnflag, count(*), sum(l_extendedprice) FROM extra.lineitem_part WHERE ship_year = 1995 AND l_quantity > 40 GROUP BY l_returnflag
---- duckdb

# Covers: range and IN filters on both partition keys together.
only tpch_zstd
query
SELECT ship_year, count(*) FROM extra.lineitem_part WHERE ship_year BETWEEN 1993 AND 1994 AND l_returnflag IN ('A', 'R') GROUP BY ship_year
---- duckdb

# Covers: a filter on a partition key mixed with OR over a data column (cannot prune by the
# key alone), and NOT on a partition key.
only tpch_zstd
query
SELECT count(*), sum(l_tax) FROM extra.lineitem_part WHERE (ship_year = 1998 OR l_shipmode = 'AIR') AND NOT l_returnflag = 'N'
---- duckdb

# Covers: a partition filter that matches no partition: an empty global aggregate (count 0,
# sum NULL).
only tpch_zstd
query
SELECT count(*), sum(l_quantity), max(ship_year) FROM extra.lineitem_part WHERE ship_year = 2020
---- expected
0 | NULL | NULL

# Covers: the partitioned table answers like the unpartitioned one it was written from.
only tpch_zstd
query
SELECT l_orderkey, l_linenumber, ship_year, l_returnflag FROM extra.lineitem_part WHERE l_orderkey < 100
---- duckdb: SELECT l_orderkey, l_linenumber, year(l_shipdate), l_returnflag FROM lineitem WHERE l_orderkey < 100

# Covers: a date partition key: equality with a DATE literal, range, and in the select list.
only tpch_zstd
query ordered
SELECT order_month, count(*), min(o_orderdate), max(o_orderdate) FROM extra.orders_month WHERE order_month >= DATE '1992-03-01' GROUP BY order_month ORDER BY order_month
---- duckdb

only tpch_zstd
query
SELECT o_orderkey, o_orderdate FROM extra.orders_month WHERE order_month = DATE '1992-02-01' AND o_orderkey < 3000
---- duckdb

# Covers: a function of a partition key in WHERE and in GROUP BY (month(order_month)).
only tpch_zstd
query
SELECT month(order_month), count(*) FROM extra.orders_month WHERE month(order_month) IN (1, 4) GROUP BY month(order_month)
---- duckdb

# Covers: ORDER BY a partition key with LIMIT (top-N over partitions).
only tpch_zstd
query ordered
SELECT ship_year, l_orderkey, l_linenumber FROM extra.lineitem_part ORDER BY ship_year DESC, l_orderkey DESC, l_linenumber LIMIT 5
---- duckdb
