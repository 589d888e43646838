/**
 * The generated lake checked by DuckDB at SF 0.01: cardinalities, keys, referential integrity,
 * value domains and the derived columns, read back from the Parquet files themselves.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLORS, NATIONS, REGIONS } from '../../../src/gen/tpch/distributions.ts';
import { TPCH_TABLES, generateTpch, orderKey, tpchRowCounts, type TpchTableResult } from '../../../src/gen/tpch/index.ts';
import { LocalFileStore } from '../../../src/storage/localFileStore.ts';
import { openDuckDb, sqlString, type DuckDb } from '../../helpers/duckdb.ts';

const SF = 0.01;
let dir = '';
let db: DuckDb;
let results: TpchTableResult[] = [];

const zero = async (sql: string): Promise<void> => expect(await db.value(sql), sql).toBe(0);
const list = (words: readonly string[]): string => `[${words.map(sqlString).join(', ')}]`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'squall-tpch-'));
  // Several files and row groups per large table, so the checks also cover file and group edges.
  results = await generateTpch({ sf: SF, out: pathToFileURL(dir).href, codec: 'zstd', rowGroupSize: 8_192, filesPerTable: 2 }, new LocalFileStore());
  db = await openDuckDb();
  for (const t of TPCH_TABLES) {
    await db.rows(`CREATE VIEW ${t} AS SELECT * FROM read_parquet(${sqlString(path.join(dir, 'tpch', t, '*.parquet'))})`);
  }
});

afterAll(async () => {
  db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('TPC-H SF 0.01 read by DuckDB', () => {
  it('has the spec cardinalities, split into files as asked', async () => {
    const expected = tpchRowCounts(SF);
    for (const t of TPCH_TABLES) expect(await db.value(`SELECT count(*)::INT FROM ${t}`), t).toBe(expected[t]);
    expect(Math.abs(expected.lineitem - 60_000)).toBeLessThan(1_000);
    const files = Object.fromEntries(results.map((r) => [r.table, r.files.length]));
    expect(files).toMatchObject({ region: 1, nation: 1, supplier: 1, lineitem: 2, orders: 2, partsupp: 1 });
  });

  it('has the column types of the Trino TPC-H connector', async () => {
    const types = Object.fromEntries(
      (await db.rows(`SELECT column_name, column_type FROM (DESCRIBE lineitem)`)).map(([n, t]) => [n, t]),
    );
    expect(types).toEqual({
      l_orderkey: 'BIGINT', l_partkey: 'BIGINT', l_suppkey: 'BIGINT', l_linenumber: 'INTEGER',
      l_quantity: 'DECIMAL(15,2)', l_extendedprice: 'DECIMAL(15,2)', l_discount: 'DECIMAL(15,2)', l_tax: 'DECIMAL(15,2)',
      l_returnflag: 'VARCHAR', l_linestatus: 'VARCHAR', l_shipdate: 'DATE', l_commitdate: 'DATE', l_receiptdate: 'DATE',
      l_shipinstruct: 'VARCHAR', l_shipmode: 'VARCHAR', l_comment: 'VARCHAR',
    });
    const all = await db.rows(
      TPCH_TABLES.map((t) => `SELECT column_name, column_type FROM (DESCRIBE ${t})`).join(' UNION ALL '),
    );
    const byName = Object.fromEntries(all.map(([n, t]) => [n, t]));
    expect(byName).toMatchObject({
      r_regionkey: 'BIGINT', n_nationkey: 'BIGINT', n_regionkey: 'BIGINT', s_nationkey: 'BIGINT', c_nationkey: 'BIGINT',
      p_size: 'INTEGER', ps_availqty: 'INTEGER', o_shippriority: 'INTEGER', o_orderdate: 'DATE',
      s_acctbal: 'DECIMAL(15,2)', c_acctbal: 'DECIMAL(15,2)', p_retailprice: 'DECIMAL(15,2)',
      ps_supplycost: 'DECIMAL(15,2)', o_totalprice: 'DECIMAL(15,2)', c_mktsegment: 'VARCHAR', n_name: 'VARCHAR',
    });
  });

  it('has unique, dense primary keys', async () => {
    for (const [t, k] of [['region', 'r_regionkey'], ['nation', 'n_nationkey'], ['supplier', 's_suppkey'], ['customer', 'c_custkey'], ['part', 'p_partkey'], ['orders', 'o_orderkey']]) {
      await zero(`SELECT (count(*) - count(DISTINCT ${k}))::INT FROM ${t}`);
    }
    await zero(`SELECT (count(*) - count(DISTINCT (ps_partkey, ps_suppkey)))::INT FROM partsupp`);
    await zero(`SELECT (count(*) - count(DISTINCT (l_orderkey, l_linenumber)))::INT FROM lineitem`);
    expect(await db.rows(`SELECT min(c_custkey)::INT, max(c_custkey)::INT, min(p_partkey)::INT, max(p_partkey)::INT FROM customer, part`)).toEqual([[1, 1_500, 1, 2_000]]);
    expect(await db.rows(`SELECT min(r_regionkey)::INT, max(r_regionkey)::INT FROM region`)).toEqual([[0, 4]]);
  });

  it('uses sparse order keys: the first 8 of each 32', async () => {
    await zero(`SELECT count(*)::INT FROM orders WHERE o_orderkey % 32 >= 8`);
    expect(await db.value(`SELECT max(o_orderkey)::INT FROM orders`)).toBe(orderKey(14_999));
  });

  it('keeps referential integrity', async () => {
    await zero(`SELECT count(*)::INT FROM lineitem ANTI JOIN orders ON l_orderkey = o_orderkey`);
    await zero(`SELECT count(*)::INT FROM orders ANTI JOIN lineitem ON l_orderkey = o_orderkey`);
    await zero(`SELECT count(*)::INT FROM orders ANTI JOIN customer ON o_custkey = c_custkey`);
    await zero(`SELECT count(*)::INT FROM orders WHERE o_custkey % 3 = 0`);
    await zero(`SELECT count(*)::INT FROM lineitem ANTI JOIN partsupp ON l_partkey = ps_partkey AND l_suppkey = ps_suppkey`);
    await zero(`SELECT count(*)::INT FROM partsupp ANTI JOIN part ON ps_partkey = p_partkey`);
    await zero(`SELECT count(*)::INT FROM partsupp ANTI JOIN supplier ON ps_suppkey = s_suppkey`);
    await zero(`SELECT count(*)::INT FROM customer ANTI JOIN nation ON c_nationkey = n_nationkey`);
    await zero(`SELECT count(*)::INT FROM supplier ANTI JOIN nation ON s_nationkey = n_nationkey`);
    await zero(`SELECT count(*)::INT FROM nation ANTI JOIN region ON n_regionkey = r_regionkey`);
    // Every part has four suppliers; two thirds of customers have orders.
    await zero(`SELECT count(*)::INT FROM (SELECT ps_partkey FROM partsupp GROUP BY 1 HAVING count(*) <> 4)`);
    const withOrders = Number(await db.value(`SELECT count(DISTINCT o_custkey)::INT FROM orders`));
    expect(withOrders).toBeLessThanOrEqual(1_000);
    expect(withOrders).toBeGreaterThan(900);
  });

  it('numbers 1 to 7 lines per order from 1', async () => {
    expect(await db.rows(`SELECT min(n)::INT, max(n)::INT FROM (SELECT count(*) AS n FROM lineitem GROUP BY l_orderkey)`)).toEqual([[1, 7]]);
    await zero(`SELECT count(*)::INT FROM (SELECT l_orderkey FROM lineitem GROUP BY 1 HAVING max(l_linenumber) <> count(*) OR min(l_linenumber) <> 1)`);
  });

  it('keeps dates within the spec windows', async () => {
    expect(await db.rows(`SELECT min(o_orderdate)::VARCHAR, max(o_orderdate)::VARCHAR FROM orders`)).toEqual([['1992-01-01', '1998-08-02']]);
    expect(
      await db.rows(`SELECT min(l_shipdate - o_orderdate)::INT, max(l_shipdate - o_orderdate)::INT,
        min(l_commitdate - o_orderdate)::INT, max(l_commitdate - o_orderdate)::INT,
        min(l_receiptdate - l_shipdate)::INT, max(l_receiptdate - l_shipdate)::INT
        FROM lineitem JOIN orders ON l_orderkey = o_orderkey`),
    ).toEqual([[1, 121, 30, 90, 1, 30]]);
    expect(await db.value(`SELECT max(l_receiptdate)::VARCHAR FROM lineitem`)).not.toBe(null);
    await zero(`SELECT count(*)::INT FROM lineitem WHERE l_receiptdate > DATE '1998-12-31'`);
  });

  it('draws quantities, discounts and taxes from their ranges and prices lines exactly', async () => {
    expect(
      await db.rows(`SELECT min(l_quantity)::VARCHAR, max(l_quantity)::VARCHAR, min(l_discount)::VARCHAR, max(l_discount)::VARCHAR,
        min(l_tax)::VARCHAR, max(l_tax)::VARCHAR FROM lineitem`),
    ).toEqual([['1.00', '50.00', '0.00', '0.10', '0.00', '0.08']]);
    await zero(`SELECT count(*)::INT FROM lineitem WHERE l_quantity <> floor(l_quantity)`);
    await zero(`SELECT count(*)::INT FROM part WHERE p_retailprice * 100 <> 90000 + ((p_partkey // 10) % 20001) + 100 * (p_partkey % 1000)`);
    await zero(`SELECT count(*)::INT FROM lineitem JOIN part ON l_partkey = p_partkey WHERE l_extendedprice <> l_quantity * p_retailprice`);
  });

  it('derives return flags and line statuses from the dates around 1995-06-17', async () => {
    await zero(`SELECT count(*)::INT FROM lineitem WHERE (l_receiptdate <= DATE '1995-06-17') <> (l_returnflag IN ('R', 'A'))`);
    await zero(`SELECT count(*)::INT FROM lineitem WHERE (l_returnflag = 'N') <> (l_receiptdate > DATE '1995-06-17')`);
    await zero(`SELECT count(*)::INT FROM lineitem WHERE (l_linestatus = 'O') <> (l_shipdate > DATE '1995-06-17')`);
    expect(await db.rows(`SELECT DISTINCT l_returnflag, l_linestatus FROM lineitem ORDER BY 1, 2`)).toEqual([['A', 'F'], ['N', 'F'], ['N', 'O'], ['R', 'F']]);
  });

  it('derives order status and total price from the lines, exactly', async () => {
    const derived = `SELECT l_orderkey,
        CASE WHEN bool_and(l_linestatus = 'F') THEN 'F' WHEN bool_and(l_linestatus = 'O') THEN 'O' ELSE 'P' END AS status,
        round(sum(l_extendedprice * (1 + l_tax) * (1 - l_discount)), 2) AS total
      FROM lineitem GROUP BY l_orderkey`;
    await zero(`SELECT count(*)::INT FROM orders JOIN (${derived}) d ON o_orderkey = l_orderkey WHERE o_orderstatus <> status OR o_totalprice <> total`);
    expect(await db.rows(`SELECT DISTINCT o_orderstatus FROM orders ORDER BY 1`)).toEqual([['F'], ['O'], ['P']]);
  });

  it('uses the spec value lists for categorical columns', async () => {
    const distinct = async (col: string, t: string) => (await db.rows(`SELECT DISTINCT ${col} FROM ${t} ORDER BY 1`)).map(([v]) => v);
    expect(await distinct('c_mktsegment', 'customer')).toEqual(['AUTOMOBILE', 'BUILDING', 'FURNITURE', 'HOUSEHOLD', 'MACHINERY']);
    expect(await distinct('o_orderpriority', 'orders')).toEqual(['1-URGENT', '2-HIGH', '3-MEDIUM', '4-NOT SPECIFIED', '5-LOW']);
    expect(await distinct('l_shipinstruct', 'lineitem')).toEqual(['COLLECT COD', 'DELIVER IN PERSON', 'NONE', 'TAKE BACK RETURN']);
    expect(await distinct('l_shipmode', 'lineitem')).toEqual(['AIR', 'FOB', 'MAIL', 'RAIL', 'REG AIR', 'SHIP', 'TRUCK']);
    expect(await distinct('o_shippriority', 'orders')).toEqual([0]);
    expect(await db.rows(`SELECT min(o_clerk), max(o_clerk) FROM orders`)).toEqual([['Clerk#000000001', 'Clerk#000000010']]);
    expect(await db.rows(`SELECT count(DISTINCT p_type)::INT, count(DISTINCT p_container)::INT, count(DISTINCT p_brand)::INT, min(p_size), max(p_size) FROM part`)).toEqual([[150, 40, 25, 1, 50]]);
    await zero(`SELECT count(*)::INT FROM part WHERE NOT regexp_full_match(p_type, '(STANDARD|SMALL|MEDIUM|LARGE|ECONOMY|PROMO) (ANODIZED|BURNISHED|PLATED|POLISHED|BRUSHED) (TIN|NICKEL|BRASS|STEEL|COPPER)')`);
    await zero(`SELECT count(*)::INT FROM part WHERE NOT regexp_full_match(p_container, '(SM|LG|MED|JUMBO|WRAP) (CASE|BOX|BAG|JAR|PKG|PACK|CAN|DRUM)')`);
    await zero(`SELECT count(*)::INT FROM part WHERE NOT regexp_full_match(p_mfgr, 'Manufacturer#[1-5]') OR p_brand <> 'Brand#' || right(p_mfgr, 1) || right(p_brand, 1) OR NOT regexp_full_match(p_brand, 'Brand#[1-5][1-5]')`);
  });

  it('builds part names from five distinct colours', async () => {
    await zero(`SELECT count(*)::INT FROM part WHERE len(list_distinct(string_split(p_name, ' '))) <> 5 OR NOT list_has_all(${list(COLORS)}, string_split(p_name, ' '))`);
    expect(Number(await db.value(`SELECT count(*)::INT FROM part WHERE p_name LIKE '%green%'`))).toBeGreaterThan(0);
  });

  it('formats names, phones and balances', async () => {
    await zero(`SELECT count(*)::INT FROM customer WHERE c_name <> 'Customer#' || lpad(c_custkey::VARCHAR, 9, '0')`);
    await zero(`SELECT count(*)::INT FROM supplier WHERE s_name <> 'Supplier#' || lpad(s_suppkey::VARCHAR, 9, '0')`);
    await zero(`SELECT count(*)::INT FROM customer WHERE NOT regexp_full_match(c_phone, '\\d\\d-\\d{3}-\\d{3}-\\d{4}') OR left(c_phone, 2)::INT <> c_nationkey + 10`);
    await zero(`SELECT count(*)::INT FROM supplier WHERE left(s_phone, 2)::INT <> s_nationkey + 10`);
    expect(await db.rows(`SELECT min(c_acctbal) >= -999.99, max(c_acctbal) <= 9999.99, min(s_acctbal) >= -999.99, max(s_acctbal) <= 9999.99 FROM customer, supplier`)).toEqual([[true, true, true, true]]);
    expect(await db.rows(`SELECT min(length(c_address))::INT, max(length(c_address))::INT FROM customer`)).toEqual([[10, 40]]);
    expect(await db.rows(`SELECT min(ps_availqty) >= 1, max(ps_availqty) <= 9999, min(p_size), max(p_size) FROM partsupp, part`)).toEqual([[true, true, 1, 50]]);
    expect(await db.rows(`SELECT min(ps_supplycost) >= 1.00, max(ps_supplycost) <= 1000.00 FROM partsupp`)).toEqual([[true, true]]);
  });

  it('hides exactly one Complaints and one Recommends comment among the suppliers', async () => {
    expect(await db.value(`SELECT count(*)::INT FROM supplier WHERE s_comment LIKE '%Customer%Complaints%'`)).toBe(1);
    expect(await db.value(`SELECT count(*)::INT FROM supplier WHERE s_comment LIKE '%Customer%Recommends%'`)).toBe(1);
  });

  it('cuts comments to the spec lengths', async () => {
    const lengths = await db.rows(`SELECT min(length(l_comment))::INT, max(length(l_comment))::INT FROM lineitem
      UNION ALL SELECT min(length(o_comment))::INT, max(length(o_comment))::INT FROM orders
      UNION ALL SELECT min(length(ps_comment))::INT, max(length(ps_comment))::INT FROM partsupp
      UNION ALL SELECT min(length(c_comment))::INT, max(length(c_comment))::INT FROM customer`);
    expect(lengths).toEqual([[10, 43], [19, 78], [49, 198], [29, 116]]);
    expect(Number(await db.value(`SELECT count(*)::INT FROM orders WHERE o_comment LIKE '%special%requests%'`))).toBeGreaterThan(0);
  });

  it('has the fixed nations and regions', async () => {
    expect((await db.rows(`SELECT r_name FROM region ORDER BY r_regionkey`)).map(([n]) => n)).toEqual([...REGIONS]);
    expect(await db.rows(`SELECT n_name, n_regionkey::INT FROM nation ORDER BY n_nationkey`)).toEqual(NATIONS.map(([n, r]) => [n, r]));
  });
});
