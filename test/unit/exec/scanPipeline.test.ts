/**
 * The scan pipeline's sinks and the merger that follows each: a satisfied LIMIT stops the scan,
 * top-N keeps the best rows, collected rows come back whole, and merged partials of any split
 * equal one pass.
 */
import { describe, expect, it } from 'vitest';
import { PartialMerger, ScanPipeline } from '../../../src/exec/scanPipeline.ts';
import type { PartialSink, ScanStage } from '../../../src/plan/distribute.ts';
import { column, literal, type BoundExpr } from '../../../src/plan/expr.ts';
import { BOOLEAN, INTEGER, type SqlType } from '../../../src/types/sqlType.ts';
import { vectorFromValues, vectorValues, type Batch } from '../../../src/types/vector.ts';

const x = column(0, INTEGER, 'x');
const even: BoundExpr = { kind: 'call', name: '$eq', args: [{ kind: 'call', name: '$modulo', args: [x, literal(2, INTEGER)], type: INTEGER }, literal(0, INTEGER)], type: BOOLEAN };

function stage(sink: PartialSink, partialTypes: SqlType[] = [INTEGER]): ScanStage {
  return {
    table: { catalog: 'c', schema: 's', table: 't' },
    columns: [{ name: 'x', type: INTEGER, partition: false }],
    filter: even,
    steps: [],
    sink,
    partialTypes,
  };
}

const batches = (n: number, size: number): Batch[] =>
  Array.from({ length: n }, (_b, b) => ({ length: size, columns: [vectorFromValues(INTEGER, Array.from({ length: size }, (_x, i) => b * size + i))] }));

describe('ScanPipeline', () => {
  it('a LIMIT sink is satisfied after enough rows and keeps exactly that many', () => {
    const p = new ScanPipeline(stage({ kind: 'Limit', count: 5 }));
    let pushed = 0;
    for (const b of batches(10, 4)) {
      if (p.satisfied) break;
      p.push(b);
      pushed++;
    }
    expect(pushed).toBe(3); // 2 even rows per batch: 5 rows need the third batch
    expect(p.finish().length).toBe(5);
  });

  it('a TopN sink keeps the best rows across batches', () => {
    const keys = [{ expr: x, ascending: false, nullsFirst: false }];
    const p = new ScanPipeline(stage({ kind: 'TopN', keys, count: 3 }));
    for (const b of batches(50, 100)) p.push(b);
    expect(vectorValues(p.finish().columns[0]!)).toEqual([4998, 4996, 4994]);
    expect(p.rowsIn).toBe(5000);
    expect(p.rowsOut).toBe(2500);
  });

  it('a Collect sink returns every row that passed, in order', () => {
    const p = new ScanPipeline(stage({ kind: 'Collect' }));
    for (const b of batches(3, 4)) p.push(b);
    expect(vectorValues(p.finish().columns[0]!)).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('an empty scan gives an empty partial of the right width', () => {
    const p = new ScanPipeline(stage({ kind: 'Collect' }));
    const out = p.finish();
    expect(out.length).toBe(0);
  });
});

describe('PartialMerger', () => {
  it.each<[string, PartialSink]>([
    ['TopN', { kind: 'TopN', keys: [{ expr: x, ascending: true, nullsFirst: false }], count: 4 }],
    ['Limit', { kind: 'Limit', count: 7 }],
    ['Collect', { kind: 'Collect' }],
  ])('%s partials merged in two levels equal one scan over everything', (_name, sink) => {
    const all = batches(12, 10);
    const single = new ScanPipeline(stage(sink));
    for (const b of all) single.push(b);
    const one = single.finish();

    const partials = [all.slice(0, 5), all.slice(5, 6), all.slice(6)].map((part) => {
      const p = new ScanPipeline(stage(sink));
      for (const b of part) p.push(b);
      return p.finish();
    });
    const level1 = new PartialMerger(stage(sink));
    level1.add(partials[0]!);
    level1.add(partials[1]!);
    const final = new PartialMerger(stage(sink));
    final.add(level1.finish());
    final.add(partials[2]!);
    const merged = final.finish();
    expect(merged.length).toBe(one.length);
    if (sink.kind === 'Limit') expect(merged.length).toBe(7);
    else expect(vectorValues(merged.columns[0]!)).toEqual(vectorValues(one.columns[0]!));
  });
});
