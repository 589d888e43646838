/**
 * LINEITEM: 1 to 7 lines per order, about SF × 6,000,000 rows (clause 4.2.3). Its unit is the
 * order; batches are cut at exactly `maxRows` rows, so an order's lines may straddle two batches.
 */
import type * as arrow from 'apache-arrow';
import { DateColumn, DecimalColumn, DictColumn, Int32Column, Int64Column, Utf8Column, dictionaryOf, plainColumnsOf, schemaOf, toBatch, type ColumnDef } from './columns.ts';
import { INSTRUCTIONS, LINE_STATUS, MODES, RETURN_FLAGS } from './distributions.ts';
import { OrderLines, lineCount, lineRow } from './orderModel.ts';
import { streams } from './random.ts';
import { CURRENTDATE, orderCount, orderKey } from './scale.ts';
import type { TableGenerator } from './table.ts';
import { comment } from './text.ts';

const COLUMNS: readonly ColumnDef[] = [
  ['l_orderkey', 'bigint', 'plain'],
  ['l_partkey', 'bigint', 'plain'],
  ['l_suppkey', 'bigint'],
  ['l_linenumber', 'integer'],
  ['l_quantity', 'decimal'],
  ['l_extendedprice', 'decimal', 'plain'],
  ['l_discount', 'decimal'],
  ['l_tax', 'decimal'],
  ['l_returnflag', 'dict'],
  ['l_linestatus', 'dict'],
  ['l_shipdate', 'date'],
  ['l_commitdate', 'date'],
  ['l_receiptdate', 'date'],
  ['l_shipinstruct', 'dict'],
  ['l_shipmode', 'dict'],
  ['l_comment', 'varchar', 'plain'],
];
const schema = schemaOf(COLUMNS);

const returnFlags = dictionaryOf(RETURN_FLAGS);
const lineStatuses = dictionaryOf(LINE_STATUS);
const instructions = dictionaryOf(INSTRUCTIONS);
const modes = dictionaryOf(MODES);
const r = streams('lineitem', ['returnflag', 'shipinstruct', 'shipmode', 'comment']);

const FLAG_A = RETURN_FLAGS.indexOf('A');
const FLAG_N = RETURN_FLAGS.indexOf('N');
const FLAG_R = RETURN_FLAGS.indexOf('R');

/** Column builders for one batch, in schema order. */
class LineBatch {
  readonly orderKey: Int64Column;
  readonly partKey: Int64Column;
  readonly suppKey: Int64Column;
  readonly lineNumber: Int32Column;
  readonly quantity: DecimalColumn;
  readonly extendedPrice: DecimalColumn;
  readonly discount: DecimalColumn;
  readonly tax: DecimalColumn;
  readonly returnFlag: DictColumn;
  readonly lineStatus: DictColumn;
  readonly shipDate: DateColumn;
  readonly commitDate: DateColumn;
  readonly receiptDate: DateColumn;
  readonly shipInstruct: DictColumn;
  readonly shipMode: DictColumn;
  readonly comment: Utf8Column;

  constructor(n: number) {
    this.orderKey = new Int64Column(n);
    this.partKey = new Int64Column(n);
    this.suppKey = new Int64Column(n);
    this.lineNumber = new Int32Column(n);
    this.quantity = new DecimalColumn(n);
    this.extendedPrice = new DecimalColumn(n);
    this.discount = new DecimalColumn(n);
    this.tax = new DecimalColumn(n);
    this.returnFlag = new DictColumn(n, returnFlags);
    this.lineStatus = new DictColumn(n, lineStatuses);
    this.shipDate = new DateColumn(n);
    this.commitDate = new DateColumn(n);
    this.receiptDate = new DateColumn(n);
    this.shipInstruct = new DictColumn(n, instructions);
    this.shipMode = new DictColumn(n, modes);
    this.comment = new Utf8Column(n, 27);
  }

  get length(): number {
    return this.orderKey.length;
  }

  push(order: number, lines: OrderLines, i: number): void {
    const row = lineRow(order, i);
    this.orderKey.push(orderKey(order));
    this.partKey.push(lines.partKey[i]!);
    this.suppKey.push(lines.suppKey[i]!);
    this.lineNumber.push(i + 1);
    this.quantity.push(lines.quantity[i]! * 100);
    this.extendedPrice.push(lines.extendedPrice[i]!);
    this.discount.push(lines.discount[i]!);
    this.tax.push(lines.tax[i]!);
    // Returned or accepted only once received by CURRENTDATE; otherwise not yet returnable.
    const received = lines.receiptDate[i]! <= CURRENTDATE;
    this.returnFlag.push(received ? (r.returnflag.at(row).int(0, 1) === 0 ? FLAG_R : FLAG_A) : FLAG_N);
    this.lineStatus.push(lines.isOpen(i) ? 1 : 0);
    this.shipDate.push(lines.shipDate[i]!);
    this.commitDate.push(lines.commitDate[i]!);
    this.receiptDate.push(lines.receiptDate[i]!);
    this.shipInstruct.push(r.shipinstruct.at(row).int(0, INSTRUCTIONS.length - 1));
    this.shipMode.push(r.shipmode.at(row).int(0, MODES.length - 1));
    comment(this.comment, r.comment.at(row), 10, 43);
  }

  toBatch(): arrow.RecordBatch {
    return toBatch(schema, [
      this.orderKey, this.partKey, this.suppKey, this.lineNumber, this.quantity, this.extendedPrice,
      this.discount, this.tax, this.returnFlag, this.lineStatus, this.shipDate, this.commitDate,
      this.receiptDate, this.shipInstruct, this.shipMode, this.comment,
    ]);
  }
}

/** Exact LINEITEM rows for orders [start, end): one cheap draw per order. */
export function lineitemRows(start: number, end: number): number {
  let rows = 0;
  for (let o = start; o < end; o++) rows += lineCount(o);
  return rows;
}

export const lineitem: TableGenerator = {
  name: 'lineitem',
  schema,
  plainColumns: plainColumnsOf(COLUMNS),
  units: orderCount,
  rowsPerUnit: 4,
  *batches(sf, start, end, maxRows) {
    const lines = new OrderLines(sf);
    let batch = new LineBatch(maxRows);
    for (let order = start; order < end; order++) {
      lines.fill(order);
      for (let i = 0; i < lines.count; i++) {
        batch.push(order, lines, i);
        if (batch.length === maxRows) {
          yield batch.toBatch();
          batch = new LineBatch(maxRows);
        }
      }
    }
    if (batch.length > 0) yield batch.toBatch();
  },
};
