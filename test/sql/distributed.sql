# Query shapes that cross the scan → merge → finalize boundaries: partial aggregates, top-N
# and limits kept per scan and merged, outer queries over a merged stage, fragments that find
# no rows. The `small fragments` variant runs them over one fragment per row group.

# Covers: ORDER BY … LIMIT … OFFSET over the big table (each scan keeps offset + count rows).
query ordered
SELECT l_orderkey, l_linenumber, l_quantity FROM lineitem ORDER BY l_quantity DESC, l_orderkey, l_linenumber LIMIT 10 OFFSET 25
---- duckdb

# Covers: SELECT * through a top-N (every column type of lineitem in partials).
query ordered
SELECT * FROM lineitem ORDER BY l_extendedprice, l_orderkey, l_linenumber LIMIT 7
---- duckdb

# Covers: ORDER BY an aggregate that is not in the select list, with LIMIT.
query ordered
SELECT l_suppkey FROM lineitem GROUP BY l_suppkey ORDER BY sum(l_quantity) DESC, l_suppkey LIMIT 6
---- duckdb

# Covers: an aggregate over the first rows of a sorted derived table (top-N in the scans, the
# aggregate in the final step).
query
SELECT count(*), sum(x), min(k), max(k) FROM (SELECT l_orderkey AS k, l_quantity AS x FROM lineitem ORDER BY l_orderkey DESC, l_linenumber LIMIT 1000) t
---- duckdb

# Covers: a filter and a projection above an aggregating derived table (a HAVING spelled as an
# outer WHERE), ordered by a computed column.
query ordered
SELECT flag, mode, total / cnt AS mean FROM (
  SELECT l_returnflag AS flag, l_shipmode AS mode, sum(l_quantity) AS total, count(*) AS cnt FROM lineitem GROUP BY l_returnflag, l_shipmode
) t WHERE cnt > 2000 ORDER BY mean DESC, flag, mode
---- duckdb
SELECT flag, mode, trino_div(total, cnt, 2)::DECIMAL(38,2) AS mean FROM (
  SELECT l_returnflag AS flag, l_shipmode AS mode, sum(l_quantity) AS total, count(*) AS cnt FROM lineitem GROUP BY l_returnflag, l_shipmode
) t WHERE cnt > 2000 ORDER BY mean DESC, flag, mode

# Covers: an aggregate over an aggregating derived table over a filtered scan in which most
# fragments find no row.
query
SELECT count(*), max(c), min(s) FROM (SELECT l_orderkey, count(*) AS c, sum(l_tax) AS s FROM lineitem WHERE l_orderkey < 500 OR l_orderkey > 59000 GROUP BY l_orderkey) t
---- duckdb

# Covers: GROUP BY where most fragments contribute no group.
query
SELECT l_shipmode, count(*), min(l_comment), max(l_extendedprice), count(DISTINCT l_partkey) FROM lineitem WHERE l_orderkey < 60 GROUP BY 1
---- duckdb

# Covers: DISTINCT over many rows (an aggregation without aggregates merged across scans),
# then counted.
query
SELECT count(*), count(DISTINCT l_shipmode), min(l_orderkey) FROM (SELECT DISTINCT l_orderkey, l_shipmode FROM lineitem) t
---- duckdb

# Covers: SELECT DISTINCT with ORDER BY and LIMIT.
query ordered
SELECT DISTINCT l_partkey FROM lineitem ORDER BY l_partkey DESC LIMIT 9
---- duckdb

# Covers: group keys of every kind through partial states: decimal, date, varchar, bigint, a
# double, a boolean expression.
query
SELECT l_discount, l_shipdate > DATE '1996-01-01', count(*), sum(l_quantity), min(l_shipdate), max(l_shipinstruct)
FROM lineitem GROUP BY l_discount, l_shipdate > DATE '1996-01-01'
---- duckdb

only tpch_zstd
query
SELECT ratio, mode, shipped, count(*), sum(qty), max(price) FROM extra.nulls WHERE id < 3000 GROUP BY ratio, mode, shipped
---- duckdb

# Covers: count(*) alone over the whole table (no column is read: row groups weighed by rows).
query
SELECT count(*) FROM lineitem
---- duckdb

# Covers: count(*) of rows with a filter on one column and avg/min/max of another.
query
SELECT count(*), avg(l_extendedprice), min(l_receiptdate), max(l_receiptdate) FROM lineitem WHERE l_shipinstruct = 'COLLECT COD'
---- duckdb: SELECT count(*), trino_avg(l_extendedprice, 2)::DECIMAL(15,2), min(l_receiptdate), max(l_receiptdate) FROM lineitem WHERE l_shipinstruct = 'COLLECT COD'

# Covers: a top-N on a NULL-heavy column across scans: NULLs last by default (DESC too),
# ties broken by id.
only tpch_zstd
query ordered
SELECT id, line, qty FROM extra.nulls ORDER BY line DESC, qty, id LIMIT 20
---- duckdb: SELECT id, line, qty FROM extra.nulls ORDER BY line DESC NULLS LAST, qty NULLS LAST, id LIMIT 20

# Covers: a sorted full result of a NULL-heavy table with NULLS FIRST, read in several scans.
only tpch_zstd
query ordered
SELECT id, mode, shipped FROM extra.nulls WHERE id BETWEEN 5000 AND 5600 ORDER BY mode NULLS FIRST, shipped DESC NULLS FIRST, id
---- duckdb

# Covers: LIMIT without ORDER BY above an aggregate over the merged stage: only the count is
# determined.
query
SELECT count(*) FROM (SELECT l_suppkey, count(*) FROM lineitem GROUP BY l_suppkey LIMIT 13) t
---- expected
13

# Covers: avg of decimals merged from many partial states, per group (exact HALF_UP at the end).
query
SELECT l_partkey % 50, avg(l_extendedprice), avg(l_discount), sum(l_quantity), count(*) FROM lineitem GROUP BY l_partkey % 50
---- duckdb
SELECT l_partkey % 50, trino_avg(l_extendedprice, 2)::DECIMAL(15,2), trino_avg(l_discount, 2)::DECIMAL(15,2), sum(l_quantity), count(*) FROM lineitem GROUP BY l_partkey % 50

# Covers: the other tables: a GROUP BY over orders, customer, partsupp, supplier, part.
query
SELECT o_orderstatus, o_orderpriority, count(*), sum(o_totalprice), min(o_orderdate), max(o_shippriority) FROM orders GROUP BY 1, 2
---- duckdb

query
SELECT c_mktsegment, c_nationkey, count(*), sum(c_acctbal), max(c_phone) FROM customer GROUP BY 1, 2
---- duckdb

query
SELECT ps_suppkey % 10, count(*), sum(ps_availqty), sum(ps_supplycost * ps_availqty) FROM partsupp GROUP BY 1
---- duckdb

query
SELECT s_nationkey, count(*), min(s_acctbal), max(s_name) FROM supplier GROUP BY s_nationkey
---- duckdb

query
SELECT p_brand, p_container, count(*), avg(p_size), max(p_retailprice) FROM part WHERE p_size BETWEEN 10 AND 20 GROUP BY 1, 2
---- duckdb
