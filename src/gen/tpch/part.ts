/** PART: SF × 200,000 rows (clause 4.2.3). */
import { DecimalColumn, DictColumn, Int32Column, Int64Column, Utf8Column, dictionaryOf, plainColumnsOf, schemaOf, toBatch, type ColumnDef } from './columns.ts';
import { BRANDS, COLORS, CONTAINERS, MFGRS, TYPES } from './distributions.ts';
import { streams } from './random.ts';
import { partCount, retailPriceCents } from './scale.ts';
import { rowTable, type TableGenerator } from './table.ts';
import { comment } from './text.ts';

const COLUMNS: readonly ColumnDef[] = [
  ['p_partkey', 'bigint', 'plain'],
  ['p_name', 'varchar', 'plain'],
  ['p_mfgr', 'dict'],
  ['p_brand', 'dict'],
  ['p_type', 'dict'],
  ['p_size', 'integer'],
  ['p_container', 'dict'],
  ['p_retailprice', 'decimal', 'plain'],
  ['p_comment', 'varchar', 'plain'],
];
const schema = schemaOf(COLUMNS);

// Types and containers are uniform over all syllable combinations, so drawing an index into the
// sorted list is the same distribution as drawing each syllable.
const sortedTypes = [...TYPES].sort();
const sortedContainers = [...CONTAINERS].sort();
const mfgrs = dictionaryOf(MFGRS);
const brands = dictionaryOf(BRANDS);
const types = dictionaryOf(sortedTypes);
const containers = dictionaryOf(sortedContainers);

const r = streams('part', ['name', 'mfgr', 'brand', 'type', 'size', 'container', 'comment']);
const NAME_WORDS = 5;

export const part: TableGenerator = rowTable('part', schema, plainColumnsOf(COLUMNS), partCount, (_sf, start, end) => {
  const n = end - start;
  const key = new Int64Column(n);
  const name = new Utf8Column(n, 35);
  const mfgr = new DictColumn(n, mfgrs);
  const brand = new DictColumn(n, brands);
  const type = new DictColumn(n, types);
  const size = new Int32Column(n);
  const container = new DictColumn(n, containers);
  const price = new DecimalColumn(n);
  const text = new Utf8Column(n, 14);
  const picked = new Int32Array(NAME_WORDS);
  for (let row = start; row < end; row++) {
    const k = row + 1;
    key.push(k);
    // Five distinct colours: redraw a repeat (a handful of extra draws, still a pure function of the row).
    const rn = r.name.at(row);
    for (let w = 0; w < NAME_WORDS; w++) {
      let c = rn.int(0, COLORS.length - 1);
      while (seen(picked, w, c)) c = rn.int(0, COLORS.length - 1);
      picked[w] = c;
      if (w > 0) name.byte(32);
      name.ascii(COLORS[c]!);
    }
    name.end();
    const m = r.mfgr.at(row).int(0, 4);
    mfgr.push(m);
    brand.push(5 * m + r.brand.at(row).int(0, 4));
    type.push(r.type.at(row).int(0, sortedTypes.length - 1));
    size.push(r.size.at(row).int(1, 50));
    container.push(r.container.at(row).int(0, sortedContainers.length - 1));
    price.push(retailPriceCents(k));
    comment(text, r.comment.at(row), 5, 22);
  }
  return toBatch(schema, [key, name, mfgr, brand, type, size, container, price, text]);
});

function seen(picked: Int32Array, count: number, c: number): boolean {
  for (let i = 0; i < count; i++) if (picked[i] === c) return true;
  return false;
}
