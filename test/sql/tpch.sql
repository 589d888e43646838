# TPC-H queries over a single table, verbatim from the specification (lower case, tabs, the
# trailing `;`, Q1's `day (3)`), with the validation substitution parameters.

# Q1 (pricing summary report). Covers: GROUP BY names, ORDER BY names, DATE - INTERVAL DAY,
# sum of decimal products (decimal(38,4) and decimal(38,6)), avg(decimal) rounded HALF_UP to the
# argument's type, count(*). DuckDB averages decimals through DOUBLE: trino_avg is exact.
query ordered types
select
	l_returnflag,
	l_linestatus,
	sum(l_quantity) as sum_qty,
	sum(l_extendedprice) as sum_base_price,
	sum(l_extendedprice * (1 - l_discount)) as sum_disc_price,
	sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) as sum_charge,
	avg(l_quantity) as avg_qty,
	avg(l_extendedprice) as avg_price,
	avg(l_discount) as avg_disc,
	count(*) as count_order
from
	lineitem
where
	l_shipdate <= date '1998-12-01' - interval '90' day (3)
group by
	l_returnflag,
	l_linestatus
order by
	l_returnflag,
	l_linestatus;
---- types: varchar, varchar, decimal(38,2), decimal(38,2), decimal(38,4), decimal(38,6), decimal(15,2), decimal(15,2), decimal(15,2), bigint
---- duckdb
SELECT l_returnflag, l_linestatus, sum(l_quantity), sum(l_extendedprice),
  sum(l_extendedprice * (1 - l_discount))::DECIMAL(38,4),
  sum(l_extendedprice * (1 - l_discount) * (1 + l_tax))::DECIMAL(38,6),
  trino_avg(l_quantity, 2)::DECIMAL(15,2), trino_avg(l_extendedprice, 2)::DECIMAL(15,2),
  trino_avg(l_discount, 2)::DECIMAL(15,2), count(*)
FROM lineitem
WHERE l_shipdate <= DATE '1998-12-01' - INTERVAL '90' DAY
GROUP BY l_returnflag, l_linestatus
ORDER BY l_returnflag, l_linestatus

# Q6 (forecasting revenue change). Covers: DATE + INTERVAL YEAR, BETWEEN over decimal
# arithmetic on literals (.06 - 0.01), decimal < integer, sum(decimal product) as decimal(38,4).
query types
select
	sum(l_extendedprice * l_discount) as revenue
from
	lineitem
where
	l_shipdate >= date '1994-01-01'
	and l_shipdate < date '1994-01-01' + interval '1' year
	and l_discount between .06 - 0.01 and .06 + 0.01
	and l_quantity < 24;
---- types: decimal(38,4)
---- duckdb

# Q6 with the range closed on the other side and no match: an aggregate over zero rows is one
# row with sum NULL. Covers: global aggregate over zero rows.
query types
select
	sum(l_extendedprice * l_discount) as revenue, count(*) as n
from
	lineitem
where
	l_shipdate >= date '1994-01-01'
	and l_shipdate < date '1994-01-01' - interval '1' year
---- types: decimal(38,4), bigint
---- expected
NULL | 0
