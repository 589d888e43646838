/**
 * `squall demo` (and `npm start`): build a small TPC-H lake on first run, then answer sample
 * queries through the full pipeline (plan → scan workers → merge → finalize), with the figures.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseConfig, type SquallConfig } from '../config/config.ts';
import { Squall, packageRoot } from '../runtime/squall.ts';
import { storeFor } from '../storage/stores.ts';
import { formatStatsLine } from '../runtime/explainAnalyze.ts';
import { clientRows, formatTable } from './format.ts';

const DEMO_SF = 0.1;

function demoLakeDir(): string {
  return path.join(packageRoot(), '.squall', 'demo-lake');
}

export function demoConfig(): SquallConfig {
  return parseConfig(
    {
      catalogs: { lake: { connector: 'parquet', location: pathToFileURL(demoLakeDir()).href } },
      defaultCatalog: 'lake',
      defaultSchema: 'tpch',
      // The demo lake is small: 1 MB fragments make its queries fan out over several scans.
      planner: { fragmentTargetBytes: 1024 * 1024 },
    },
    process.cwd(),
    'demo config',
  );
}

export const DEMO_QUERIES: readonly { title: string; sql: string }[] = [
  {
    title: 'TPC-H Q1: pricing summary report',
    sql: `SELECT l_returnflag, l_linestatus, sum(l_quantity) AS sum_qty, sum(l_extendedprice) AS sum_base_price,
       sum(l_extendedprice * (1 - l_discount)) AS sum_disc_price,
       sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) AS sum_charge,
       avg(l_quantity) AS avg_qty, avg(l_extendedprice) AS avg_price, avg(l_discount) AS avg_disc, count(*) AS count_order
FROM lineitem
WHERE l_shipdate <= DATE '1998-12-01' - INTERVAL '90' DAY
GROUP BY l_returnflag, l_linestatus
ORDER BY l_returnflag, l_linestatus`,
  },
  {
    title: 'TPC-H Q6: forecasting revenue change',
    sql: `SELECT sum(l_extendedprice * l_discount) AS revenue
FROM lineitem
WHERE l_shipdate >= DATE '1994-01-01' AND l_shipdate < DATE '1994-01-01' + INTERVAL '1' YEAR
  AND l_discount BETWEEN 0.06 - 0.01 AND 0.06 + 0.01 AND l_quantity < 24`,
  },
  {
    title: 'The five largest orders of 1995 (top-N in every scan, merged)',
    sql: `SELECT o_orderkey, o_orderdate, o_orderpriority, o_totalprice
FROM orders
WHERE year(o_orderdate) = 1995
ORDER BY o_totalprice DESC
LIMIT 5`,
  },
  {
    title: 'Customers per market segment with a positive balance',
    sql: `SELECT c_mktsegment, count(DISTINCT c_nationkey) AS nations, count(*) AS customers, round(avg(c_acctbal), 2) AS avg_balance
FROM customer
WHERE c_acctbal > 0
GROUP BY c_mktsegment
ORDER BY customers DESC`,
  },
  {
    title: 'Each region\'s top nation by revenue of 1994 (joins, then a window function)',
    sql: `SELECT region, nation, revenue FROM (
  SELECT r_name AS region, n_name AS nation, sum(l_extendedprice * (1 - l_discount)) AS revenue,
         rank() OVER (PARTITION BY r_name ORDER BY sum(l_extendedprice * (1 - l_discount)) DESC) AS place
  FROM lineitem
  JOIN orders ON l_orderkey = o_orderkey
  JOIN customer ON o_custkey = c_custkey
  JOIN nation ON c_nationkey = n_nationkey
  JOIN region ON n_regionkey = r_regionkey
  WHERE o_orderdate >= DATE '1994-01-01' AND o_orderdate < DATE '1995-01-01'
  GROUP BY r_name, n_name) ranked
WHERE place = 1
ORDER BY region`,
  },
];

export async function ensureDemoLake(): Promise<void> {
  const dir = demoLakeDir();
  if (existsSync(path.join(dir, 'tpch', 'lineitem'))) return;
  process.stderr.write(`Building the demo lake (TPC-H scale factor ${DEMO_SF}, zstd) in ${dir} …\n`);
  const out = pathToFileURL(dir).href;
  const started = performance.now();
  const { generateTpch } = await import('../gen/tpch/index.ts');
  await generateTpch({ sf: DEMO_SF, out, codec: 'zstd', rowGroupSize: 32_768, filesPerTable: 4 }, storeFor(out));
  process.stderr.write(`Demo lake ready in ${((performance.now() - started) / 1000).toFixed(1)} s.\n\n`);
}

export async function runDemo(workers: number | undefined): Promise<number> {
  await ensureDemoLake();
  const squall = new Squall({ config: demoConfig(), ...(workers !== undefined ? { workers } : {}) });
  try {
    process.stdout.write(
      `Squall demo: each query runs through the real pipeline — a planner, ${squall.workers} scan worker thread(s) standing in for Lambdas,\n` +
        `merge levels, and the Step Functions state machine in state-machines/query.asl.json, executed in-process.\n\n`,
    );
    for (const q of DEMO_QUERIES) {
      process.stdout.write(`-- ${q.title}\n${q.sql};\n\n`);
      const result = await squall.query(q.sql);
      process.stdout.write(formatTable(result.columns, clientRows(result.columns, result.batch)));
      process.stdout.write(`${formatStatsLine(result.stats)}\n\n`);
    }
    process.stdout.write('Try your own: npx squall query "SELECT count(*) FROM lineitem"\n');
  } finally {
    await squall.close();
  }
  return 0;
}
