import { describe, expect, it } from 'vitest';
import { tpchRowCount, tpchRowCounts } from '../../../src/gen/tpch/index.ts';
import {
  LAST_ORDER_DATE,
  checkScaleFactor,
  orderKey,
  retailPriceCents,
  supplierCount,
  supplierOfPart,
} from '../../../src/gen/tpch/scale.ts';
import { formatDate } from '../../../src/types/datetime.ts';

describe('tpch scale', () => {
  it('scales the base cardinalities', () => {
    expect(tpchRowCounts(0.01)).toMatchObject({
      region: 5,
      nation: 25,
      supplier: 100,
      customer: 1_500,
      part: 2_000,
      partsupp: 8_000,
      orders: 15_000,
    });
    expect(tpchRowCount('supplier', 1)).toBe(10_000);
    expect(tpchRowCount('customer', 1)).toBe(150_000);
    expect(tpchRowCount('part', 1)).toBe(200_000);
    expect(tpchRowCount('partsupp', 1)).toBe(800_000);
    expect(tpchRowCount('orders', 1)).toBe(1_500_000);
  });

  it('has 1 to 7 lines per order, about 6,000,000 at SF1', () => {
    const lines = tpchRowCount('lineitem', 1);
    expect(Math.abs(lines - 6_000_000)).toBeLessThan(10_000);
  });

  it('uses the first 8 of every 32 order keys', () => {
    expect([0, 1, 6, 7, 8, 14, 15].map(orderKey)).toEqual([1, 2, 7, 32, 33, 39, 64]);
    expect(orderKey(1_500_000 - 1)).toBe(6_000_000);
  });

  it('prices parts by the spec formula', () => {
    expect(retailPriceCents(1)).toBe(90_100);
    expect(retailPriceCents(1_000)).toBe(90_100);
    expect(retailPriceCents(199_999)).toBe(90_000 + 19_999 + 99_900);
  });

  it('gives each part four distinct suppliers', () => {
    for (const sf of [0.01, 0.1, 1]) {
      const s = supplierCount(sf);
      for (let pk = 1; pk <= 2_000; pk += 7) {
        const supp = new Set([0, 1, 2, 3].map((i) => supplierOfPart(pk, i, s)));
        expect(supp.size).toBe(4);
        for (const k of supp) expect(k >= 1 && k <= s).toBe(true);
      }
    }
  });

  it('ends order dates 151 days before 1998-12-31', () => {
    expect(formatDate(LAST_ORDER_DATE)).toBe('1998-08-02');
  });

  it('rejects impossible scale factors', () => {
    for (const sf of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => checkScaleFactor(sf)).toThrow(/scale factor/);
  });
});
