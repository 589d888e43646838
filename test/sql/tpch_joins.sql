# The 22 TPC-H queries, verbatim from the specification (lower case, tabs, the trailing `;`)
# with the validation substitution parameters, in Trino's spelling of dates and intervals. They
# run on tpch_sf01 (SF 0.1: where broadcast and partitioned joins differ; the second tpch_sf01
# variant forces partitioned joins) and on tpch_zstd (SF 0.01, file, s3 and small fragments).
# Trino's types are pinned per query; the DuckDB spellings pin the decimal scale and rounding
# where DuckDB computes in DOUBLE (trino_avg, trino_div: reference.ts).

# Q1 (pricing summary report). Covers: the single-table baseline at SF 0.1 (no join): GROUP BY,
# DATE - INTERVAL DAY (3), sums of decimal products, avg(decimal) rounded HALF_UP (trino_avg).
only tpch_sf01 tpch_zstd
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

# Q2 (minimum cost supplier). Covers: a five-table comma join (part, supplier, partsupp, nation,
# region) with a filter on the smallest table; a correlated scalar subquery (min over a four-table
# join correlated on p_partkey) compared with =; ORDER BY … LIMIT over the join.
only tpch_sf01 tpch_zstd
query ordered types
select
	s_acctbal,
	s_name,
	n_name,
	p_partkey,
	p_mfgr,
	s_address,
	s_phone,
	s_comment
from
	part,
	supplier,
	partsupp,
	nation,
	region
where
	p_partkey = ps_partkey
	and s_suppkey = ps_suppkey
	and p_size = 15
	and p_type like '%BRASS'
	and s_nationkey = n_nationkey
	and n_regionkey = r_regionkey
	and r_name = 'EUROPE'
	and ps_supplycost = (
		select
			min(ps_supplycost)
		from
			partsupp,
			supplier,
			nation,
			region
		where
			p_partkey = ps_partkey
			and s_suppkey = ps_suppkey
			and s_nationkey = n_nationkey
			and n_regionkey = r_regionkey
			and r_name = 'EUROPE'
	)
order by
	s_acctbal desc,
	n_name,
	s_name,
	p_partkey
limit 100;
---- types: decimal(15,2), varchar, varchar, bigint, varchar, varchar, varchar, varchar
---- duckdb

# Q3 (shipping priority). Covers: a three-table comma join (customer, orders, lineitem) with
# filters on each side, GROUP BY over join output, ORDER BY an aggregate … LIMIT.
only tpch_sf01 tpch_zstd
query ordered types
select
	l_orderkey,
	sum(l_extendedprice * (1 - l_discount)) as revenue,
	o_orderdate,
	o_shippriority
from
	customer,
	orders,
	lineitem
where
	c_mktsegment = 'BUILDING'
	and c_custkey = o_custkey
	and l_orderkey = o_orderkey
	and o_orderdate < date '1995-03-15'
	and l_shipdate > date '1995-03-15'
group by
	l_orderkey,
	o_orderdate,
	o_shippriority
order by
	revenue desc,
	o_orderdate
limit 10;
---- types: bigint, decimal(38,4), date, integer
---- duckdb

# Q4 (order priority checking). Covers: correlated EXISTS (a semi join of orders with lineitem on
# the order key, with a residual column comparison inside the subquery), DATE + INTERVAL MONTH.
only tpch_sf01 tpch_zstd
query ordered types
select
	o_orderpriority,
	count(*) as order_count
from
	orders
where
	o_orderdate >= date '1993-07-01'
	and o_orderdate < date '1993-07-01' + interval '3' month
	and exists (
		select
			*
		from
			lineitem
		where
			l_orderkey = o_orderkey
			and l_commitdate < l_receiptdate
	)
group by
	o_orderpriority
order by
	o_orderpriority;
---- types: varchar, bigint
---- duckdb

# Q5 (local supplier volume). Covers: a six-table comma join whose join graph has a cycle
# (customer and supplier both joined to nation: c_nationkey = s_nationkey), the big tables joined
# on two keys at once (lineitem-supplier by l_suppkey plus c_nationkey = s_nationkey).
only tpch_sf01 tpch_zstd
query ordered types
select
	n_name,
	sum(l_extendedprice * (1 - l_discount)) as revenue
from
	customer,
	orders,
	lineitem,
	supplier,
	nation,
	region
where
	c_custkey = o_custkey
	and l_orderkey = o_orderkey
	and l_suppkey = s_suppkey
	and c_nationkey = s_nationkey
	and s_nationkey = n_nationkey
	and n_regionkey = r_regionkey
	and r_name = 'ASIA'
	and o_orderdate >= date '1994-01-01'
	and o_orderdate < date '1994-01-01' + interval '1' year
group by
	n_name
order by
	revenue desc;
---- types: varchar, decimal(38,4)
---- duckdb

# Q6 (forecasting revenue change). Covers: the single-table baseline at SF 0.1 (no join).
only tpch_sf01 tpch_zstd
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

# Q7 (volume shipping). Covers: a derived table over a six-table join that reads nation twice
# under aliases (n1, n2: a self join by qualified names), an OR of conjunctions across both
# aliases (a residual join condition), extract(year from date) as bigint, BETWEEN dates.
only tpch_sf01 tpch_zstd
query ordered types
select
	supp_nation,
	cust_nation,
	l_year,
	sum(volume) as revenue
from
	(
		select
			n1.n_name as supp_nation,
			n2.n_name as cust_nation,
			extract(year from l_shipdate) as l_year,
			l_extendedprice * (1 - l_discount) as volume
		from
			supplier,
			lineitem,
			orders,
			customer,
			nation n1,
			nation n2
		where
			s_suppkey = l_suppkey
			and o_orderkey = l_orderkey
			and c_custkey = o_custkey
			and s_nationkey = n1.n_nationkey
			and c_nationkey = n2.n_nationkey
			and (
				(n1.n_name = 'FRANCE' and n2.n_name = 'GERMANY')
				or (n1.n_name = 'GERMANY' and n2.n_name = 'FRANCE')
			)
			and l_shipdate between date '1995-01-01' and date '1996-12-31'
	) as shipping
group by
	supp_nation,
	cust_nation,
	l_year
order by
	supp_nation,
	cust_nation,
	l_year;
---- types: varchar, varchar, bigint, decimal(38,4)
---- duckdb

# Q8 (national market share). Covers: an eight-table join with nation twice (n1 for the
# customer's region, n2 for the supplier's name), a derived table, CASE mixing decimal(31,4) and
# integer 0 (→ decimal(31,4)), decimal(38,4) / decimal(38,4) (scale max(4,4) = 4, HALF_UP: trino_div).
only tpch_sf01 tpch_zstd
query ordered types
select
	o_year,
	sum(case
		when nation = 'BRAZIL' then volume
		else 0
	end) / sum(volume) as mkt_share
from
	(
		select
			extract(year from o_orderdate) as o_year,
			l_extendedprice * (1 - l_discount) as volume,
			n2.n_name as nation
		from
			part,
			supplier,
			lineitem,
			orders,
			customer,
			nation n1,
			nation n2,
			region
		where
			p_partkey = l_partkey
			and s_suppkey = l_suppkey
			and l_orderkey = o_orderkey
			and o_custkey = c_custkey
			and c_nationkey = n1.n_nationkey
			and n1.n_regionkey = r_regionkey
			and r_name = 'AMERICA'
			and s_nationkey = n2.n_nationkey
			and o_orderdate between date '1995-01-01' and date '1996-12-31'
			and p_type = 'ECONOMY ANODIZED STEEL'
	) as all_nations
group by
	o_year
order by
	o_year;
---- types: bigint, decimal(38,4)
---- duckdb
SELECT o_year, trino_div(sum(CASE WHEN nation = 'BRAZIL' THEN volume ELSE 0 END), sum(volume), 4)::DECIMAL(38,4) AS mkt_share
FROM (
  SELECT extract(year FROM o_orderdate) AS o_year, l_extendedprice * (1 - l_discount) AS volume, n2.n_name AS nation
  FROM part, supplier, lineitem, orders, customer, nation n1, nation n2, region
  WHERE p_partkey = l_partkey AND s_suppkey = l_suppkey AND l_orderkey = o_orderkey AND o_custkey = c_custkey
    AND c_nationkey = n1.n_nationkey AND n1.n_regionkey = r_regionkey AND r_name = 'AMERICA'
    AND s_nationkey = n2.n_nationkey AND o_orderdate BETWEEN DATE '1995-01-01' AND DATE '1996-12-31'
    AND p_type = 'ECONOMY ANODIZED STEEL'
) AS all_nations
GROUP BY o_year
ORDER BY o_year

# Q9 (product type profit measure). Covers: a six-table join where lineitem meets partsupp on a
# two-column key (ps_suppkey = l_suppkey and ps_partkey = l_partkey), LIKE '%green%' on the build
# side, decimal(31,4) - decimal(30,4) (→ decimal(32,4), summed to decimal(38,4)), ORDER BY … DESC.
only tpch_sf01 tpch_zstd
query ordered types
select
	nation,
	o_year,
	sum(amount) as sum_profit
from
	(
		select
			n_name as nation,
			extract(year from o_orderdate) as o_year,
			l_extendedprice * (1 - l_discount) - ps_supplycost * l_quantity as amount
		from
			part,
			supplier,
			lineitem,
			partsupp,
			orders,
			nation
		where
			s_suppkey = l_suppkey
			and ps_suppkey = l_suppkey
			and ps_partkey = l_partkey
			and p_partkey = l_partkey
			and o_orderkey = l_orderkey
			and s_nationkey = n_nationkey
			and p_name like '%green%'
	) as profit
group by
	nation,
	o_year
order by
	nation,
	o_year desc;
---- types: varchar, bigint, decimal(38,4)
---- duckdb

# Q10 (returned item reporting). Covers: a four-table join grouped by seven columns of the
# build sides (customer and nation columns carried through the join), ORDER BY an aggregate LIMIT 20.
only tpch_sf01 tpch_zstd
query ordered types
select
	c_custkey,
	c_name,
	sum(l_extendedprice * (1 - l_discount)) as revenue,
	c_acctbal,
	n_name,
	c_address,
	c_phone,
	c_comment
from
	customer,
	orders,
	lineitem,
	nation
where
	c_custkey = o_custkey
	and l_orderkey = o_orderkey
	and o_orderdate >= date '1993-10-01'
	and o_orderdate < date '1993-10-01' + interval '3' month
	and l_returnflag = 'R'
	and c_nationkey = n_nationkey
group by
	c_custkey,
	c_name,
	c_acctbal,
	c_phone,
	n_name,
	c_address,
	c_comment
order by
	revenue desc
limit 20;
---- types: bigint, varchar, decimal(38,4), decimal(15,2), varchar, varchar, varchar, varchar
---- duckdb

# Q11 (important stock identification). Covers: HAVING compared with an uncorrelated scalar
# subquery over the same three-table join, decimal(15,2) * integer (→ decimal(25,2), summed to
# decimal(38,2)), sum × 0.0001 (decimal(38,6)). FRACTION is the validation value 0.0001 (the spec's
# 0.0001 / SF would be 0.001 at SF 0.1: more rows this way).
only tpch_sf01 tpch_zstd
query ordered types
select
	ps_partkey,
	sum(ps_supplycost * ps_availqty) as value
from
	partsupp,
	supplier,
	nation
where
	ps_suppkey = s_suppkey
	and s_nationkey = n_nationkey
	and n_name = 'GERMANY'
group by
	ps_partkey having
		sum(ps_supplycost * ps_availqty) > (
			select
				sum(ps_supplycost * ps_availqty) * 0.0001
			from
				partsupp,
				supplier,
				nation
			where
				ps_suppkey = s_suppkey
				and s_nationkey = n_nationkey
				and n_name = 'GERMANY'
		)
order by
	value desc;
---- types: bigint, decimal(38,2)
---- duckdb

# Q12 (shipping modes and order priority). Covers: a two-table join with IN on the probe side,
# column-to-column date comparisons, sum(CASE … THEN 1 ELSE 0 END) as bigint.
only tpch_sf01 tpch_zstd
query ordered types
select
	l_shipmode,
	sum(case
		when o_orderpriority = '1-URGENT'
			or o_orderpriority = '2-HIGH'
			then 1
		else 0
	end) as high_line_count,
	sum(case
		when o_orderpriority <> '1-URGENT'
			and o_orderpriority <> '2-HIGH'
			then 1
		else 0
	end) as low_line_count
from
	orders,
	lineitem
where
	o_orderkey = l_orderkey
	and l_shipmode in ('MAIL', 'SHIP')
	and l_commitdate < l_receiptdate
	and l_shipdate < l_commitdate
	and l_receiptdate >= date '1994-01-01'
	and l_receiptdate < date '1994-01-01' + interval '1' year
group by
	l_shipmode
order by
	l_shipmode;
---- types: varchar, bigint, bigint
---- duckdb

# Q13 (customer distribution). Covers: LEFT OUTER JOIN … ON with a residual NOT LIKE on the
# outer join's inner side (customers without a matching order keep a NULL row: count(o_orderkey)
# = 0), a derived table with a column alias list (c_orders (c_custkey, c_count)), GROUP BY a count.
only tpch_sf01 tpch_zstd
query ordered types
select
	c_count,
	count(*) as custdist
from
	(
		select
			c_custkey,
			count(o_orderkey)
		from
			customer left outer join orders on
				c_custkey = o_custkey
				and o_comment not like '%special%requests%'
		group by
			c_custkey
	) as c_orders (c_custkey, c_count)
group by
	c_count
order by
	custdist desc,
	c_count desc;
---- types: bigint, bigint
---- duckdb

# Q14 (promotion effect). Covers: a two-table join, CASE with LIKE over the build side's column.
# Type: 100.00 (decimal(5,2)) × sum(decimal(31,4)) = decimal(38,6), divided by decimal(38,4): scale
# max(6,4) = 6, so decimal(38,6), HALF_UP. trino_div truncates at 6 decimals, so the DuckDB
# spelling rounds the exact quotient itself in integers: (2·a·10⁴ + b) // (2·b), a and b unscaled.
only tpch_sf01 tpch_zstd
query types
select
	100.00 * sum(case
		when p_type like 'PROMO%'
			then l_extendedprice * (1 - l_discount)
		else 0
	end) / sum(l_extendedprice * (1 - l_discount)) as promo_revenue
from
	lineitem,
	part
where
	l_partkey = p_partkey
	and l_shipdate >= date '1995-09-01'
	and l_shipdate < date '1995-09-01' + interval '1' month;
---- types: decimal(38,6)
---- duckdb
SELECT (((2 * a * 10000 + b) // (2 * b))::DECIMAL(38,0) * 0.000001)::DECIMAL(38,6) AS promo_revenue
FROM (
  SELECT (100.00 * sum(CASE WHEN p_type LIKE 'PROMO%' THEN l_extendedprice * (1 - l_discount) ELSE 0 END) * 1000000)::HUGEINT AS a,
    (sum(l_extendedprice * (1 - l_discount)) * 10000)::HUGEINT AS b
  FROM lineitem, part
  WHERE l_partkey = p_partkey AND l_shipdate >= DATE '1995-09-01' AND l_shipdate < DATE '1995-09-01' + INTERVAL '1' MONTH
) t

# Q15 (top supplier). The specification's CREATE VIEW revenue0 … / DROP VIEW, in the usual
# rewrite as a WITH clause (views are not supported). Covers: a CTE with a column alias list used
# twice (joined with supplier, and under max() in an uncorrelated scalar subquery), equality with
# a scalar subquery's decimal(38,4).
only tpch_sf01 tpch_zstd
query ordered types
with revenue0 (supplier_no, total_revenue) as (
	select
		l_suppkey,
		sum(l_extendedprice * (1 - l_discount))
	from
		lineitem
	where
		l_shipdate >= date '1996-01-01'
		and l_shipdate < date '1996-01-01' + interval '3' month
	group by
		l_suppkey
)
select
	s_suppkey,
	s_name,
	s_address,
	s_phone,
	total_revenue
from
	supplier,
	revenue0
where
	s_suppkey = supplier_no
	and total_revenue = (
		select
			max(total_revenue)
		from
			revenue0
	)
order by
	s_suppkey;
---- types: bigint, varchar, varchar, varchar, decimal(38,4)
---- duckdb

# Q16 (parts/supplier relationship). Covers: NOT IN (uncorrelated subquery over supplier, no
# NULLs) as an anti join, NOT LIKE and IN lists on the build side, count(DISTINCT) over join output.
only tpch_sf01 tpch_zstd
query ordered types
select
	p_brand,
	p_type,
	p_size,
	count(distinct ps_suppkey) as supplier_cnt
from
	partsupp,
	part
where
	p_partkey = ps_partkey
	and p_brand <> 'Brand#45'
	and p_type not like 'MEDIUM POLISHED%'
	and p_size in (49, 14, 23, 45, 19, 3, 36, 9)
	and ps_suppkey not in (
		select
			s_suppkey
		from
			supplier
		where
			s_comment like '%Customer%Complaints%'
	)
group by
	p_brand,
	p_type,
	p_size
order by
	supplier_cnt desc,
	p_brand,
	p_type,
	p_size;
---- types: varchar, varchar, integer, bigint
---- duckdb

# Q17 (small-quantity-order revenue). Covers: a correlated scalar subquery with an aggregate
# (0.2 × avg over lineitem per p_partkey: decimal(1,1) × decimal(15,2) = decimal(16,3), the avg
# rounded HALF_UP first: trino_avg), compared with a probe column; decimal(38,2) / 7.0 (scale
# max(2,1) = 2: decimal(38,2), HALF_UP: trino_div).
only tpch_sf01 tpch_zstd
query types
select
	sum(l_extendedprice) / 7.0 as avg_yearly
from
	lineitem,
	part
where
	p_partkey = l_partkey
	and p_brand = 'Brand#23'
	and p_container = 'MED BOX'
	and l_quantity < (
		select
			0.2 * avg(l_quantity)
		from
			lineitem
		where
			l_partkey = p_partkey
	);
---- types: decimal(38,2)
---- duckdb
SELECT trino_div(sum(l_extendedprice), 7.0, 2)::DECIMAL(38,2) AS avg_yearly
FROM lineitem, part
WHERE p_partkey = l_partkey AND p_brand = 'Brand#23' AND p_container = 'MED BOX'
  AND l_quantity < (SELECT 0.2 * trino_avg(l_quantity, 2)::DECIMAL(15,2) FROM lineitem l2 WHERE l2.l_partkey = p_partkey)

# Q18 (large volume customer). Covers: IN (subquery with GROUP BY … HAVING) as a semi join on
# the order key, a three-table join grouped by five columns, ORDER BY … LIMIT. (At SF 0.01 no
# order has more than 300 items: an empty answer there, 8 rows at SF 0.1.)
only tpch_sf01 tpch_zstd
query ordered types
select
	c_name,
	c_custkey,
	o_orderkey,
	o_orderdate,
	o_totalprice,
	sum(l_quantity)
from
	customer,
	orders,
	lineitem
where
	o_orderkey in (
		select
			l_orderkey
		from
			lineitem
		group by
			l_orderkey having
				sum(l_quantity) > 300
	)
	and c_custkey = o_custkey
	and o_orderkey = l_orderkey
group by
	c_name,
	c_custkey,
	o_orderkey,
	o_orderdate,
	o_totalprice
order by
	o_totalprice desc,
	o_orderdate
limit 100;
---- types: varchar, bigint, bigint, date, decimal(15,2), decimal(38,2)
---- duckdb

# Q19 (discounted revenue). Covers: a join whose only equality (p_partkey = l_partkey) sits
# inside each branch of an OR (it must be found as the join key, not run as a cross join), IN
# lists, BETWEEN, decimal <= integer arithmetic (1 + 10).
only tpch_sf01 tpch_zstd
query types
select
	sum(l_extendedprice* (1 - l_discount)) as revenue
from
	lineitem,
	part
where
	(
		p_partkey = l_partkey
		and p_brand = 'Brand#12'
		and p_container in ('SM CASE', 'SM BOX', 'SM PACK', 'SM PKG')
		and l_quantity >= 1 and l_quantity <= 1 + 10
		and p_size between 1 and 5
		and l_shipmode in ('AIR', 'AIR REG')
		and l_shipinstruct = 'DELIVER IN PERSON'
	)
	or
	(
		p_partkey = l_partkey
		and p_brand = 'Brand#23'
		and p_container in ('MED BAG', 'MED BOX', 'MED PKG', 'MED PACK')
		and l_quantity >= 10 and l_quantity <= 10 + 10
		and p_size between 1 and 10
		and l_shipmode in ('AIR', 'AIR REG')
		and l_shipinstruct = 'DELIVER IN PERSON'
	)
	or
	(
		p_partkey = l_partkey
		and p_brand = 'Brand#34'
		and p_container in ('LG CASE', 'LG BOX', 'LG PACK', 'LG PKG')
		and l_quantity >= 20 and l_quantity <= 20 + 10
		and p_size between 1 and 15
		and l_shipmode in ('AIR', 'AIR REG')
		and l_shipinstruct = 'DELIVER IN PERSON'
	);
---- types: decimal(38,4)
---- duckdb

# Q20 (potential part promotion). Covers: nested IN subqueries (supplier IN partsupp IN part),
# a correlated scalar subquery correlated on two columns (l_partkey = ps_partkey and l_suppkey =
# ps_suppkey) whose aggregate is NULL when no row matches (integer > NULL: the row is dropped),
# integer > decimal(38,3). (Empty at SF 0.01, 17 rows at SF 0.1.)
only tpch_sf01 tpch_zstd
query ordered types
select
	s_name,
	s_address
from
	supplier,
	nation
where
	s_suppkey in (
		select
			ps_suppkey
		from
			partsupp
		where
			ps_partkey in (
				select
					p_partkey
				from
					part
				where
					p_name like 'forest%'
			)
			and ps_availqty > (
				select
					0.5 * sum(l_quantity)
				from
					lineitem
				where
					l_partkey = ps_partkey
					and l_suppkey = ps_suppkey
					and l_shipdate >= date '1994-01-01'
					and l_shipdate < date '1994-01-01' + interval '1' year
			)
	)
	and s_nationkey = n_nationkey
	and n_name = 'CANADA'
order by
	s_name;
---- types: varchar, varchar
---- duckdb

# Q21 (suppliers who kept orders waiting). Covers: correlated EXISTS and NOT EXISTS whose
# correlation is an equality plus a non-equi condition (l2.l_suppkey <> l1.l_suppkey: a semi and an
# anti join with a residual), lineitem three times under aliases (l1, l2, l3), ORDER BY … LIMIT.
only tpch_sf01 tpch_zstd
query ordered types
select
	s_name,
	count(*) as numwait
from
	supplier,
	lineitem l1,
	orders,
	nation
where
	s_suppkey = l1.l_suppkey
	and o_orderkey = l1.l_orderkey
	and o_orderstatus = 'F'
	and l1.l_receiptdate > l1.l_commitdate
	and exists (
		select
			*
		from
			lineitem l2
		where
			l2.l_orderkey = l1.l_orderkey
			and l2.l_suppkey <> l1.l_suppkey
	)
	and not exists (
		select
			*
		from
			lineitem l3
		where
			l3.l_orderkey = l1.l_orderkey
			and l3.l_suppkey <> l1.l_suppkey
			and l3.l_receiptdate > l3.l_commitdate
	)
	and s_nationkey = n_nationkey
	and n_name = 'SAUDI ARABIA'
group by
	s_name
order by
	numwait desc,
	s_name
limit 100;
---- types: varchar, bigint
---- duckdb

# Q22 (global sales opportunity). Covers: substring(… from 1 for 2) (varchar) IN a list, an
# uncorrelated scalar subquery with avg(decimal(15,2)) (rounded HALF_UP to decimal(15,2) before
# the comparison: trino_avg), correlated NOT EXISTS (an anti join of customer with orders), a
# derived table.
only tpch_sf01 tpch_zstd
query ordered types
select
	cntrycode,
	count(*) as numcust,
	sum(c_acctbal) as totacctbal
from
	(
		select
			substring(c_phone from 1 for 2) as cntrycode,
			c_acctbal
		from
			customer
		where
			substring(c_phone from 1 for 2) in
				('13', '31', '23', '29', '30', '18', '17')
			and c_acctbal > (
				select
					avg(c_acctbal)
				from
					customer
				where
					c_acctbal > 0.00
					and substring(c_phone from 1 for 2) in
						('13', '31', '23', '29', '30', '18', '17')
			)
			and not exists (
				select
					*
				from
					orders
				where
					o_custkey = c_custkey
			)
	) as custsale
group by
	cntrycode
order by
	cntrycode;
---- types: varchar, bigint, decimal(38,2)
---- duckdb
SELECT cntrycode, count(*) AS numcust, sum(c_acctbal) AS totacctbal
FROM (
  SELECT substring(c_phone, 1, 2) AS cntrycode, c_acctbal
  FROM customer
  WHERE substring(c_phone, 1, 2) IN ('13', '31', '23', '29', '30', '18', '17')
    AND c_acctbal > (SELECT trino_avg(c_acctbal, 2)::DECIMAL(15,2) FROM customer
      WHERE c_acctbal > 0.00 AND substring(c_phone, 1, 2) IN ('13', '31', '23', '29', '30', '18', '17'))
    AND NOT EXISTS (SELECT * FROM orders WHERE o_custkey = c_custkey)
) AS custsale
GROUP BY cntrycode
ORDER BY cntrycode
