import { openDuckDb } from '../helpers/duckdb.ts';
const db = await openDuckDb();
for (const q of [
 `SELECT typeof(1.25::DECIMAL(38,2) / 3), typeof(1.25::DECIMAL(15,2) * 2), typeof(7 // 2), typeof(1.25::DECIMAL(15,2) * 0.01), typeof(1::HUGEINT // 2)`,
 `SELECT round(1.005::DOUBLE, 2), round(2.675::DOUBLE, 2), round(1.005::DECIMAL(10,3), 2), typeof(round(1.005::DECIMAL(10,3), 2))`,
 `SELECT -7 // 2, -7 % 2, 7 % -2, (-7)::BIGINT // 2, -7.5::DECIMAL(10,1) % 2`,
 `SELECT ('x' || 1), length('héllo'), upper('é'), substr('héllo', 2, 3), trim('  a  '), 'ab' LIKE 'a\\_' ESCAPE '\\'`,
 `SELECT DATE '2020-01-31' + INTERVAL 1 MONTH, typeof(DATE '2020-01-31' + INTERVAL 1 MONTH), date_trunc('month', DATE '2020-01-31'), typeof(date_trunc('month', DATE '2020-01-31'))`,
 `CREATE MACRO m(x) AS sum(x) * 2`, `SELECT m(i) FROM range(3) t(i)`,
 `SELECT typeof(t_maybe), typeof(t_real) FROM read_parquet('/work/main/.squall/test-lake-v3/extra/types/*.parquet') LIMIT 1`,
 `SELECT * FROM read_parquet('/work/main/.squall/test-lake-v3/extra/nulls/*.parquet') LIMIT 3`,
 `DESCRIBE SELECT * FROM read_parquet('/work/main/.squall/test-lake-v3/extra/nulls/*.parquet')`,
 `DESCRIBE SELECT * FROM read_parquet('/work/main/.squall/test-lake-v3/extra/lineitem_part/**/*.parquet', hive_partitioning=true)`,
 `DESCRIBE SELECT * FROM read_parquet('/work/main/.squall/test-lake-v3/extra/orders_month/**/*.parquet', hive_partitioning=true)`,
 `SELECT count(*), count(qty), count(price), count(mode), count(shipped), count(line), count(ratio), count(nothing), count(DISTINCT id) FROM read_parquet('/work/main/.squall/test-lake-v3/extra/nulls/*.parquet')`,
]) { try { console.log(q.slice(0,60), JSON.stringify(await db.rows(q))); } catch (e) { console.log(q.slice(0,60), String(e)); } }
