/**
 * PARTSUPP: four rows per part (SF × 800,000), row r is supplier r mod 4 of part r / 4 + 1, so
 * each chunk of rows stands alone (clause 4.2.3).
 */
import { DecimalColumn, Int32Column, Int64Column, Utf8Column, plainColumnsOf, schemaOf, toBatch, type ColumnDef } from './columns.ts';
import { streams } from './random.ts';
import { partsuppCount, supplierCount, supplierOfPart } from './scale.ts';
import { rowTable, type TableGenerator } from './table.ts';
import { comment } from './text.ts';

const COLUMNS: readonly ColumnDef[] = [
  ['ps_partkey', 'bigint', 'plain'],
  ['ps_suppkey', 'bigint', 'plain'],
  ['ps_availqty', 'integer'],
  ['ps_supplycost', 'decimal', 'plain'],
  ['ps_comment', 'varchar', 'plain'],
];
const schema = schemaOf(COLUMNS);

const r = streams('partsupp', ['availqty', 'supplycost', 'comment']);

export const partsupp: TableGenerator = rowTable('partsupp', schema, plainColumnsOf(COLUMNS), partsuppCount, (sf, start, end) => {
  const n = end - start;
  const suppliers = supplierCount(sf);
  const partKey = new Int64Column(n);
  const suppKey = new Int64Column(n);
  const availQty = new Int32Column(n);
  const cost = new DecimalColumn(n);
  const text = new Utf8Column(n, 124);
  for (let row = start; row < end; row++) {
    const pk = Math.floor(row / 4) + 1;
    partKey.push(pk);
    suppKey.push(supplierOfPart(pk, row % 4, suppliers));
    availQty.push(r.availqty.at(row).int(1, 9_999));
    cost.push(r.supplycost.at(row).int(100, 100_000));
    comment(text, r.comment.at(row), 49, 198);
  }
  return toBatch(schema, [partKey, suppKey, availQty, cost, text]);
});
