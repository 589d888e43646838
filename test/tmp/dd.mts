import { openDuckDb } from '../helpers/duckdb.ts';
const db = await openDuckDb();
for (const q of [
 `CREATE MACRO trino_div(a, b, s) AS round(((a * 1000000)::HUGEINT * 1000000 // (b * 1000000)::HUGEINT)::DECIMAL(38,0) * 0.000001, s)`,
 `CREATE MACRO trino_avg(x, s) AS round(((sum(x) * 1000000)::HUGEINT // count(x))::DECIMAL(38,0) * 0.000001, s)`,
 `SELECT round(-1.005::DECIMAL(10,3), 2), (-7)::HUGEINT // 2, 7::HUGEINT // -2, trino_div(10.00, 3.0, 2), trino_div(-1.00, 8, 2), trino_div(1.00, -8, 2), trino_div(2.00, 3, 2), typeof(trino_div(2.00, 3, 2))`,
 `SELECT trino_avg(x, 2), typeof(trino_avg(x, 2)) FROM (VALUES (1.00::DECIMAL(15,2)), (1.01)) t(x)`,
 `SELECT trino_avg(x, 2) FROM (VALUES (-1.00::DECIMAL(15,2)), (-1.01)) t(x)`,
 `SELECT trino_avg(x, 2) FROM (VALUES (-1.00::DECIMAL(15,2))) t(x) WHERE false`,
 `SELECT 'ß' , upper('ßé'), lower('ÄΩ'), length('𝄞a'), substr('a𝄞bc', 2, 2), 'x' || NULL, concat('a', NULL, 'b')`,
 `SELECT NULL AND false, NULL AND true, NULL OR true, NULL OR false, NOT NULL, 1 = NULL, 1 IN (1, NULL), 2 IN (1, NULL), 2 NOT IN (1, NULL)`,
 `SELECT x FROM (VALUES (1), (NULL), (3)) t(x) ORDER BY x DESC`,
 `SELECT greatest(1, NULL, 3), least(1, NULL)`,
 `SELECT substring('hello' FROM 2 FOR 3), 'a_b' LIKE 'a\\_b' ESCAPE '\\', 'axb' LIKE 'a\\_b' ESCAPE '\\'`,
 `SELECT extract(hour FROM TIMESTAMP '2001-02-03 04:05:06.789012'), hour(TIMESTAMP '2001-02-03 04:05:06.789012'), typeof(hour(TIMESTAMP '2001-02-03 04:05:06.789012')), typeof(year(DATE '2001-01-01')), typeof(extract(year from DATE '2001-01-01'))`,
 `SELECT floor(-1.5::DECIMAL(15,2)), typeof(floor(-1.5::DECIMAL(15,2))), ceil(1.01::DECIMAL(15,2)), abs(-2.5::DECIMAL(15,2)), typeof(abs(-2.5::DECIMAL(15,2)))`,
]) { try { console.log(q.slice(0,60), JSON.stringify(await db.rows(q))); } catch (e) { console.log(q.slice(0,60), String(e)); } }
