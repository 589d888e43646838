# Joins, subqueries and set operations over the SF 0.01 tables and extra.nulls (NULL keys),
# with VALUES and derived tables for hand-made keys: every join type, NULL keys, empty sides,
# duplicate and skewed keys, residual (non-equi) conditions, multi-column and coerced keys;
# EXISTS / IN / NOT IN / scalar subqueries, correlated or not; CTEs, UNION / INTERSECT / EXCEPT,
# VALUES as a relation. The codec variants add nothing here: `only tpch_zstd` (file, s3 and
# small fragments).

# INNER JOIN … ON, explicit syntax: every nation meets its one region (a many-to-one key).
only tpch_zstd
query rowsort types
SELECT n_name, r_name FROM nation JOIN region ON n_regionkey = r_regionkey
---- types: varchar, varchar
---- duckdb

# INNER JOIN with duplicate keys on both sides (many-to-many: 5 nations per region on each side,
# 125 rows), selecting the same column name from both sides by qualifier.
only tpch_zstd
query rowsort types
SELECT a.n_name, b.n_name, a.n_regionkey FROM nation a INNER JOIN nation b ON a.n_regionkey = b.n_regionkey
---- types: varchar, varchar, bigint
---- duckdb

# A many-to-many self join of the big table (every pair of lines of one order), aggregated.
only tpch_zstd
query rowsort types
SELECT l1.l_shipmode, count(*), sum(l2.l_quantity), count(DISTINCT l1.l_orderkey)
FROM lineitem l1 JOIN lineitem l2 ON l1.l_orderkey = l2.l_orderkey
WHERE l1.l_orderkey < 20000
GROUP BY l1.l_shipmode
---- types: varchar, bigint, decimal(38,2), bigint
---- duckdb

# A skewed key: 99% of lineitem's rows have join key 1 (one order), the rest their own order;
# the key is an expression, not a column.
only tpch_zstd
query types
SELECT count(*), count(DISTINCT l_orderkey), sum(o_totalprice), min(o_orderkey), max(o_orderkey)
FROM lineitem JOIN orders ON o_orderkey = CASE WHEN l_orderkey % 100 = 0 THEN l_orderkey ELSE 1 END
---- types: bigint, bigint, decimal(38,2), bigint, bigint
---- duckdb

# A skewed build side: the same order key repeated on the side that is not lineitem (every line
# of orders 1..7 against 3 copies of the order rows from UNION ALL).
only tpch_zstd
query rowsort types
SELECT l_orderkey, count(*), sum(l_quantity)
FROM lineitem JOIN (SELECT o_orderkey AS k FROM orders UNION ALL SELECT o_orderkey FROM orders WHERE o_orderkey < 8 UNION ALL SELECT o_orderkey FROM orders WHERE o_orderkey < 8) o ON l_orderkey = o.k
WHERE l_orderkey < 40
GROUP BY l_orderkey
---- types: bigint, bigint, decimal(38,2)
---- duckdb

# LEFT JOIN: customers without a matching order keep one row with NULLs (the ON condition
# filters the orders side only).
only tpch_zstd
query rowsort types
SELECT c_custkey, o_orderkey, o_orderdate FROM customer LEFT JOIN orders ON c_custkey = o_custkey AND o_orderdate < DATE '1993-01-01'
WHERE c_custkey <= 40
---- types: bigint, bigint, date
---- duckdb

# LEFT JOIN … WHERE right IS NULL (an anti join spelled as an outer join): customers with no
# order at all.
only tpch_zstd
query types
SELECT count(*), min(c_custkey), max(c_custkey) FROM customer LEFT JOIN orders ON c_custkey = o_custkey WHERE o_orderkey IS NULL
---- types: bigint, bigint, bigint
---- duckdb

# LEFT JOIN with a condition on the preserved side only: it decides which rows match, never
# which rows survive (customers with c_acctbal <= 0 keep a row, with no order).
only tpch_zstd
query rowsort types
SELECT c_custkey, c_acctbal, count(o_orderkey), sum(o_totalprice)
FROM customer LEFT JOIN orders ON c_custkey = o_custkey AND c_acctbal > 0
WHERE c_custkey <= 60
GROUP BY c_custkey, c_acctbal
---- types: bigint, decimal(15,2), bigint, decimal(38,2)
---- duckdb

# LEFT JOIN with a residual non-equi condition that rejects every match of some rows: those
# keep one row, count 0.
only tpch_zstd
query rowsort types
SELECT c_custkey, count(o_orderkey), max(o_totalprice)
FROM customer LEFT JOIN orders ON c_custkey = o_custkey AND o_totalprice > c_acctbal * 40
WHERE c_custkey <= 60
GROUP BY c_custkey
---- types: bigint, bigint, decimal(15,2)
---- duckdb

# LEFT JOIN whose right side is filtered to nothing: every left row, NULLs on the right.
only tpch_zstd
query rowsort types
SELECT n_name, r.r_name, r.r_regionkey FROM nation LEFT JOIN (SELECT * FROM region WHERE r_name = 'NOWHERE') r ON n_regionkey = r.r_regionkey
---- types: varchar, varchar, bigint
---- duckdb

# LEFT JOIN of an empty table (bad.empty: a file with zero rows), the key coerced from integer
# to bigint.
only tpch_zstd
query rowsort types
SELECT r_name, e.a, e.b FROM region LEFT JOIN bad.empty e ON r_regionkey = e.a
---- types: varchar, integer, decimal(10,2)
---- duckdb

# LEFT JOIN chain: region → nation (only names starting with A) → supplier (only small keys);
# NULLs from the first outer join meet the second one's key.
only tpch_zstd
query rowsort types
SELECT r_name, n_name, s_suppkey
FROM region
LEFT JOIN nation ON r_regionkey = n_regionkey AND n_name LIKE 'A%'
LEFT JOIN supplier ON s_nationkey = n_nationkey AND s_suppkey < 100
---- types: varchar, varchar, bigint
---- duckdb

# RIGHT JOIN: every customer of the range, with its early orders or NULLs.
only tpch_zstd
query rowsort types
SELECT o_orderkey, c_custkey, c_name FROM orders RIGHT JOIN customer ON o_custkey = c_custkey AND o_orderkey < 3000
WHERE c_custkey <= 50
---- types: bigint, bigint, varchar
---- duckdb

# RIGHT OUTER JOIN whose left side is filtered to nothing: every right row, NULLs on the left.
only tpch_zstd
query rowsort types
SELECT o.o_orderkey, o.o_totalprice, n_name FROM (SELECT * FROM orders WHERE o_totalprice < 0) o RIGHT OUTER JOIN nation ON o.o_custkey = n_nationkey
---- types: bigint, decimal(15,2), varchar
---- duckdb

# FULL OUTER JOIN with unmatched rows on both sides: 0..14 against 10..24 (10 left only,
# 5 matched, 10 right only).
only tpch_zstd
query rowsort types
SELECT a.k, a.name, b.k, b.name
FROM (SELECT n_nationkey AS k, n_name AS name FROM nation WHERE n_nationkey < 15) a
FULL OUTER JOIN (SELECT n_nationkey AS k, n_name AS name FROM nation WHERE n_nationkey >= 10) b ON a.k = b.k
---- types: bigint, varchar, bigint, varchar
---- duckdb

# FULL JOIN on a key with NULLs and duplicates on both sides (extra.nulls.mode is half NULL):
# NULL keys never match, so every NULL-key row of either side appears once, unmatched.
only tpch_zstd
query rowsort types
SELECT a.mode, b.mode, count(*), count(a.id), count(b.id)
FROM (SELECT id, mode FROM extra.nulls WHERE id < 40) a
FULL JOIN (SELECT id, mode FROM extra.nulls WHERE id BETWEEN 40 AND 100) b ON a.mode = b.mode
GROUP BY a.mode, b.mode
---- types: varchar, varchar, bigint, bigint, bigint
---- duckdb

# FULL JOIN with one side empty: the other side's rows, NULLs for the empty one.
only tpch_zstd
query rowsort types
SELECT r_name, n_name FROM region FULL JOIN (SELECT * FROM nation WHERE n_nationkey < 0) n ON r_regionkey = n.n_regionkey
---- types: varchar, varchar
---- duckdb

# FULL JOIN with a residual condition: rows whose keys match but fail it are unmatched on
# both sides.
only tpch_zstd
query rowsort types
SELECT a.n_nationkey, b.n_nationkey
FROM (SELECT * FROM nation WHERE n_regionkey = 1) a
FULL JOIN (SELECT * FROM nation WHERE n_regionkey = 1) b ON a.n_regionkey = b.n_regionkey AND a.n_nationkey < b.n_nationkey AND b.n_nationkey < 10
---- types: bigint, bigint
---- duckdb

# CROSS JOIN: every pair.
only tpch_zstd
query rowsort types
SELECT r_name, n_name FROM region CROSS JOIN nation WHERE n_nationkey < 3
---- types: varchar, varchar
---- duckdb

# CROSS JOIN with an empty side: no pairs (the count over them is one row, 0).
only tpch_zstd
query types
SELECT count(*), count(n_name) FROM region CROSS JOIN (SELECT * FROM nation WHERE n_nationkey < 0) t
---- types: bigint, bigint
---- duckdb

# CROSS JOIN with a one-row aggregate (an uncorrelated scalar as a relation), used in
# arithmetic (bigint / bigint truncates: DuckDB's //).
only tpch_zstd
query rowsort types
SELECT n_name, n_nationkey * 100 / total FROM nation CROSS JOIN (SELECT count(*) AS total FROM nation) t
---- types: varchar, bigint
---- duckdb: SELECT n_name, n_nationkey * 100 // total FROM nation CROSS JOIN (SELECT count(*) AS total FROM nation) t

# Comma joins: the join condition in WHERE (an implicit inner join), and none at all (a cross
# join, counted).
only tpch_zstd
query rowsort types
SELECT s_suppkey, s_name, n_name FROM supplier, nation WHERE s_nationkey = n_nationkey AND s_suppkey <= 20
---- types: bigint, varchar, varchar
---- duckdb

only tpch_zstd
query types
SELECT count(*), count(DISTINCT r_name), count(DISTINCT n_name) FROM region, nation
---- types: bigint, bigint, bigint
---- duckdb

# A comma join of three tables where one condition spans two of them and another filters a
# pair (s_nationkey = c_nationkey: two build sides joined to each other through the probe).
only tpch_zstd
query rowsort types
SELECT n_name, count(*), count(DISTINCT s_suppkey), count(DISTINCT c_custkey)
FROM nation, supplier, customer
WHERE s_nationkey = n_nationkey AND c_nationkey = s_nationkey AND n_regionkey = 2
GROUP BY n_name
---- types: varchar, bigint, bigint, bigint
---- duckdb

# JOIN … USING: the key referenced unqualified, once.
only tpch_zstd
query rowsort types
SELECT regionkey, n_name, r_name
FROM (SELECT n_regionkey AS regionkey, n_name FROM nation) n
JOIN (SELECT r_regionkey AS regionkey, r_name FROM region) r USING (regionkey)
---- types: bigint, varchar, varchar
---- duckdb

# FULL JOIN … USING: the unqualified key is the non-NULL one of the two sides (coalesce).
only tpch_zstd
query rowsort types
SELECT k, a.name, b.name
FROM (SELECT n_nationkey AS k, n_name AS name FROM nation WHERE n_nationkey < 8) a
FULL JOIN (SELECT n_nationkey AS k, n_name AS name FROM nation WHERE n_nationkey > 4 AND n_nationkey < 12) b USING (k)
---- types: bigint, varchar, varchar
---- duckdb

# JOIN … USING two columns, one side with NULL keys (extra.nulls.line is mostly NULL): the
# pairs with both keys equal.
only tpch_zstd
query rowsort types
SELECT k, n, a.l_quantity, b.qty
FROM (SELECT l_orderkey AS k, l_linenumber AS n, l_quantity FROM lineitem WHERE l_orderkey < 3000) a
JOIN (SELECT id AS k, line AS n, qty FROM extra.nulls WHERE id < 3000) b USING (k, n)
---- types: bigint, integer, decimal(15,2), decimal(15,2)
---- duckdb

# Multi-column ON keys: lineitem meets partsupp on (part, supplier); every line has one.
only tpch_zstd
query types
SELECT count(*), count(DISTINCT ps_partkey), sum(ps_supplycost * l_quantity), sum(ps_availqty)
FROM lineitem JOIN partsupp ON l_partkey = ps_partkey AND l_suppkey = ps_suppkey
---- types: bigint, bigint, decimal(38,4), bigint
---- duckdb

# Multi-column keys of different types (bigint and integer) with NULLs on both sides of one
# key: lineitem's (order, line) against extra.nulls's (id, line), whose line is mostly NULL.
only tpch_zstd
query types
SELECT count(*), count(b.id), sum(a.l_quantity), sum(b.qty)
FROM lineitem a LEFT JOIN extra.nulls b ON a.l_orderkey = b.id AND a.l_linenumber = b.line
WHERE a.l_orderkey < 10000
---- types: bigint, bigint, decimal(38,2), decimal(38,2)
---- duckdb

# A key coerced across types: integer l_linenumber against bigint n_nationkey.
only tpch_zstd
query rowsort types
SELECT l_linenumber, n_name, count(*) FROM lineitem JOIN nation ON l_linenumber = n_nationkey GROUP BY l_linenumber, n_name
---- types: integer, varchar, bigint
---- duckdb

# Join keys of other types: date (many-to-many on the ship date) and varchar (the ship mode).
only tpch_zstd
query rowsort types
SELECT a.mode, count(*), count(DISTINCT l_orderkey)
FROM (SELECT mode, shipped FROM extra.nulls WHERE id < 2000) a
JOIN lineitem ON a.shipped = l_shipdate AND a.mode = l_shipmode
GROUP BY a.mode
---- types: varchar, bigint, bigint
---- duckdb

# Non-equi residual in ON next to an equality: pairs within a region in key order (5 regions ×
# 10 pairs).
only tpch_zstd
query rowsort types
SELECT a.n_name, b.n_name FROM nation a JOIN nation b ON a.n_regionkey = b.n_regionkey AND a.n_nationkey < b.n_nationkey
---- types: varchar, varchar
---- duckdb

# A join with no equality at all: an inequality (25 × 24 / 2 pairs), and an OR of two
# equalities on expressions (neighbouring keys).
only tpch_zstd
query types
SELECT count(*), sum(a.n_nationkey), sum(b.n_nationkey) FROM nation a JOIN nation b ON a.n_nationkey < b.n_nationkey
---- types: bigint, bigint, bigint
---- duckdb

only tpch_zstd
query rowsort types
SELECT a.n_nationkey, b.n_nationkey FROM nation a JOIN nation b ON a.n_nationkey = b.n_nationkey + 1 OR a.n_nationkey = b.n_nationkey - 1
WHERE a.n_nationkey < 6
---- types: bigint, bigint
---- duckdb

# NULL keys never match in an inner join (extra.nulls.mode is half NULL on both sides); a LEFT
# JOIN keeps the NULL-key rows, unmatched.
only tpch_zstd
query rowsort types
SELECT a.mode, count(*) FROM (SELECT mode FROM extra.nulls WHERE id < 100) a JOIN (SELECT mode FROM extra.nulls WHERE id BETWEEN 100 AND 200) b ON a.mode = b.mode GROUP BY a.mode
---- types: varchar, bigint
---- duckdb

only tpch_zstd
query rowsort types
SELECT a.mode IS NULL, count(*), count(b.mode)
FROM (SELECT mode FROM extra.nulls WHERE id < 100) a LEFT JOIN (SELECT mode FROM extra.nulls WHERE id BETWEEN 100 AND 200) b ON a.mode = b.mode
GROUP BY a.mode IS NULL
---- types: boolean, bigint, bigint
---- duckdb

# NULL keys from VALUES: the NULL key of the left side meets nothing, and the integer key is
# coerced to bigint.
only tpch_zstd
query rowsort types
SELECT t.x, t.label, n_name FROM (VALUES (1, 'one'), (NULL, 'none'), (3, 'three'), (99, 'gone')) AS t (x, label) LEFT JOIN nation ON t.x = n_nationkey
---- types: integer, varchar(5), varchar
---- duckdb

# An inner join with the build side filtered to nothing: no rows, so the aggregate is one row
# (0, NULL); and the probe side filtered to nothing.
only tpch_zstd
query types
SELECT count(*), sum(l_quantity) FROM lineitem JOIN (SELECT * FROM orders WHERE o_orderdate < DATE '1900-01-01') o ON l_orderkey = o.o_orderkey
---- types: bigint, decimal(38,2)
---- duckdb

only tpch_zstd
query types
SELECT count(*), max(o_orderkey) FROM (SELECT * FROM lineitem WHERE l_quantity < 0) l JOIN orders ON l.l_orderkey = o_orderkey
---- types: bigint, bigint
---- duckdb

# A parenthesized join as the right side of another join.
only tpch_zstd
query rowsort types
SELECT r_name, n_name, s_name
FROM region JOIN (nation JOIN supplier ON s_nationkey = n_nationkey) ON n_regionkey = r_regionkey
WHERE s_suppkey <= 15
---- types: varchar, varchar, varchar
---- duckdb

# A join of two aggregating derived tables, ordered by a column of each.
only tpch_zstd
query ordered types
SELECT t.flag, t.status, t.c, u.c
FROM (SELECT l_returnflag AS flag, l_linestatus AS status, count(*) AS c FROM lineitem GROUP BY 1, 2) t
JOIN (SELECT l_returnflag AS flag, count(*) AS c FROM lineitem WHERE l_shipmode = 'AIR' GROUP BY 1) u ON t.flag = u.flag
ORDER BY t.flag, t.status
---- types: varchar, varchar, bigint, bigint
---- duckdb

# Join, aggregate, ORDER BY … LIMIT over the join (top suppliers by revenue).
only tpch_zstd
query ordered types
SELECT s_name, sum(l_extendedprice) AS total FROM supplier JOIN lineitem ON s_suppkey = l_suppkey GROUP BY s_name ORDER BY total DESC, s_name LIMIT 5
---- types: varchar, decimal(38,2)
---- duckdb

# Correlated EXISTS and NOT EXISTS (semi and anti join on the customer key, with a filter in
# the subquery): the two split the customers of the range.
only tpch_zstd
query rowsort types
SELECT c_custkey FROM customer WHERE c_custkey <= 80 AND EXISTS (SELECT * FROM orders WHERE o_custkey = c_custkey AND o_orderpriority = '1-URGENT')
---- types: bigint
---- duckdb

only tpch_zstd
query rowsort types
SELECT c_custkey FROM customer WHERE c_custkey <= 80 AND NOT EXISTS (SELECT * FROM orders WHERE o_custkey = c_custkey AND o_orderpriority = '1-URGENT')
---- types: bigint
---- duckdb

# Correlated EXISTS through a non-equi correlation next to an equality (a later nation in the
# same region), and EXISTS over duplicates (each order counted once).
only tpch_zstd
query rowsort types
SELECT a.n_name FROM nation a WHERE EXISTS (SELECT * FROM nation b WHERE b.n_regionkey = a.n_regionkey AND b.n_nationkey > a.n_nationkey)
---- types: varchar
---- duckdb

only tpch_zstd
query types
SELECT count(*), sum(o_totalprice) FROM orders WHERE EXISTS (SELECT 1 FROM lineitem WHERE l_orderkey = o_orderkey AND l_quantity > 45)
---- types: bigint, decimal(38,2)
---- duckdb

# Uncorrelated EXISTS: true for every row, or false for every row.
only tpch_zstd
query types
SELECT count(*) FROM nation WHERE EXISTS (SELECT 1 FROM region WHERE r_name = 'ASIA')
---- types: bigint
---- duckdb

only tpch_zstd
query types
SELECT count(*) FROM nation WHERE NOT EXISTS (SELECT 1 FROM region WHERE r_name = 'ASIA')
---- types: bigint
---- duckdb

# EXISTS as a boolean value in the select list (correlated).
only tpch_zstd
query rowsort types
SELECT n_name, EXISTS (SELECT * FROM supplier WHERE s_nationkey = n_nationkey AND s_acctbal > 9000) FROM nation
---- types: varchar, boolean
---- duckdb

# IN (subquery): a semi join whose build side has duplicate keys (lines per order): each order
# once.
only tpch_zstd
query types
SELECT count(*), sum(o_totalprice) FROM orders WHERE o_orderkey IN (SELECT l_orderkey FROM lineitem WHERE l_quantity > 45)
---- types: bigint, decimal(38,2)
---- duckdb

# IN and NOT IN over an uncorrelated subquery without NULLs.
only tpch_zstd
query rowsort types
SELECT o_orderkey, o_custkey FROM orders WHERE o_custkey IN (SELECT c_custkey FROM customer WHERE c_acctbal > 9950)
---- types: bigint, bigint
---- duckdb

only tpch_zstd
query rowsort types
SELECT n_name FROM nation WHERE n_nationkey NOT IN (SELECT s_nationkey FROM supplier WHERE s_acctbal > 8500)
---- types: varchar
---- duckdb

# NOT IN where the subquery yields a NULL: x NOT IN (…, NULL, …) is false or NULL, never true:
# no rows (and a count of 0).
only tpch_zstd
query rowsort types
SELECT n_name FROM nation WHERE n_nationkey NOT IN (SELECT CASE WHEN n_nationkey = 3 THEN NULL ELSE n_nationkey + 20 END FROM nation)
---- types: varchar
---- duckdb

only tpch_zstd
query types
SELECT count(*) FROM nation WHERE n_nationkey NOT IN (SELECT CASE WHEN n_nationkey = 3 THEN NULL ELSE n_nationkey + 20 END FROM nation)
---- types: bigint
---- duckdb

# IN with a NULL in the subquery still finds the values that are there (21..24 are).
only tpch_zstd
query rowsort types
SELECT n_name FROM nation WHERE n_nationkey IN (SELECT CASE WHEN n_nationkey = 3 THEN NULL ELSE n_nationkey + 20 END FROM nation)
---- types: varchar
---- duckdb

# IN and NOT IN as values (three-valued): true, false, or NULL when the value is absent and the
# subquery has a NULL, or when the value is NULL.
only tpch_zstd
query rowsort types
SELECT n_nationkey,
  n_nationkey IN (SELECT CASE WHEN n_nationkey = 3 THEN NULL ELSE n_nationkey + 20 END FROM nation),
  n_nationkey NOT IN (SELECT CASE WHEN n_nationkey = 3 THEN NULL ELSE n_nationkey + 20 END FROM nation),
  n_nationkey IN (SELECT r_regionkey FROM region)
FROM nation
---- types: bigint, boolean, boolean, boolean
---- duckdb

only tpch_zstd
query rowsort types
SELECT id, line, line IN (SELECT l_linenumber FROM lineitem WHERE l_orderkey = 1), line NOT IN (SELECT l_linenumber FROM lineitem WHERE l_orderkey = 1)
FROM extra.nulls WHERE id < 40
---- types: bigint, integer, boolean, boolean
---- duckdb

# NOT IN over an empty subquery: true for every row, even where the value is NULL.
only tpch_zstd
query rowsort types
SELECT id, line FROM extra.nulls WHERE id < 30 AND line NOT IN (SELECT l_linenumber FROM lineitem WHERE l_quantity < 0)
---- types: bigint, integer
---- duckdb

# NOT IN where the outer value is NULL and the subquery is not empty: NULL, so the row goes.
only tpch_zstd
query rowsort types
SELECT id, line FROM extra.nulls WHERE id < 200 AND line NOT IN (SELECT l_linenumber FROM lineitem WHERE l_orderkey = 1)
---- types: bigint, integer
---- duckdb

# A correlated IN (the subquery's rows depend on the outer row).
only tpch_zstd
query rowsort types
SELECT s_suppkey, s_nationkey FROM supplier WHERE s_suppkey <= 30 AND s_nationkey IN (SELECT n_nationkey FROM nation WHERE n_regionkey = s_suppkey % 5)
---- types: bigint, bigint
---- duckdb

# Uncorrelated scalar subqueries: in the select list, in WHERE, and one that finds no row (NULL).
only tpch_zstd
query rowsort types
SELECT n_name, (SELECT max(r_name) FROM region), (SELECT r_name FROM region WHERE r_regionkey = 99) FROM nation WHERE n_nationkey < 4
---- types: varchar, varchar, varchar
---- duckdb

only tpch_zstd
query rowsort types
SELECT o_orderkey, o_totalprice FROM orders WHERE o_totalprice > (SELECT max(o_totalprice) - 25000 FROM orders)
---- types: bigint, decimal(15,2)
---- duckdb

# Correlated scalar subqueries in the select list: a count (0, not NULL, where nothing
# matches) and a max (NULL where nothing matches).
only tpch_zstd
query rowsort types
SELECT c_custkey,
  (SELECT count(*) FROM orders WHERE o_custkey = c_custkey),
  (SELECT max(o_orderdate) FROM orders WHERE o_custkey = c_custkey),
  (SELECT sum(o_totalprice) FROM orders WHERE o_custkey = c_custkey AND o_orderstatus = 'F')
FROM customer WHERE c_custkey <= 40
---- types: bigint, bigint, date, decimal(38,2)
---- duckdb

# A correlated scalar subquery in WHERE compared with a column (orders above their customer's
# largest early order).
only tpch_zstd
query types
SELECT count(*), sum(o_totalprice) FROM orders o1
WHERE o_totalprice > (SELECT max(o2.o_totalprice) FROM orders o2 WHERE o2.o_custkey = o1.o_custkey AND o2.o_orderdate < DATE '1994-01-01')
---- types: bigint, decimal(38,2)
---- duckdb

# A scalar subquery that returns more than one row is an error.
only tpch_zstd
statement error SUBQUERY_MULTIPLE_ROWS
SELECT n_name, (SELECT r_name FROM region) FROM nation

# WITH: one CTE used twice (joined with itself), and a CTE reading an earlier one.
only tpch_zstd
query rowsort types
WITH t AS (SELECT n_regionkey AS r, count(*) AS c, min(n_name) AS first FROM nation GROUP BY n_regionkey)
SELECT a.r, b.r, a.first, b.first FROM t a JOIN t b ON a.c = b.c AND a.r < b.r
---- types: bigint, bigint, varchar, varchar
---- duckdb

only tpch_zstd
query rowsort types
WITH big AS (SELECT o_custkey, o_totalprice FROM orders WHERE o_totalprice > 300000),
  per AS (SELECT o_custkey, count(*) AS n FROM big GROUP BY o_custkey)
SELECT c_name, n FROM per JOIN customer ON c_custkey = per.o_custkey WHERE n > 1
---- types: varchar, bigint
---- duckdb

# A WITH query that aggregates, named twice (TPC-H Q15's shape over another quarter): joined with
# supplier, and under max() in a scalar subquery. It is computed once, in a stage of its own that
# both references read (stagePlan unit test in test/unit/plan/optimizer.test.ts).
only tpch_zstd tpch_sf01
query ordered types
WITH revenue (supplier_no, total_revenue) AS (
  SELECT l_suppkey, sum(l_extendedprice * (1 - l_discount)) FROM lineitem
  WHERE l_shipdate >= DATE '1995-04-01' AND l_shipdate < DATE '1995-07-01'
  GROUP BY l_suppkey)
SELECT s_suppkey, s_name, s_phone, total_revenue FROM supplier, revenue
WHERE s_suppkey = supplier_no AND total_revenue = (SELECT max(total_revenue) FROM revenue)
ORDER BY s_suppkey
---- types: bigint, varchar, varchar, decimal(38,4)
---- duckdb

# A WITH query that joins and aggregates, named three times: a filter on one reference only
# (it cannot move into the shared computation, so it stays above that reference), joined on
# different keys (with partitioned joins, each reference repartitions the shared output on its
# own keys), and one reference needing only some columns.
only tpch_zstd tpch_sf01
query rowsort types
WITH o AS (
  SELECT o_custkey AS cust, o_orderpriority AS prio, count(*) AS n, sum(l_quantity) AS q
  FROM orders JOIN lineitem ON l_orderkey = o_orderkey
  GROUP BY o_custkey, o_orderpriority)
SELECT a.prio, count(*), sum(b.n), max(c.q), count(DISTINCT c.cust)
FROM o a JOIN o b ON a.cust = b.cust AND a.prio < b.prio
  JOIN o c ON c.cust = a.cust + 1 AND c.prio = a.prio
WHERE a.cust < 400
GROUP BY a.prio
---- types: varchar, bigint, bigint, decimal(38,2), bigint
---- duckdb

# UNION (distinct) and UNION ALL of two tables.
only tpch_zstd
query rowsort types
SELECT n_regionkey FROM nation UNION SELECT r_regionkey FROM region
---- types: bigint
---- duckdb

only tpch_zstd
query rowsort types
SELECT n_name AS name FROM nation UNION ALL SELECT r_name FROM region
---- types: varchar
---- duckdb

# UNION ALL coercing types per column: bigint with integer, varchar with varchar(1), decimal(15,2)
# with decimal(2,1).
only tpch_zstd
query rowsort types
SELECT n_nationkey, n_name, s_acctbal FROM nation JOIN supplier ON s_nationkey = n_nationkey WHERE s_suppkey < 4
UNION ALL SELECT 7, 'x', 1.5
---- types: bigint, varchar, decimal(15,2)
---- duckdb

# UNION keeps one NULL (set operations treat NULLs as equal).
only tpch_zstd
query rowsort types
SELECT mode FROM extra.nulls WHERE id < 100 UNION SELECT mode FROM extra.nulls WHERE id > 59000
---- types: varchar
---- duckdb

# INTERSECT and EXCEPT, with NULL treated as a value.
only tpch_zstd
query rowsort types
SELECT l_suppkey FROM lineitem WHERE l_shipmode = 'AIR' AND l_quantity > 49 INTERSECT SELECT s_suppkey FROM supplier WHERE s_acctbal > 5000
---- types: bigint
---- duckdb

only tpch_zstd
query rowsort types
SELECT mode FROM extra.nulls WHERE id < 50 INTERSECT SELECT mode FROM extra.nulls WHERE id BETWEEN 50 AND 100
---- types: varchar
---- duckdb

only tpch_zstd
query rowsort types
SELECT n_nationkey FROM nation EXCEPT SELECT s_nationkey FROM supplier WHERE s_acctbal > 8000
---- types: bigint
---- duckdb

only tpch_zstd
query rowsort types
SELECT line FROM extra.nulls WHERE id < 100 EXCEPT SELECT l_linenumber FROM lineitem WHERE l_linenumber > 3
---- types: integer
---- duckdb

# INTERSECT binds tighter than UNION: {0..4} ∪ ({21..24} ∩ {0..22}).
only tpch_zstd
query rowsort types
SELECT r_regionkey FROM region UNION SELECT n_nationkey FROM nation WHERE n_nationkey > 20 INTERSECT SELECT n_nationkey FROM nation WHERE n_nationkey < 23
---- types: bigint
---- duckdb

# ORDER BY and LIMIT apply to the whole UNION ALL.
only tpch_zstd
query ordered types
SELECT n_name AS name FROM nation UNION ALL SELECT r_name FROM region ORDER BY name DESC LIMIT 7
---- types: varchar
---- duckdb

# A set operation as a derived table, aggregated.
only tpch_zstd
query types
SELECT count(*), count(k), max(k) FROM (SELECT l_orderkey AS k FROM lineitem WHERE l_shipmode = 'AIR' EXCEPT SELECT o_orderkey FROM orders WHERE o_orderstatus = 'F') t
---- types: bigint, bigint, bigint
---- duckdb

# VALUES as a relation with column aliases: integer, and varchar(1) with a NULL.
only tpch_zstd
query rowsort types columns
SELECT * FROM (VALUES (1, 'a'), (2, NULL)) AS t (x, y)
---- types: integer, varchar(1)
---- columns: x, y
---- duckdb

# VALUES joined with a table: a key absent from lineitem keeps its row in a LEFT JOIN (count 0);
# the varchar(4) key compared with varchar.
only tpch_zstd
query rowsort types
SELECT t.name, count(l_orderkey), sum(l_quantity) FROM (VALUES ('AIR', 'air'), ('SHIP', 'sea'), ('NONE', 'x')) AS t (mode, name) LEFT JOIN lineitem ON l_shipmode = t.mode GROUP BY t.name
---- types: varchar(3), bigint, decimal(38,2)
---- duckdb

# VALUES as a query: each column's type is the common super type of its rows (integer with
# decimal(2,1) is decimal(11,1), varchar(1) with varchar(3) is varchar(3)), NULL takes the type.
only tpch_zstd
query rowsort types columns
VALUES (1, 'a', 2.5), (2, 'bcd', 3), (NULL, NULL, NULL)
---- types: integer, varchar(3), decimal(11,1)
---- columns: _col0, _col1, _col2
---- duckdb: SELECT * FROM (VALUES (1, 'a', 2.5), (2, 'bcd', 3), (NULL, NULL, NULL))

# VALUES rows without parentheses (one column each), expressions included, with ORDER BY and
# LIMIT.
only tpch_zstd
query ordered types
VALUES 3, 1 + 1, -4, (5) * 2 ORDER BY 1 DESC LIMIT 3
---- types: integer
---- duckdb: SELECT * FROM (VALUES (3), (1 + 1), (-4), ((5) * 2)) t ORDER BY 1 DESC LIMIT 3

# VALUES of dates and decimals with integers: date, decimal(12,2).
only tpch_zstd
query rowsort types
SELECT d, v, d + INTERVAL '1' DAY FROM (VALUES (DATE '2020-01-01', 1.50), (DATE '2021-06-30', 10)) AS t (d, v)
---- types: date, decimal(12,2), date
---- duckdb: SELECT d, v, CAST(d + INTERVAL '1' DAY AS date) FROM (VALUES (DATE '2020-01-01', 1.50), (DATE '2021-06-30', 10)) AS t (d, v)

# VALUES in set operations: UNION with a table (bigint with integer), EXCEPT and INTERSECT.
only tpch_zstd
query rowsort types
SELECT n_nationkey FROM nation WHERE n_nationkey < 3 UNION VALUES 7, 1, NULL
---- types: bigint
---- duckdb: SELECT n_nationkey FROM nation WHERE n_nationkey < 3 UNION SELECT * FROM (VALUES (7), (1), (NULL))

only tpch_zstd
query rowsort types
VALUES 1, 2, 3, 7 EXCEPT SELECT n_regionkey FROM nation
---- types: bigint
---- duckdb: SELECT * FROM (VALUES (1), (2), (3), (7)) EXCEPT SELECT n_regionkey FROM nation

only tpch_zstd
query rowsort types
(VALUES ('ASIA'), ('MARS')) INTERSECT SELECT r_name FROM region
---- types: varchar
---- duckdb: SELECT * FROM (VALUES ('ASIA'), ('MARS')) INTERSECT SELECT r_name FROM region

# WITH t (a, b) AS (VALUES …), joined with a table and used twice.
only tpch_zstd
query rowsort types
WITH t (k, label) AS (VALUES (1, 'one'), (2, 'two'), (NULL, 'none'))
SELECT a.label, b.label, n_name FROM t a JOIN nation ON a.k = n_nationkey LEFT JOIN t b ON b.k = n_regionkey
---- types: varchar(4), varchar(4), varchar
---- duckdb

# IN (VALUES …): a semi join onto literal rows; NOT IN over VALUES with a NULL is never true.
only tpch_zstd
query rowsort types
SELECT n_name FROM nation WHERE n_nationkey IN (VALUES 1, 3, 99)
---- types: varchar
---- duckdb: SELECT n_name FROM nation WHERE n_nationkey IN (SELECT * FROM (VALUES (1), (3), (99)))

only tpch_zstd
query types
SELECT count(*) FROM nation WHERE n_nationkey NOT IN (VALUES 1, NULL)
---- types: bigint
---- duckdb: SELECT count(*) FROM nation WHERE n_nationkey NOT IN (SELECT * FROM (VALUES (1), (NULL)))

# EXISTS in an OR branch of WHERE (a mark join, correlated): the nations of region 0 or with a
# rich supplier.
only tpch_zstd
query rowsort types
SELECT n_name FROM nation WHERE n_regionkey = 0 OR EXISTS (SELECT * FROM supplier WHERE s_nationkey = n_nationkey AND s_acctbal > 9500)
---- types: varchar
---- duckdb

# NOT IN under NOT inside OR, with NULL values and a subquery without NULLs: NOT (NULL) OR
# id < 3 is NULL where id >= 3, so those rows go.
only tpch_zstd
query rowsort types
SELECT id, line FROM extra.nulls WHERE id < 60 AND (NOT (line IN (SELECT l_linenumber FROM lineitem WHERE l_orderkey = 1)) OR id < 3)
---- types: bigint, integer
---- duckdb

# NOT IN inside OR where the subquery has a NULL: no value is known not to be in it.
only tpch_zstd
query rowsort types
SELECT n_nationkey FROM nation WHERE n_nationkey NOT IN (SELECT CASE WHEN n_nationkey = 3 THEN NULL ELSE n_nationkey + 20 END FROM nation) OR n_nationkey = 7
---- types: bigint
---- duckdb

# IN and NOT IN in CASE: TRUE, FALSE and NULL take different branches.
only tpch_zstd
query rowsort types
SELECT n_nationkey,
  CASE WHEN n_nationkey IN (SELECT s_nationkey FROM supplier WHERE s_acctbal > 9000) THEN 'yes'
       WHEN n_nationkey NOT IN (SELECT CASE WHEN n_nationkey = 3 THEN NULL ELSE n_nationkey END FROM nation WHERE n_nationkey < 10) THEN 'out'
       ELSE 'unk' END
FROM nation
---- types: bigint, varchar(3)
---- duckdb

# IN, NOT IN and EXISTS over an empty subquery, as values: FALSE, TRUE, FALSE for every row,
# NULL values included.
only tpch_zstd
query rowsort types
SELECT id, line, line IN (SELECT l_linenumber FROM lineitem WHERE l_quantity < 0), line NOT IN (SELECT l_linenumber FROM lineitem WHERE l_quantity < 0),
  EXISTS (SELECT 1 FROM lineitem WHERE l_quantity < 0)
FROM extra.nulls WHERE id < 10
---- types: bigint, integer, boolean, boolean, boolean
---- duckdb

# Uncorrelated EXISTS and NOT EXISTS as values.
only tpch_zstd
query rowsort types
SELECT n_name, EXISTS (SELECT 1 FROM region WHERE r_name = 'ASIA'), NOT EXISTS (SELECT 1 FROM region WHERE r_name = 'MARS') FROM nation WHERE n_nationkey < 3
---- types: varchar, boolean, boolean
---- duckdb

# A correlated EXISTS as a value through a non-equi correlation next to an equality.
only tpch_zstd
query rowsort types
SELECT a.n_name, EXISTS (SELECT * FROM nation b WHERE b.n_regionkey = a.n_regionkey AND b.n_nationkey > a.n_nationkey) FROM nation a
---- types: varchar, boolean
---- duckdb

# A mark join in the WHERE of a subquery that is itself an IN (a mark inside a semi join).
only tpch_zstd
query rowsort types
SELECT c_custkey FROM customer WHERE c_custkey <= 80
  AND c_nationkey IN (SELECT n_nationkey FROM nation WHERE n_regionkey = 1 OR EXISTS (SELECT * FROM supplier WHERE s_nationkey = n_nationkey AND s_acctbal > 9900))
---- types: bigint
---- duckdb

# Correlated IN and NOT IN as values with NULLs: the subquery's rows per ship mode have a NULL
# only for AIR (line 3 of those lines), and the outer mode is NULL for half the rows (no rows:
# IN is FALSE, NOT IN TRUE, whatever the value).
only tpch_zstd
query rowsort types
SELECT id, line, mode,
  line IN (SELECT CASE WHEN l_linenumber = 3 AND l_shipmode = 'AIR' THEN NULL ELSE l_linenumber END FROM lineitem WHERE l_shipmode = mode AND l_orderkey < 200),
  line NOT IN (SELECT CASE WHEN l_linenumber = 3 AND l_shipmode = 'AIR' THEN NULL ELSE l_linenumber END FROM lineitem WHERE l_shipmode = mode AND l_orderkey < 200)
FROM extra.nulls WHERE id < 120
---- types: bigint, integer, varchar, boolean, boolean
---- duckdb

# Correlated NOT IN in WHERE with NULLs: NOT IN's NULL rule applies within each outer row's
# correlated rows only (an AIR row goes unless its group is empty, others go only when found).
only tpch_zstd
query rowsort types
SELECT id, line, mode FROM extra.nulls
WHERE id < 400 AND line NOT IN (SELECT CASE WHEN l_linenumber = 3 AND l_shipmode = 'AIR' THEN NULL ELSE l_linenumber END FROM lineitem WHERE l_shipmode = mode AND l_orderkey < 200)
---- types: bigint, integer, varchar
---- duckdb

# A correlated IN through a non-equi correlation only (a residual with no correlation key),
# as a value: NULL where an id in range has a NULL line.
only tpch_zstd
query rowsort types
SELECT a.id, a.line, a.line IN (SELECT b.line FROM extra.nulls b WHERE b.id > a.id AND b.id < a.id + 3 AND b.id < 40)
FROM extra.nulls a WHERE a.id < 30
---- types: bigint, integer, boolean
---- duckdb

# Subqueries inside aggregate arguments join before the aggregation: count_if of IN and EXISTS,
# and a sum of a correlated count.
only tpch_zstd
query types
SELECT count(*), count_if(o_orderkey IN (SELECT l_orderkey FROM lineitem WHERE l_quantity > 49)),
  count_if(EXISTS (SELECT * FROM lineitem WHERE l_orderkey = o_orderkey AND l_discount > 0.09)),
  sum((SELECT count(*) FROM lineitem WHERE l_orderkey = o_orderkey AND l_quantity > 45))
FROM orders
---- types: bigint, bigint, bigint, bigint
---- duckdb

# Correlated scalar aggregations where nothing matches: count(*) + 1 is 1, count_if and
# count(DISTINCT) are 0, coalesce(max(…), -1) is -1 (the expression is computed over the
# aggregates of no rows, not NULL). DuckDB's count_if over no rows is NULL, so its spelling
# counts with FILTER.
only tpch_zstd
query rowsort types
SELECT c_custkey,
  (SELECT count(*) + 1 FROM orders WHERE o_custkey = c_custkey),
  (SELECT count_if(o_orderstatus = 'F') FROM orders WHERE o_custkey = c_custkey),
  (SELECT count(DISTINCT o_orderstatus) FROM orders WHERE o_custkey = c_custkey),
  (SELECT coalesce(max(o_totalprice), -1) FROM orders WHERE o_custkey = c_custkey)
FROM customer WHERE c_custkey <= 30
---- types: bigint, bigint, bigint, bigint, decimal(15,2)
---- duckdb
SELECT c_custkey,
  (SELECT count(*) + 1 FROM orders WHERE o_custkey = c_custkey),
  (SELECT count(*) FILTER (WHERE o_orderstatus = 'F') FROM orders WHERE o_custkey = c_custkey),
  (SELECT count(DISTINCT o_orderstatus) FROM orders WHERE o_custkey = c_custkey),
  (SELECT coalesce(max(o_totalprice), -1) FROM orders WHERE o_custkey = c_custkey)
FROM customer WHERE c_custkey <= 30

# A correlated count with HAVING: NULL where HAVING rejects the group, 0 where it accepts no rows.
only tpch_zstd
query rowsort types
SELECT c_custkey,
  (SELECT count(*) FROM orders WHERE o_custkey = c_custkey HAVING count(*) > 15),
  (SELECT count(*) FROM orders WHERE o_custkey = c_custkey HAVING count(*) < 5)
FROM customer WHERE c_custkey <= 30
---- types: bigint, bigint, bigint
---- duckdb

# A correlated count in WHERE: the customers without orders (count = 0, not NULL).
only tpch_zstd
query rowsort types
SELECT c_custkey FROM customer WHERE c_custkey <= 60 AND (SELECT count(*) FROM orders WHERE o_custkey = c_custkey) = 0
---- types: bigint
---- duckdb

# A correlated count on a key that is NULL for half the outer rows: 0 there.
only tpch_zstd
query rowsort types
SELECT a.id, a.mode, (SELECT count(*) FROM extra.nulls b WHERE b.mode = a.mode AND b.id < 50) FROM extra.nulls a WHERE a.id < 20
---- types: bigint, varchar, bigint
---- duckdb

# Correlated NOT IN and IN over the big tables, also at SF 0.1 with partitioned joins: the
# null-aware join partitions on the correlation key only (an order's lines, with a NULL for
# orders that have a 7th line, stay in one task).
only tpch_zstd tpch_sf01
query types
SELECT count(*), sum(o_totalprice) FROM orders
WHERE o_custkey % 50 NOT IN (SELECT CASE WHEN l_linenumber = 7 THEN NULL ELSE l_suppkey % 50 END FROM lineitem WHERE l_orderkey = o_orderkey)
---- types: bigint, decimal(38,2)
---- duckdb

only tpch_zstd tpch_sf01
query types
SELECT count_if(m), count_if(NOT m), count_if(m IS NULL)
FROM (SELECT o_custkey % 50 IN (SELECT CASE WHEN l_linenumber = 7 THEN NULL ELSE l_suppkey % 50 END FROM lineitem WHERE l_orderkey = o_orderkey AND l_quantity > 10) AS m FROM orders)
---- types: bigint, bigint, bigint
---- duckdb

# EXISTS as a value over the big tables (a mark join, broadcast or partitioned on the order key).
only tpch_zstd tpch_sf01
query types
SELECT o_orderstatus, count(*), count_if(x) FROM (SELECT o_orderstatus, EXISTS (SELECT * FROM lineitem WHERE l_orderkey = o_orderkey AND l_returnflag = 'R') AS x FROM orders) GROUP BY o_orderstatus
---- types: varchar, bigint, bigint
---- duckdb

# EXISTS with a LIMIT (only whether a row exists matters) and a correlated IN with DISTINCT, as
# values and in WHERE.
only tpch_zstd
query rowsort types
SELECT n_name, EXISTS (SELECT 1 FROM supplier WHERE s_nationkey = n_nationkey AND s_acctbal > 9900 LIMIT 1),
  n_regionkey IN (SELECT DISTINCT r_regionkey FROM region WHERE r_regionkey = n_nationkey % 3)
FROM nation WHERE NOT EXISTS (SELECT * FROM region WHERE r_regionkey = n_regionkey AND r_name = 'ASIA' LIMIT 2)
---- types: varchar, boolean, boolean
---- duckdb

# EXISTS and [NOT] IN as values over an aggregation: the IN value is a group key or an
# aggregate, the marks join after the Aggregate (in SELECT and in HAVING), with a NULL in the
# NOT IN list making it NULL.
only tpch_zstd
query rowsort types
SELECT n_regionkey,
  n_regionkey IN (SELECT r_regionkey FROM region WHERE r_name LIKE 'A%') AS a_region,
  count(*) IN (SELECT 5) AS five,
  max(n_nationkey) NOT IN (SELECT CASE WHEN n_nationkey = 0 THEN NULL ELSE n_nationkey END FROM nation WHERE n_nationkey < 3) AS unknown_or_false,
  EXISTS (SELECT 1 FROM region WHERE r_regionkey = 9) AS never
FROM nation GROUP BY n_regionkey
HAVING max(n_nationkey) NOT IN (SELECT n_nationkey FROM nation WHERE n_nationkey > 23)
---- types: bigint, boolean, boolean, boolean, boolean
---- duckdb
