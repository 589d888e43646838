# WHERE: comparisons, logic, BETWEEN, IN, LIKE, IS NULL, on every kind of column.

# Covers: = <> < <= > >= on integer, decimal, date and varchar columns, AND.
query
SELECT count(*), sum(l_quantity) FROM lineitem
WHERE l_linenumber <> 1 AND l_quantity >= 10 AND l_discount < 0.05 AND l_shipdate > DATE '1995-03-15' AND l_returnflag = 'N' AND l_tax <= 0.02
---- duckdb

# Covers: OR and NOT with parentheses, mixed with AND precedence.
query
SELECT l_shipmode, count(*) FROM lineitem
WHERE NOT (l_shipmode = 'AIR' OR l_shipmode = 'MAIL') AND (l_quantity < 5 OR l_quantity > 48) OR l_linenumber = 7 AND l_returnflag = 'R'
GROUP BY l_shipmode
---- duckdb

# Covers: BETWEEN and NOT BETWEEN on dates and decimals.
query
SELECT count(*) FROM lineitem
WHERE l_shipdate BETWEEN DATE '1994-01-01' AND DATE '1994-12-31' AND l_extendedprice NOT BETWEEN 1000 AND 90000
---- duckdb

# Covers: IN and NOT IN lists of strings and integers.
query
SELECT l_shipmode, l_linenumber, count(*) FROM lineitem
WHERE l_shipmode IN ('AIR', 'RAIL', 'TRUCK') AND l_linenumber NOT IN (1, 2, 3)
GROUP BY 1, 2
---- duckdb

# Covers: LIKE with % and _, NOT LIKE, on a free-text column.
query
SELECT count(*), min(o_comment), max(o_comment) FROM orders
WHERE o_comment LIKE '%special%requests%' AND o_comment NOT LIKE '_e%' AND o_clerk LIKE 'Clerk#00000000_'
---- duckdb

# Covers: LIKE … ESCAPE: an escaped % or _ matches itself only (no FROM: literals).
query
SELECT '10% off' LIKE '10\%%' ESCAPE '\', '100 off' LIKE '10\%%' ESCAPE '\', 'a_c' LIKE 'a\_c' ESCAPE '\', 'abc' LIKE 'a\_c' ESCAPE '\', 'x_y' NOT LIKE '%!_%' ESCAPE '!', 'xy' NOT LIKE '%!_%' ESCAPE '!'
---- duckdb

# Covers: LIKE … ESCAPE over a column (part names hold no `_`), LIKE '%' (every non-NULL
# value), a prefix pattern; aggregate FILTER (WHERE …).
query
SELECT count(*) FILTER (WHERE p_name LIKE '%\_%' ESCAPE '\'), count(*) FILTER (WHERE p_name LIKE '%'), count(*) FILTER (WHERE p_type LIKE 'PROMO%') FROM part
---- duckdb

# Covers: a WHERE that matches nothing (an empty result with columns).
query
SELECT l_orderkey, l_comment FROM lineitem WHERE l_quantity > 1000
---- expected

# Covers: comparison between a decimal column and a double literal, and an integer column
# compared with a decimal literal (implicit coercions).
query
SELECT count(*) FROM lineitem WHERE l_discount > 5e-2 AND l_linenumber < 3.5
---- duckdb

# Covers: WHERE on an expression over two columns (a date difference by comparison).
query
SELECT count(*) FROM lineitem WHERE l_receiptdate > l_commitdate AND l_shipdate < l_commitdate
---- duckdb

# Covers: a filter on the sort key of the files (orders are written in key order, so the
# scan can skip row groups by their statistics; the answer must not change).
query
SELECT count(*), sum(l_extendedprice), min(l_orderkey), max(l_orderkey) FROM lineitem WHERE l_orderkey BETWEEN 1000 AND 2000
---- duckdb
