import { openDuckDb } from '../helpers/duckdb.ts';
const db = await openDuckDb();
for (const q of [
 `SELECT substr('hello', -1), substr('héllo', -2), CAST(2.5::DECIMAL(15,2) AS INTEGER), CAST(-2.5::DECIMAL(15,2) AS INTEGER), CAST('12.345' AS DECIMAL(10,2)), round(7::INTEGER), typeof(round(7::INTEGER))`,
 `SELECT typeof(greatest(1.5::DECIMAL(15,2), 2::INTEGER)), typeof(least(1.5::DECIMAL(15,2), 0.05)), typeof(COALESCE(1.5::DECIMAL(15,2), 0))`,
 `SELECT sum(x*x*x) FROM (VALUES (1.25::DECIMAL(15,2))) t(x)`, `SELECT typeof(x*x*x), typeof(x*x*y) FROM (VALUES (1.25::DECIMAL(15,2), 2.5::DECIMAL(15,2))) t(x,y)`,
]) { try { console.log(q.slice(0,60), JSON.stringify(await db.rows(q))); } catch (e) { console.log(q.slice(0,60), String(e)); } }
