/**
 * Cardinalities, keys and the constants every table shares (specification clause 4.2.3 and 4.2.5).
 */
import { daysFromCivil } from '../../types/datetime.ts';
import { ConfigError } from '../../errors.ts';

export const TPCH_TABLES = ['region', 'nation', 'supplier', 'customer', 'part', 'partsupp', 'orders', 'lineitem'] as const;
export type TpchTable = (typeof TPCH_TABLES)[number];

export function isTpchTable(name: string): name is TpchTable {
  return (TPCH_TABLES as readonly string[]).includes(name);
}

/** Rows per unit of scale factor (lineitem's count is derived from its orders). */
const BASE_ROWS = { supplier: 10_000, customer: 150_000, part: 200_000, partsupp: 800_000, orders: 1_500_000 } as const;

export const STARTDATE = daysFromCivil(1992, 1, 1);
export const CURRENTDATE = daysFromCivil(1995, 6, 17);
export const ENDDATE = daysFromCivil(1998, 12, 31);
/** Last order date: late enough orders would ship and be received after ENDDATE (121 + 30 days). */
export const LAST_ORDER_DATE = ENDDATE - 151;

export const MAX_LINES_PER_ORDER = 7;

export function checkScaleFactor(sf: number): void {
  if (!Number.isFinite(sf) || sf <= 0 || sf > 100_000) {
    throw new ConfigError('INVALID_ARGUMENTS', `scale factor must be a number in (0, 100000], got ${sf}`);
  }
}

/**
 * SF × base rows, rounded down as dbgen does for fractional scale factors (the tiny epsilon
 * keeps 0.01 × 150000 from landing just under an integer), and never below one row.
 */
export function scaledCount(base: number, sf: number): number {
  return Math.max(1, Math.floor(base * sf + 1e-6));
}

export const supplierCount = (sf: number): number => scaledCount(BASE_ROWS.supplier, sf);
export const customerCount = (sf: number): number => scaledCount(BASE_ROWS.customer, sf);
export const partCount = (sf: number): number => scaledCount(BASE_ROWS.part, sf);
export const partsuppCount = (sf: number): number => 4 * partCount(sf);
export const orderCount = (sf: number): number => scaledCount(BASE_ROWS.orders, sf);
/** O_CLERK numbers are drawn from [1, SF × 1000]. */
export const clerkCount = (sf: number): number => scaledCount(1_000, sf);

/**
 * O_ORDERKEY of the order at 0-based index `i`: only the first 8 keys of each block of 32 are
 * used (dbgen's "sparse" keys), so keys run 1..7, 32..39, 64..71, … up to 6,000,000 at SF1.
 */
export function orderKey(i: number): number {
  const n = i + 1;
  return Math.floor(n / 8) * 32 + (n % 8);
}

/** P_RETAILPRICE in cents (clause 4.2.3): 90000 + ((key / 10) mod 20001) + 100 × (key mod 1000). */
export function retailPriceCents(partKey: number): number {
  return 90_000 + (Math.floor(partKey / 10) % 20_001) + 100 * (partKey % 1_000);
}

/**
 * The supplier of the i-th (0..3) supply line of a part: clause 4.2.3's PS_SUPPKEY formula,
 * (partkey + i × (S/4 + (partkey - 1) / S)) mod S + 1 with integer divisions. L_SUPPKEY uses it
 * with a random i, which is what makes every (l_partkey, l_suppkey) a PARTSUPP row.
 */
export function supplierOfPart(partKey: number, i: number, suppliers: number): number {
  const step = Math.floor(suppliers / 4) + Math.floor((partKey - 1) / suppliers);
  return ((partKey + i * step) % suppliers) + 1;
}
