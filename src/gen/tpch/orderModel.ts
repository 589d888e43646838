/**
 * The part of an order both ORDERS and LINEITEM need: its date and the numeric fields of its
 * lines. ORDERS derives O_TOTALPRICE and O_ORDERSTATUS from the lines, so both tables call the
 * same code with the same streams and always agree.
 *
 * Order-level values are drawn at row = order index; line-level ones at row = index × 8 + line.
 */
import { streams } from './random.ts';
import {
  CURRENTDATE,
  LAST_ORDER_DATE,
  MAX_LINES_PER_ORDER,
  STARTDATE,
  partCount,
  retailPriceCents,
  supplierCount,
  supplierOfPart,
} from './scale.ts';

const r = streams('orders', ['lines', 'orderdate']);
const l = streams('lineitem', ['partkey', 'supplier', 'quantity', 'discount', 'tax', 'shipdate', 'commitdate', 'receiptdate']);

/** Position of line `line` (0-based) of the order at index `order` in the line-level streams. */
export function lineRow(order: number, line: number): number {
  return order * 8 + line;
}

/** Number of lines of an order: uniform in [1, 7]. */
export function lineCount(order: number): number {
  return r.lines.at(order).int(1, MAX_LINES_PER_ORDER);
}

/** O_ORDERDATE, days since the epoch: uniform in [1992-01-01, 1998-12-31 - 151 days]. */
export function orderDate(order: number): number {
  return r.orderdate.at(order).int(STARTDATE, LAST_ORDER_DATE);
}

/** The lines of one order, filled by `fill` (struct of arrays, reused between orders). */
export class OrderLines {
  count = 0;
  orderDate = 0;
  readonly partKey = new Float64Array(MAX_LINES_PER_ORDER);
  readonly suppKey = new Float64Array(MAX_LINES_PER_ORDER);
  /** Whole units (1..50). */
  readonly quantity = new Int32Array(MAX_LINES_PER_ORDER);
  /** Cents: quantity × P_RETAILPRICE of the part. */
  readonly extendedPrice = new Float64Array(MAX_LINES_PER_ORDER);
  /** Hundredths: 0..10 and 0..8. */
  readonly discount = new Int32Array(MAX_LINES_PER_ORDER);
  readonly tax = new Int32Array(MAX_LINES_PER_ORDER);
  readonly shipDate = new Int32Array(MAX_LINES_PER_ORDER);
  readonly commitDate = new Int32Array(MAX_LINES_PER_ORDER);
  readonly receiptDate = new Int32Array(MAX_LINES_PER_ORDER);

  private readonly parts: number;
  private readonly suppliers: number;

  constructor(sf: number) {
    this.parts = partCount(sf);
    this.suppliers = supplierCount(sf);
  }

  fill(order: number): this {
    const n = lineCount(order);
    const od = orderDate(order);
    this.count = n;
    this.orderDate = od;
    for (let i = 0; i < n; i++) {
      const row = lineRow(order, i);
      const pk = l.partkey.at(row).int(1, this.parts);
      const q = l.quantity.at(row).int(1, 50);
      const ship = od + l.shipdate.at(row).int(1, 121);
      this.partKey[i] = pk;
      this.suppKey[i] = supplierOfPart(pk, l.supplier.at(row).int(0, 3), this.suppliers);
      this.quantity[i] = q;
      this.extendedPrice[i] = q * retailPriceCents(pk);
      this.discount[i] = l.discount.at(row).int(0, 10);
      this.tax[i] = l.tax.at(row).int(0, 8);
      this.shipDate[i] = ship;
      this.commitDate[i] = od + l.commitdate.at(row).int(30, 90);
      this.receiptDate[i] = ship + l.receiptdate.at(row).int(1, 30);
    }
    return this;
  }

  /**
   * O_TOTALPRICE in cents: sum(L_EXTENDEDPRICE × (1 + L_TAX) × (1 - L_DISCOUNT)) computed
   * exactly (in 10^-6 units, well inside 2^53) and rounded half up to cents once. dbgen truncates
   * each line's term to cents before adding, so its totals can be a few cents lower.
   */
  totalPriceCents(): number {
    let sum = 0;
    for (let i = 0; i < this.count; i++) sum += this.extendedPrice[i]! * (100 + this.tax[i]!) * (100 - this.discount[i]!);
    return Math.floor((sum + 5_000) / 10_000);
  }

  /** L_LINESTATUS of line i: 'O' (1) when shipped after CURRENTDATE, else 'F' (0). */
  isOpen(i: number): boolean {
    return this.shipDate[i]! > CURRENTDATE;
  }

  /** O_ORDERSTATUS as an index into ['F', 'O', 'P']: all lines F, all lines O, or mixed. */
  orderStatus(): 0 | 1 | 2 {
    let open = 0;
    for (let i = 0; i < this.count; i++) if (this.isOpen(i)) open++;
    return open === 0 ? 0 : open === this.count ? 1 : 2;
  }
}
