/** NATION: the 25 fixed nations and their regions, with generated comments of [31, 114] characters. */
import { DictColumn, Int64Column, Utf8Column, dictionaryOf, plainColumnsOf, schemaOf, toBatch, type ColumnDef } from './columns.ts';
import { NATIONS } from './distributions.ts';
import { RowRandom, seedOf } from './random.ts';
import { rowTable, type TableGenerator } from './table.ts';
import { comment } from './text.ts';

const COLUMNS: readonly ColumnDef[] = [
  ['n_nationkey', 'bigint'],
  ['n_name', 'dict'],
  ['n_regionkey', 'bigint'],
  ['n_comment', 'varchar', 'plain'],
];
const schema = schemaOf(COLUMNS);

const sortedNames = NATIONS.map(([n]) => n).sort();
const names = dictionaryOf(sortedNames);
const nameIndex = NATIONS.map(([n]) => sortedNames.indexOf(n));
const commentRandom = new RowRandom(seedOf('nation.n_comment'));

export const nation: TableGenerator = rowTable('nation', schema, plainColumnsOf(COLUMNS), () => NATIONS.length, (_sf, start, end) => {
  const n = end - start;
  const key = new Int64Column(n);
  const name = new DictColumn(n, names);
  const regionKey = new Int64Column(n);
  const text = new Utf8Column(n, 73);
  for (let row = start; row < end; row++) {
    key.push(row);
    name.push(nameIndex[row]!);
    regionKey.push(NATIONS[row]![1]);
    comment(text, commentRandom.at(row), 31, 114);
  }
  return toBatch(schema, [key, name, regionKey, text]);
});
