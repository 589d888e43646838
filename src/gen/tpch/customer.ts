/** CUSTOMER: SF × 150,000 rows (clause 4.2.3). */
import { DecimalColumn, DictColumn, Int64Column, Utf8Column, dictionaryOf, plainColumnsOf, schemaOf, toBatch, type ColumnDef } from './columns.ts';
import { SEGMENTS } from './distributions.ts';
import { streams } from './random.ts';
import { customerCount } from './scale.ts';
import { rowTable, type TableGenerator } from './table.ts';
import { comment, phone, vstring } from './text.ts';

const COLUMNS: readonly ColumnDef[] = [
  ['c_custkey', 'bigint', 'plain'],
  ['c_name', 'varchar', 'plain'],
  ['c_address', 'varchar', 'plain'],
  ['c_nationkey', 'bigint'],
  ['c_phone', 'varchar', 'plain'],
  ['c_acctbal', 'decimal', 'plain'],
  ['c_mktsegment', 'dict'],
  ['c_comment', 'varchar', 'plain'],
];
const schema = schemaOf(COLUMNS);

const segments = dictionaryOf(SEGMENTS);
const r = streams('customer', ['address', 'nationkey', 'phone', 'acctbal', 'mktsegment', 'comment']);

export const customer: TableGenerator = rowTable('customer', schema, plainColumnsOf(COLUMNS), customerCount, (_sf, start, end) => {
  const n = end - start;
  const key = new Int64Column(n);
  const name = new Utf8Column(n, 18);
  const address = new Utf8Column(n, 25);
  const nationKey = new Int64Column(n);
  const phoneCol = new Utf8Column(n, 15);
  const acctbal = new DecimalColumn(n);
  const segment = new DictColumn(n, segments);
  const text = new Utf8Column(n, 73);
  for (let row = start; row < end; row++) {
    const k = row + 1;
    key.push(k);
    name.ascii('Customer#');
    name.zeroPadded(k, 9);
    name.end();
    vstring(address, r.address.at(row), 10, 40);
    const nk = r.nationkey.at(row).int(0, 24);
    nationKey.push(nk);
    phone(phoneCol, r.phone.at(row), nk);
    acctbal.push(r.acctbal.at(row).int(-99_999, 999_999));
    segment.push(r.mktsegment.at(row).int(0, SEGMENTS.length - 1));
    comment(text, r.comment.at(row), 29, 116);
  }
  return toBatch(schema, [key, name, address, nationKey, phoneCol, acctbal, segment, text]);
});
