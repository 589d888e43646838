# Window functions: ranking, lag/lead, first/last/nth value and aggregates OVER (PARTITION BY …
# ORDER BY … frame), checked against DuckDB. Order keys are made unique (ties broken by a key
# column) wherever the function's value depends on the order among peers. `only tpch_zstd`:
# file, s3 and the smallest fragments (partitioned windows read their partitions from many
# producer tasks); one record runs at SF 0.1.

# Ranking over one partition per region, on a unique order.
only tpch_zstd
query rowsort types
SELECT n_name, n_regionkey,
  row_number() OVER (PARTITION BY n_regionkey ORDER BY n_name) AS rn,
  rank() OVER (ORDER BY n_regionkey) AS rk,
  dense_rank() OVER (ORDER BY n_regionkey) AS drk,
  percent_rank() OVER (ORDER BY n_regionkey) AS pr,
  cume_dist() OVER (ORDER BY n_regionkey) AS cd
FROM nation
---- types: varchar, bigint, bigint, bigint, bigint, double, double
---- duckdb

# rank / dense_rank with many ties, per partition, over the big table (partitions hash-split
# across tasks in the distributed variants).
only tpch_zstd
query rowsort types
SELECT l_orderkey, l_linenumber, l_quantity,
  rank() OVER (PARTITION BY l_orderkey ORDER BY l_quantity DESC) AS r,
  dense_rank() OVER (PARTITION BY l_orderkey ORDER BY l_quantity DESC) AS d,
  count(*) OVER (PARTITION BY l_orderkey) AS lines
FROM lineitem WHERE l_orderkey < 3000
---- types: bigint, integer, decimal(15,2), bigint, bigint, bigint
---- duckdb

# Top 3 lines per ship mode by price, filtered on the window value in an outer query.
only tpch_zstd
query rowsort types
SELECT * FROM (
  SELECT l_shipmode, l_orderkey, l_linenumber, l_extendedprice,
    row_number() OVER (PARTITION BY l_shipmode ORDER BY l_extendedprice DESC, l_orderkey, l_linenumber) AS rn
  FROM lineitem) t
WHERE rn <= 3
---- types: varchar, bigint, integer, decimal(15,2), bigint
---- duckdb

# ntile: bucket sizes differ by at most one, the first buckets larger; more buckets than rows.
only tpch_zstd
query rowsort types
SELECT n_name, ntile(4) OVER (ORDER BY n_name) AS q, ntile(7) OVER (PARTITION BY n_regionkey ORDER BY n_name) AS s
FROM nation
---- types: varchar, bigint, bigint
---- duckdb

# lag and lead: default offset, explicit offsets, defaults, past the partition's edges.
only tpch_zstd
query rowsort types
SELECT n_name,
  lag(n_name) OVER (PARTITION BY n_regionkey ORDER BY n_name) AS prev,
  lead(n_name, 2) OVER (PARTITION BY n_regionkey ORDER BY n_name) AS next2,
  lag(n_nationkey, 1, -1) OVER (ORDER BY n_nationkey) AS prev_key,
  lead(n_nationkey, 0) OVER (ORDER BY n_nationkey) AS same
FROM nation
---- types: varchar, varchar, varchar, bigint, bigint
---- duckdb

# lag/lead over NULL values (a NULL value is returned, not skipped) and IGNORE NULLS (skipped).
only tpch_zstd
query rowsort types
SELECT id, qty,
  lag(qty) OVER (ORDER BY id) AS prev,
  lead(qty) IGNORE NULLS OVER (ORDER BY id) AS next_known,
  lag(qty, 2) IGNORE NULLS OVER (ORDER BY id) AS prev2_known
FROM (SELECT DISTINCT id, qty FROM extra.nulls WHERE id < 200 AND id % 2 = 1 AND (qty IS NULL OR qty < 10)) t
WHERE id NOT IN (SELECT id FROM extra.nulls WHERE id < 200 GROUP BY id HAVING count(*) > 1)
---- types: bigint, decimal(15,2), decimal(15,2), decimal(15,2), decimal(15,2)
---- duckdb
SELECT id, qty,
  lag(qty) OVER (ORDER BY id) AS prev,
  lead(qty IGNORE NULLS) OVER (ORDER BY id) AS next_known,
  lag(qty, 2 IGNORE NULLS) OVER (ORDER BY id) AS prev2_known
FROM (SELECT DISTINCT id, qty FROM extra.nulls WHERE id < 200 AND id % 2 = 1 AND (qty IS NULL OR qty < 10)) t
WHERE id NOT IN (SELECT id FROM extra.nulls WHERE id < 200 GROUP BY id HAVING count(*) > 1)

# first_value / last_value / nth_value with the default frame (up to the current row's last
# peer) and with whole-partition and sliding frames.
only tpch_zstd
query rowsort types
SELECT n_name,
  first_value(n_name) OVER (PARTITION BY n_regionkey ORDER BY n_name) AS f,
  last_value(n_name) OVER (PARTITION BY n_regionkey ORDER BY n_name) AS l_default,
  last_value(n_name) OVER (PARTITION BY n_regionkey ORDER BY n_name ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS l_all,
  nth_value(n_name, 2) OVER (PARTITION BY n_regionkey ORDER BY n_name) AS second,
  nth_value(n_name, 3) OVER (PARTITION BY n_regionkey ORDER BY n_name ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS third_of_three
FROM nation
---- types: varchar, varchar, varchar, varchar, varchar, varchar
---- duckdb

# first_value / last_value IGNORE NULLS over frames that hold NULLs.
only tpch_zstd
query rowsort types
SELECT id, mode,
  first_value(mode) IGNORE NULLS OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING) AS fv,
  last_value(mode) IGNORE NULLS OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS lv
FROM (SELECT id, min(mode) AS mode FROM extra.nulls WHERE id < 300 GROUP BY id) t
---- types: bigint, varchar, varchar, varchar
---- duckdb
SELECT id, mode,
  first_value(mode IGNORE NULLS) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING) AS fv,
  last_value(mode IGNORE NULLS) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS lv
FROM (SELECT id, min(mode) AS mode FROM extra.nulls WHERE id < 300 GROUP BY id) t

# Running aggregates (the default frame with ORDER BY: peers share one value) and
# whole-partition aggregates (no ORDER BY), exact decimals.
only tpch_zstd
query rowsort types
SELECT o_orderkey, o_custkey, o_orderdate,
  sum(o_totalprice) OVER (PARTITION BY o_custkey ORDER BY o_orderdate) AS running,
  sum(o_totalprice) OVER (PARTITION BY o_custkey) AS total,
  count(*) OVER (PARTITION BY o_custkey ORDER BY o_orderdate) AS n,
  min(o_totalprice) OVER (PARTITION BY o_custkey ORDER BY o_orderdate) AS lowest,
  max(o_orderdate) OVER (PARTITION BY o_custkey) AS last_order
FROM orders WHERE o_custkey < 200
---- types: bigint, bigint, date, decimal(38,2), decimal(38,2), bigint, decimal(15,2), date
---- duckdb

# ROWS frames: sliding, ending before the row (empty at the start), starting after it (empty at
# the end); count and sum of an empty frame are 0 and NULL.
only tpch_zstd
query rowsort types
SELECT n_nationkey,
  sum(n_nationkey) OVER (ORDER BY n_nationkey ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING) AS s,
  sum(n_nationkey) OVER (ORDER BY n_nationkey ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before,
  count(n_nationkey) OVER (ORDER BY n_nationkey ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING) AS after3,
  avg(n_nationkey) OVER (ORDER BY n_nationkey ROWS 2 PRECEDING) AS avg3,
  max(n_name) OVER (ORDER BY n_nationkey ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS max_rest
FROM nation
---- types: bigint, bigint, bigint, bigint, double, varchar
---- duckdb

# RANGE frames with offsets over a numeric key (peers included) and over dates with an
# interval; RANGE CURRENT ROW frames.
only tpch_zstd
query rowsort types
SELECT o_orderkey, o_orderdate, o_totalprice,
  count(*) OVER (ORDER BY o_orderdate RANGE BETWEEN INTERVAL '3' DAY PRECEDING AND CURRENT ROW) AS last3days,
  sum(o_totalprice) OVER (ORDER BY o_orderdate RANGE BETWEEN CURRENT ROW AND INTERVAL '1' DAY FOLLOWING) AS today_tomorrow,
  count(*) OVER (ORDER BY o_custkey DESC RANGE BETWEEN 5 PRECEDING AND 5 FOLLOWING) AS near_customers,
  count(*) OVER (ORDER BY o_orderdate RANGE CURRENT ROW) AS same_day
FROM orders WHERE o_orderkey < 2000
---- types: bigint, date, decimal(15,2), bigint, decimal(38,2), bigint, bigint
---- duckdb

# RANGE offsets with NULL order keys: NULL rows are each other's peers and outside other rows'
# offset frames; NULLS FIRST and NULLS LAST.
only tpch_zstd
query rowsort types
SELECT id, line,
  count(*) OVER (ORDER BY line RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS near,
  count(*) OVER (ORDER BY line DESC NULLS FIRST RANGE BETWEEN 2 PRECEDING AND CURRENT ROW) AS near_desc,
  sum(line) OVER (ORDER BY line NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS below
FROM extra.nulls WHERE id < 400
---- types: bigint, integer, bigint, bigint, bigint
---- duckdb

# GROUPS frames: offsets count peer groups.
only tpch_zstd
query rowsort types
SELECT n_name, n_regionkey,
  count(*) OVER (ORDER BY n_regionkey GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) AS two_regions,
  min(n_name) OVER (ORDER BY n_regionkey GROUPS BETWEEN 1 FOLLOWING AND 2 FOLLOWING) AS next_regions_min
FROM nation
---- types: varchar, bigint, bigint, varchar
---- duckdb

# Window functions over an aggregation: ranking groups by an aggregate, a share of the total,
# and a window aggregate of an aggregate.
only tpch_zstd
query rowsort types
SELECT l_shipmode, count(*) AS n,
  rank() OVER (ORDER BY count(*) DESC) AS by_count,
  sum(count(*)) OVER () AS total,
  CAST(sum(l_quantity) AS double) / sum(sum(l_quantity)) OVER () AS share
FROM lineitem GROUP BY l_shipmode
---- types: varchar, bigint, bigint, bigint, double
---- duckdb
SELECT l_shipmode, count(*) AS n,
  rank() OVER (ORDER BY count(*) DESC) AS by_count,
  sum(count(*)) OVER ()::BIGINT AS total,
  CAST(sum(l_quantity) AS double) / sum(sum(l_quantity)) OVER () AS share
FROM lineitem GROUP BY l_shipmode

# ORDER BY a window value, with a LIMIT; the window in ORDER BY only.
only tpch_zstd
query ordered types
SELECT c_name, c_acctbal FROM customer
ORDER BY rank() OVER (PARTITION BY c_nationkey ORDER BY c_acctbal DESC), c_custkey
LIMIT 10
---- types: varchar, decimal(15,2)
---- duckdb

# A WINDOW clause, referenced as is and refined with ORDER BY; several functions over one
# specification share one Window operator.
only tpch_zstd
query rowsort types
SELECT n_name, count(*) OVER w AS per_region, row_number() OVER (w ORDER BY n_name) AS rn, sum(n_nationkey) OVER (w ORDER BY n_name) AS s
FROM nation
WINDOW w AS (PARTITION BY n_regionkey)
---- types: varchar, bigint, bigint, bigint
---- duckdb

# Aggregate window with FILTER, and count over a column with NULLs.
only tpch_zstd
query rowsort types
SELECT id, count(qty) OVER (PARTITION BY id % 10) AS known, count(*) FILTER (WHERE qty > 25) OVER (PARTITION BY id % 10) AS big
FROM extra.nulls WHERE id < 500
---- types: bigint, bigint, bigint
---- duckdb

# Partition keys with NULLs: the NULL keys form one partition.
only tpch_zstd
query rowsort types
SELECT mode, count(*) OVER (PARTITION BY mode) AS n, min(id) OVER (PARTITION BY mode) AS first_id
FROM extra.nulls WHERE id < 1000
---- types: varchar, bigint, bigint
---- duckdb

# An empty input: no rows.
only tpch_zstd
query rowsort
SELECT n_name, row_number() OVER (ORDER BY n_name) FROM nation WHERE n_nationkey < 0
---- expected

# A filter above the window on its partition key moves below it; one on the window value does
# not (the value depends on the other rows).
only tpch_zstd
query rowsort types
SELECT * FROM (SELECT n_regionkey, n_name, count(*) OVER (PARTITION BY n_regionkey) AS c, row_number() OVER (ORDER BY n_nationkey) AS g FROM nation) t
WHERE n_regionkey = 1 AND g > 3
---- types: bigint, varchar, bigint, bigint
---- duckdb

# Several window specifications over a join, with DISTINCT.
only tpch_zstd
query rowsort types
SELECT DISTINCT r_name, count(*) OVER (PARTITION BY r_name) AS nations, max(n_name) OVER (PARTITION BY r_name) AS last_nation
FROM nation JOIN region ON n_regionkey = r_regionkey
---- types: varchar, bigint, varchar
---- duckdb

# At SF 0.1 (several partitions of many producer tasks): per-customer order ranks and running
# totals, reduced to a checksum per order priority.
only tpch_sf01
query rowsort types
SELECT o_orderpriority, count(*), sum(rn), sum(running), max(lag_gap)
FROM (
  SELECT o_orderpriority,
    row_number() OVER (PARTITION BY o_custkey ORDER BY o_orderdate, o_orderkey) AS rn,
    sum(o_totalprice) OVER (PARTITION BY o_custkey ORDER BY o_orderdate, o_orderkey) AS running,
    date_diff('day', lag(o_orderdate) OVER (PARTITION BY o_custkey ORDER BY o_orderdate, o_orderkey), o_orderdate) AS lag_gap
  FROM orders) t
GROUP BY o_orderpriority
---- types: varchar, bigint, bigint, decimal(38,2), bigint
---- duckdb
