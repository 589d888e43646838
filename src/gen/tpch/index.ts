/**
 * Squall's TPC-H data generator: deterministic, chunkable, written as Parquet.
 * `squall gen tpch`, the demo, the tests and the benchmarks all get their data from here.
 *
 * It follows the TPC-H specification (clause 4.2) for every table, column, cardinality, key and
 * value domain, but it is not dbgen and does not reproduce dbgen's values. The differences:
 *  - random numbers: counter-based hashing per (column, row) instead of dbgen's sequential
 *    Lehmer streams, so every value differs from dbgen's while following the same distributions;
 *  - comments: cut from a 16 MiB grammar-generated pool instead of 300 MB (see text.ts);
 *  - O_TOTALPRICE: the exact sum of L_EXTENDEDPRICE × (1 + L_TAX) × (1 − L_DISCOUNT) rounded half
 *    up to cents once; dbgen truncates each line's term to cents before summing;
 *  - O_CUSTKEY: exactly uniform over keys not divisible by 3 (dbgen nudges multiples of 3 to a
 *    neighbour, slightly favouring some keys);
 *  - S_COMMENT: exactly SF × 5 "Customer…Complaints" and SF × 5 "Customer…Recommends" rows (at
 *    least one each) chosen by a permutation; dbgen marks each row with probability 1/1000;
 *  - LINEITEM has ≈ 6,000,000 × SF rows (6,004,627 at SF1; dbgen 6,001,215), as any draw of 1–7
 *    lines per order gives;
 *  - fractional scale factors round counts down with a minimum of one row (also for O_CLERK's
 *    range, [1, max(1, SF × 1000)]).
 */
import { lineitemRows } from './lineitem.ts';
import {
  TPCH_TABLES,
  checkScaleFactor,
  customerCount,
  orderCount,
  partCount,
  partsuppCount,
  supplierCount,
  type TpchTable,
} from './scale.ts';

export {
  generateTpch,
  planTpchFiles,
  tableGenerator,
  writeTpchFile,
  type ProgressListener,
  type TpchFileTask,
  type TpchOptions,
  type TpchTableResult,
} from './generate.ts';
export { TPCH_TABLES, isTpchTable, orderKey, type TpchTable } from './scale.ts';
export type { TableGenerator } from './table.ts';

/**
 * Rows of a table at a scale factor. Exact for every table; for lineitem it draws each order's
 * line count (about 10 ms per million orders).
 */
export function tpchRowCount(table: TpchTable, sf: number): number {
  checkScaleFactor(sf);
  switch (table) {
    case 'region':
      return 5;
    case 'nation':
      return 25;
    case 'supplier':
      return supplierCount(sf);
    case 'customer':
      return customerCount(sf);
    case 'part':
      return partCount(sf);
    case 'partsupp':
      return partsuppCount(sf);
    case 'orders':
      return orderCount(sf);
    case 'lineitem':
      return lineitemRows(0, orderCount(sf));
    default: {
      const never: never = table;
      throw new Error(`unknown table ${String(never)}`);
    }
  }
}

/** Row counts of all eight tables. */
export function tpchRowCounts(sf: number): Record<TpchTable, number> {
  return Object.fromEntries(TPCH_TABLES.map((t) => [t, tpchRowCount(t, sf)])) as Record<TpchTable, number>;
}
