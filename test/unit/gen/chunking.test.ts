import { createHash } from 'node:crypto';
import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { TPCH_TABLES, tableGenerator, tpchRowCount } from '../../../src/gen/tpch/index.ts';
import { lineitemRows } from '../../../src/gen/tpch/lineitem.ts';

const SF = 0.01;

/** A digest of every column's values (deep-comparing arrays of 10^5 values is slow in vitest). */
function columns(batches: arrow.RecordBatch[]): Record<string, string> {
  const table = new arrow.Table(batches);
  return Object.fromEntries(
    table.schema.fields.map((f) => {
      const values: unknown = table.getChild(f.name)!.toArray();
      const hash = createHash('sha256');
      if (ArrayBuffer.isView(values)) hash.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
      else hash.update(JSON.stringify(values));
      return [f.name, `${table.numRows}:${hash.digest('hex')}`];
    }),
  );
}

describe('tpch chunking', () => {
  it.each(TPCH_TABLES.map((t) => [t]))('%s: any split into ranges and batch sizes gives the same values', (name) => {
    const gen = tableGenerator(name);
    // Lineitem is the slowest: a prefix of its orders is enough to cross batch and range edges.
    const units = name === 'lineitem' ? 2_000 : gen.units(SF);
    const whole = [...gen.batches(SF, 0, units, 1_000_000)];
    const cuts = [0, Math.floor(units / 3), Math.floor(units / 3) + 1, units];
    const pieces = cuts.slice(1).flatMap((end, i) => [...gen.batches(SF, cuts[i]!, end, 997)]);
    expect(pieces.length).toBeGreaterThan(1);
    expect(columns(pieces)).toEqual(columns(whole));
  });

  it('cuts batches at exactly maxRows rows', () => {
    const batches = [...tableGenerator('lineitem').batches(SF, 0, 1_000, 500)];
    expect(batches.slice(0, -1).every((b) => b.numRows === 500)).toBe(true);
    expect(batches.reduce((n, b) => n + b.numRows, 0)).toBe(lineitemRows(0, 1_000));
  });

  it('generates every row of every table', () => {
    for (const name of TPCH_TABLES.filter((t) => t !== 'lineitem')) {
      const gen = tableGenerator(name);
      const rows = [...gen.batches(SF, 0, gen.units(SF), 4_096)].reduce((n, b) => n + b.numRows, 0);
      expect(rows, name).toBe(tpchRowCount(name, SF));
    }
  });
});
