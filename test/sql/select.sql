# Projection and relations: SELECT lists, DISTINCT, *, aliases, derived tables, WITH, no FROM.

# Covers: SELECT *, FROM table (a small table read whole).
query
SELECT * FROM nation
---- duckdb

# Covers: SELECT * with a WHERE, qualified names (table.column, an alias), SELECT t.* of a
# derived table, `*` next to another item, DISTINCT *.
query
SELECT * FROM orders WHERE o_orderkey < 200 AND orders.o_orderstatus = 'O'
---- duckdb

query
SELECT l.l_orderkey, l.l_quantity FROM lineitem l WHERE l.l_linenumber = 7
---- duckdb

query
SELECT t.*, t.n_name || '!' FROM (SELECT n_name, n_regionkey FROM nation) t
---- duckdb

query
SELECT *, n_nationkey * 2 FROM nation
---- duckdb

query
SELECT DISTINCT * FROM region
---- duckdb

# Covers: a qualified table name in FROM (schema.table; the same region table in every
# schema), LIMIT on an unordered result checked only for its size.
query
SELECT count(*) FROM (SELECT * FROM tpch_zstd.region LIMIT 3) t
---- expected
3

# Covers: expressions with aliases, unaliased expressions named _col<i> by their position in the
# select list (including positions after aliased ones), a bare column keeps its name.
query columns
SELECT n_name, n_nationkey * 2 AS twice, n_regionkey + 1, upper(n_name) FROM nation
---- columns: n_name, twice, _col2, _col3
---- duckdb

# Covers: SELECT DISTINCT over several expressions.
query
SELECT DISTINCT l_returnflag, l_linestatus, l_shipmode FROM lineitem
---- duckdb

# Covers: SELECT DISTINCT on an expression, ORDER BY that output.
query ordered
SELECT DISTINCT year(l_shipdate) AS y FROM lineitem ORDER BY y DESC
---- duckdb

# Covers: SELECT without FROM: arithmetic, string concatenation, boolean, NULL; names _col<i>.
query columns types
SELECT 1 + 2, 'a' || 'b', 3 > 2, NULL
---- columns: _col0, _col1, _col2, _col3
---- types: integer, varchar(2), boolean, unknown
---- expected
3 | ab | true | NULL

# Covers: derived table `(SELECT …) alias` with column aliases inside, filtered outside, outer
# expressions over inner aliases.
query
SELECT k, price * 2 AS doubled FROM (SELECT l_orderkey AS k, l_extendedprice AS price FROM lineitem WHERE l_linenumber = 7) t WHERE k < 3000
---- duckdb

# Covers: an aggregating derived table under an outer aggregate (average number of lines per
# order, via count per order): avg over a bigint column is a double.
query types
SELECT count(*), sum(n), max(n), min(n), avg(n) FROM (SELECT l_orderkey, count(*) AS n FROM lineitem GROUP BY l_orderkey) per_order
---- types: bigint, bigint, bigint, bigint, double
---- duckdb

# Covers: aggregating derived table under an outer GROUP BY (orders by how many lines they
# have), with a derived-table column alias list.
query ordered
SELECT lines, count(*) AS orders FROM (SELECT l_orderkey, count(*) FROM lineitem GROUP BY l_orderkey) AS t (okey, lines) GROUP BY lines ORDER BY lines
---- duckdb

# Covers: WITH (CTE) with a column list, used as the FROM of an aggregating query.
query ordered
WITH big (flag, qty) AS (SELECT l_returnflag, l_quantity FROM lineitem WHERE l_quantity > 45)
SELECT flag, count(*), sum(qty) FROM big GROUP BY flag ORDER BY flag
---- duckdb

# Covers: two CTEs, the second reading the first.
query ordered
WITH a AS (SELECT o_orderpriority AS p, o_totalprice AS t FROM orders WHERE o_orderstatus = 'F'),
     b AS (SELECT p, max(t) AS top FROM a GROUP BY p)
SELECT * FROM b ORDER BY p
---- duckdb

# Covers: a derived table's ORDER BY + LIMIT decides which rows the outer query sees (top-N
# inside, ties broken by the key).
query ordered
SELECT o_orderkey, o_totalprice FROM (SELECT o_orderkey, o_totalprice FROM orders ORDER BY o_totalprice DESC, o_orderkey LIMIT 5) t ORDER BY o_orderkey
---- duckdb
