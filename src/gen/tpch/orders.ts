/** ORDERS: SF × 1,500,000 rows with sparse keys (clause 4.2.3). */
import { DateColumn, DecimalColumn, DictColumn, Int32Column, Int64Column, Utf8Column, dictionaryOf, plainColumnsOf, schemaOf, toBatch, type ColumnDef } from './columns.ts';
import { ORDER_STATUS, PRIORITIES } from './distributions.ts';
import { OrderLines } from './orderModel.ts';
import { streams } from './random.ts';
import { clerkCount, customerCount, orderCount, orderKey } from './scale.ts';
import { rowTable, type TableGenerator } from './table.ts';
import { comment } from './text.ts';

const COLUMNS: readonly ColumnDef[] = [
  ['o_orderkey', 'bigint', 'plain'],
  ['o_custkey', 'bigint', 'plain'],
  ['o_orderstatus', 'dict'],
  ['o_totalprice', 'decimal', 'plain'],
  ['o_orderdate', 'date'],
  ['o_orderpriority', 'dict'],
  ['o_clerk', 'varchar'],
  ['o_shippriority', 'integer'],
  ['o_comment', 'varchar', 'plain'],
];
const schema = schemaOf(COLUMNS);

const statuses = dictionaryOf(ORDER_STATUS);
const priorities = dictionaryOf(PRIORITIES);
const r = streams('orders', ['custkey', 'orderpriority', 'clerk', 'comment']);

/**
 * O_CUSTKEY: uniform over the customer keys that are not multiples of 3 (the spec leaves a
 * third of customers without orders). The r-th such key is 3 × (r / 2) + 1 + r mod 2.
 * dbgen draws over all keys and steps off multiples of 3, which is close to but not exactly uniform.
 */
export function orderCustomer(order: number, customers: number): number {
  const eligible = customers - Math.floor(customers / 3);
  const k = r.custkey.at(order).int(0, eligible - 1);
  return 3 * Math.floor(k / 2) + 1 + (k % 2);
}

export const orders: TableGenerator = rowTable('orders', schema, plainColumnsOf(COLUMNS), orderCount, (sf, start, end) => {
  const n = end - start;
  const customers = customerCount(sf);
  const clerks = clerkCount(sf);
  const lines = new OrderLines(sf);
  const key = new Int64Column(n);
  const custKey = new Int64Column(n);
  const status = new DictColumn(n, statuses);
  const total = new DecimalColumn(n);
  const date = new DateColumn(n);
  const priority = new DictColumn(n, priorities);
  const clerk = new Utf8Column(n, 15);
  const shipPriority = new Int32Column(n);
  const text = new Utf8Column(n, 49);
  for (let row = start; row < end; row++) {
    lines.fill(row);
    key.push(orderKey(row));
    custKey.push(orderCustomer(row, customers));
    status.push(lines.orderStatus());
    total.push(lines.totalPriceCents());
    date.push(lines.orderDate);
    priority.push(r.orderpriority.at(row).int(0, PRIORITIES.length - 1));
    clerk.ascii('Clerk#');
    clerk.zeroPadded(r.clerk.at(row).int(1, clerks), 9);
    clerk.end();
    shipPriority.push(0);
    comment(text, r.comment.at(row), 19, 78);
  }
  return toBatch(schema, [key, custKey, status, total, date, priority, clerk, shipPriority, text]);
});
