# smoke
query ordered
SELECT l_returnflag, count(*) FROM lineitem GROUP BY 1 ORDER BY 1
---- duckdb

query types
SELECT sum(l_quantity), count(*) FROM lineitem
---- types: decimal(38,2), bigint
---- duckdb

statement error COLUMN_NOT_FOUND 1:8
SELECT nope FROM lineitem
