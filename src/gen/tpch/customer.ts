/** CUSTOMER: SF × 150,000 rows (clause 4.2.3). */
import { DictColumn, Utf8Column, dictionaryOf, plainColumnsOf, schemaOf, toBatch, type ColumnDef } from './columns.ts';
import { SEGMENTS } from './distributions.ts';
import { streams } from './random.ts';
import { customerCount } from './scale.ts';
import { PartyColumns } from './party.ts';
import { rowTable, type TableGenerator } from './table.ts';
import { comment } from './text.ts';

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
  const party = new PartyColumns(n, 'Customer', r);
  const segment = new DictColumn(n, segments);
  const text = new Utf8Column(n, 73);
  for (let row = start; row < end; row++) {
    party.push(row);
    segment.push(r.mktsegment.at(row).int(0, SEGMENTS.length - 1));
    comment(text, r.comment.at(row), 29, 116);
  }
  return toBatch(schema, [...party.columns(), segment, text]);
});
