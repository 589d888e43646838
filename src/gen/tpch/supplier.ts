/**
 * SUPPLIER: SF × 10,000 rows. S_COMMENT of SF × 5 rows hides "Customer … Complaints" and of
 * another SF × 5 rows "Customer … Recommends" (clause 4.2.3, used by Q16).
 */
import { Utf8Column, plainColumnsOf, schemaOf, toBatch, type ColumnDef } from './columns.ts';
import { hash32, seedOf, streams } from './random.ts';
import { supplierCount } from './scale.ts';
import { PartyColumns } from './party.ts';
import { rowTable, type TableGenerator } from './table.ts';
import { comment } from './text.ts';

const COLUMNS: readonly ColumnDef[] = [
  ['s_suppkey', 'bigint', 'plain'],
  ['s_name', 'varchar', 'plain'],
  ['s_address', 'varchar', 'plain'],
  ['s_nationkey', 'bigint'],
  ['s_phone', 'varchar', 'plain'],
  ['s_acctbal', 'decimal', 'plain'],
  ['s_comment', 'varchar', 'plain'],
];
const schema = schemaOf(COLUMNS);

const r = streams('supplier', ['address', 'nationkey', 'phone', 'acctbal', 'comment', 'bbb']);

const BASE = 'Customer ';
const KINDS = ['Complaints', 'Recommends'] as const;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * Which suppliers get a Better Business Bureau comment: exactly SF × 5 of each kind (at least one
 * each), picked by a fixed permutation j = (a × row + b) mod S so any row can tell on its own.
 * dbgen instead flags each row with probability 10 in 10,000, so its counts only average SF × 5.
 */
export function bbbSelection(sf: number): (row: number) => 0 | 1 | null {
  const s = supplierCount(sf);
  const perKind = Math.min(Math.floor(s / 2), Math.max(1, Math.round(sf * 5)));
  let a = (1 << 20) + (hash32(seedOf('supplier.bbb.a')) & 0xfffff);
  while (gcd(a, s) !== 1) a++;
  const b = hash32(seedOf('supplier.bbb.b')) % s;
  return (row) => {
    const j = (a * row + b) % s;
    return j < perKind ? 0 : j < 2 * perKind ? 1 : null;
  };
}

export const supplier: TableGenerator = rowTable('supplier', schema, plainColumnsOf(COLUMNS), supplierCount, (sf, start, end) => {
  const n = end - start;
  const party = new PartyColumns(n, 'Supplier', r);
  const text = new Utf8Column(n, 63);
  const bbb = bbbSelection(sf);
  for (let row = start; row < end; row++) {
    party.push(row);
    const valueStart = text.position;
    comment(text, r.comment.at(row), 25, 100);
    const kind = bbb(row);
    if (kind !== null) {
      const len = text.position - valueStart;
      const rb = r.bbb.at(row);
      const noise = rb.int(0, len - BASE.length - 10);
      const offset = valueStart + rb.int(0, len - BASE.length - 10 - noise);
      writeAt(text.bytes, offset, BASE);
      writeAt(text.bytes, offset + BASE.length + noise, KINDS[kind]);
    }
  }
  return toBatch(schema, [...party.columns(), text]);
});

function writeAt(bytes: Uint8Array, at: number, s: string): void {
  for (let i = 0; i < s.length; i++) bytes[at + i] = s.charCodeAt(i);
}
