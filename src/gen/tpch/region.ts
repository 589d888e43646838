/** REGION: the five fixed regions, keys 0..4, with generated comments of [31, 115] characters. */
import { DictColumn, Int64Column, Utf8Column, dictionaryOf, plainColumnsOf, schemaOf, toBatch, type ColumnDef } from './columns.ts';
import { REGIONS } from './distributions.ts';
import { RowRandom, seedOf } from './random.ts';
import { rowTable, type TableGenerator } from './table.ts';
import { comment } from './text.ts';

const COLUMNS: readonly ColumnDef[] = [
  ['r_regionkey', 'bigint'],
  ['r_name', 'dict'],
  ['r_comment', 'varchar', 'plain'],
];
const schema = schemaOf(COLUMNS);

const names = dictionaryOf(REGIONS);
const commentRandom = new RowRandom(seedOf('region.r_comment'));

export const region: TableGenerator = rowTable('region', schema, plainColumnsOf(COLUMNS), () => REGIONS.length, (_sf, start, end) => {
  const n = end - start;
  const key = new Int64Column(n);
  const name = new DictColumn(n, names);
  const text = new Utf8Column(n, 73);
  for (let row = start; row < end; row++) {
    key.push(row);
    name.push(row);
    comment(text, commentRandom.at(row), 31, 115);
  }
  return toBatch(schema, [key, name, text]);
});
