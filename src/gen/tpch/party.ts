/**
 * The columns CUSTOMER and SUPPLIER share (clause 4.2.3): key, name "<Kind>#<key, 9 digits>",
 * address, nation key, phone (its country code from the nation) and account balance.
 */
import { DecimalColumn, Int64Column, Utf8Column, type ColumnBuilder } from './columns.ts';
import type { RowRandom } from './random.ts';
import { phone, vstring } from './text.ts';

export type PartyStreams = Readonly<Record<'address' | 'nationkey' | 'phone' | 'acctbal', RowRandom>>;

export class PartyColumns {
  private readonly key: Int64Column;
  private readonly name: Utf8Column;
  private readonly address: Utf8Column;
  private readonly nationKey: Int64Column;
  private readonly phone: Utf8Column;
  private readonly acctbal: DecimalColumn;

  constructor(
    rows: number,
    private readonly kind: 'Customer' | 'Supplier',
    private readonly r: PartyStreams,
  ) {
    this.key = new Int64Column(rows);
    this.name = new Utf8Column(rows, 18);
    this.address = new Utf8Column(rows, 25);
    this.nationKey = new Int64Column(rows);
    this.phone = new Utf8Column(rows, 15);
    this.acctbal = new DecimalColumn(rows);
  }

  /** Row `row` (0-based; its key is row + 1). */
  push(row: number): void {
    const k = row + 1;
    this.key.push(k);
    this.name.ascii(`${this.kind}#`);
    this.name.zeroPadded(k, 9);
    this.name.end();
    vstring(this.address, this.r.address.at(row), 10, 40);
    const nk = this.r.nationkey.at(row).int(0, 24);
    this.nationKey.push(nk);
    phone(this.phone, this.r.phone.at(row), nk);
    this.acctbal.push(this.r.acctbal.at(row).int(-99_999, 999_999));
  }

  /** In table order: key, name, address, nation key, phone, account balance. */
  columns(): ColumnBuilder[] {
    return [this.key, this.name, this.address, this.nationKey, this.phone, this.acctbal];
  }
}
