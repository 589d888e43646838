# Objects in the lake that must fail clearly (test/setup/testLake.ts, schema `bad`), and the
# one that must not: an empty file is an empty table. The files are the same whatever the
# default schema: `only tpch_zstd`.

# A file cut at 60% of its bytes: no footer.
only tpch_zstd
statement error CORRUPT_FILE
SELECT count(*) FROM bad.truncated

# A file that is CSV text, not Parquet.
only tpch_zstd
statement error CORRUPT_FILE
SELECT * FROM bad.not_parquet

# A file whose footer is intact but whose column data is garbled (bytes 200..400): reading
# every column must fail, not return wrong values.
only tpch_zstd
statement error CORRUPT_FILE
SELECT * FROM bad.corrupt_chunk

# The same file, asking only for a column whose chunk the damage hit.
only tpch_zstd
statement error CORRUPT_FILE
SELECT sum(t_smallint) FROM bad.corrupt_chunk

# The same file, asking only for columns whose chunks are intact: the right answer (the file is
# a damaged copy of extra.types, which DuckDB reads intact).
only tpch_zstd
query
SELECT count(*), sum(t_integer), max(t_varchar), min(t_date), sum(t_dec38) FROM bad.corrupt_chunk
---- duckdb: SELECT count(*), sum(t_integer), max(t_varchar), min(t_date), sum(t_dec38) FROM extra.types

# Two files disagreeing on a column's type.
only tpch_zstd
statement error SCHEMA_MISMATCH
SELECT a FROM bad.mismatch

# A directory without any Parquet file is not a table.
only tpch_zstd
statement error TABLE_NOT_FOUND 1:15
SELECT * FROM bad.only_junk

# A file with zero rows: a correct empty answer.
only tpch_zstd
query types
SELECT count(*), sum(b), max(a), avg(b) FROM bad.empty
---- types: bigint, decimal(38,2), integer, decimal(10,2)
---- expected
0 | NULL | NULL | NULL

only tpch_zstd
query
SELECT a, b FROM bad.empty
---- duckdb

only tpch_zstd
query
SELECT a, count(*) FROM bad.empty GROUP BY a
---- expected
