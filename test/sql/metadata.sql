# The catalog's metadata as BI tools read it: SHOW and information_schema (Trino's views and
# columns). Expected rows come from the test lake's layout (test/setup/testLake.ts) and the TPC-H
# specification's column order.

# Covers: SHOW SCHEMAS lists information_schema beside the lake's own schemas, as Trino does.
only tpch_zstd
query ordered columns
SHOW SCHEMAS
---- columns: Schema
---- expected
bad
extra
information_schema
tpch_gzip
tpch_sf01
tpch_snappy
tpch_zstd

only tpch_zstd
query ordered
SHOW TABLES FROM information_schema
---- expected
columns
schemata
tables
views

only tpch_zstd
query ordered types columns
SELECT * FROM lake.information_schema.schemata WHERE schema_name LIKE 'tpch%' ORDER BY schema_name
---- types: varchar, varchar
---- columns: catalog_name, schema_name
---- expected
lake | tpch_gzip
lake | tpch_sf01
lake | tpch_snappy
lake | tpch_zstd

# Covers: Redash's schema-browser query (every column of every table outside information_schema)
# narrowed to one table; ordinal positions, Trino type names, nullability.
only tpch_zstd
query ordered types
SELECT table_schema, table_name, column_name, ordinal_position, data_type, is_nullable, column_default
FROM information_schema.columns
WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_name = 'nation' AND table_schema = 'tpch_zstd'
ORDER BY ordinal_position
---- types: varchar, varchar, varchar, bigint, varchar, varchar, varchar
---- expected
tpch_zstd | nation | n_nationkey | 1 | bigint | YES | NULL
tpch_zstd | nation | n_name | 2 | varchar | YES | NULL
tpch_zstd | nation | n_regionkey | 3 | bigint | YES | NULL
tpch_zstd | nation | n_comment | 4 | varchar | YES | NULL

# Covers: every type's name as information_schema spells it; hive partition keys as columns.
only tpch_zstd
query ordered
SELECT table_name, column_name, data_type FROM information_schema.columns
WHERE table_schema = 'extra' AND (table_name = 'types' OR column_name IN ('ship_year', 'order_month'))
ORDER BY table_name, ordinal_position
---- expected
lineitem_part | ship_year | bigint
orders_month | order_month | date
types | t_tinyint | tinyint
types | t_smallint | smallint
types | t_integer | integer
types | t_bigint | bigint
types | t_real | real
types | t_double | double
types | t_dec4 | decimal(4,2)
types | t_dec15 | decimal(15,3)
types | t_dec38 | decimal(38,10)
types | t_varchar | varchar
types | t_boolean | boolean
types | t_date | date
types | t_timestamp | timestamp(6)
types | t_maybe | bigint

# Covers: tables joined with their columns; a table whose files cannot be read is listed with no
# columns (a schema browser still shows the rest; querying the table names the problem).
only tpch_zstd
query ordered
SELECT t.table_schema, t.table_name, t.table_type, count(c.column_name) AS n
FROM information_schema.tables t
LEFT JOIN information_schema.columns c ON c.table_schema = t.table_schema AND c.table_name = t.table_name
WHERE t.table_schema IN ('bad', 'tpch_zstd')
GROUP BY 1, 2, 3 ORDER BY 1, 2
---- expected
bad | corrupt_chunk | BASE TABLE | 14
bad | empty | BASE TABLE | 2
bad | mismatch | BASE TABLE | 2
bad | not_parquet | BASE TABLE | 0
bad | only_junk | BASE TABLE | 0
bad | truncated | BASE TABLE | 0
tpch_zstd | customer | BASE TABLE | 8
tpch_zstd | lineitem | BASE TABLE | 16
tpch_zstd | nation | BASE TABLE | 4
tpch_zstd | orders | BASE TABLE | 9
tpch_zstd | part | BASE TABLE | 9
tpch_zstd | partsupp | BASE TABLE | 5
tpch_zstd | region | BASE TABLE | 3
tpch_zstd | supplier | BASE TABLE | 7

only tpch_zstd
query
SELECT count(*) FROM information_schema.views
---- expected
0

only tpch_zstd
query ordered
DESCRIBE information_schema.tables
---- expected
table_catalog | varchar | (empty) | (empty)
table_schema | varchar | (empty) | (empty)
table_name | varchar | (empty) | (empty)
table_type | varchar | (empty) | (empty)

only tpch_zstd
statement error TABLE_NOT_FOUND 1:15
SELECT * FROM information_schema.routines
