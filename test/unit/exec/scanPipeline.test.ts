/**
 * The scan pipeline feeding a sink: a satisfied LIMIT stops the scan, top-N keeps the best rows,
 * collected rows come back whole and in order.
 */
import { describe, expect, it } from 'vitest';
import { unlimitedMemory } from '../../../src/exec/memory.ts';
import { ScanPipeline } from '../../../src/exec/scanPipeline.ts';
import { CollectSink, type RowSink } from '../../../src/exec/sinks.ts';
import { TopNBuffer } from '../../../src/exec/sort.ts';
import { column, literal, type BoundExpr } from '../../../src/plan/expr.ts';
import { BOOLEAN, INTEGER } from '../../../src/types/sqlType.ts';
import { vectorFromValues, vectorValues, type Batch } from '../../../src/types/vector.ts';

const x = column(0, INTEGER, 'x');
const even: BoundExpr = { kind: 'call', name: '$eq', args: [{ kind: 'call', name: '$modulo', args: [x, literal(2, INTEGER)], type: INTEGER }, literal(0, INTEGER)], type: BOOLEAN };

type Finishing = RowSink & { finish(): Batch };

function collect(cap: number | null): Finishing {
  return new CollectSink(1, cap, unlimitedMemory(), 'test');
}

function topN(keys: ConstructorParameters<typeof TopNBuffer>[0], count: number): Finishing {
  const buffer = new TopNBuffer(keys, count, 1);
  return { satisfied: false, add: (b, s) => buffer.add(b, s), finish: () => buffer.result() };
}

/** A pipeline over the even rows of x, into `sink`; `finish` gives the sink's rows. */
function pipeline(sink: Finishing): ScanPipeline & { finish(): Batch } {
  return Object.assign(new ScanPipeline(even, [], sink), { finish: () => sink.finish() });
}

const batches = (n: number, size: number): Batch[] =>
  Array.from({ length: n }, (_b, b) => ({ length: size, columns: [vectorFromValues(INTEGER, Array.from({ length: size }, (_x, i) => b * size + i))] }));

describe('ScanPipeline', () => {
  it('a LIMIT sink is satisfied after enough rows and keeps exactly that many', () => {
    const p = pipeline(collect(5));
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
    const p = pipeline(topN(keys, 3));
    for (const b of batches(50, 100)) p.push(b);
    expect(vectorValues(p.finish().columns[0]!)).toEqual([4998, 4996, 4994]);
    expect(p.rowsIn).toBe(5000);
    expect(p.rowsOut).toBe(2500);
  });

  it('a Collect sink returns every row that passed, in order', () => {
    const p = pipeline(collect(null));
    for (const b of batches(3, 4)) p.push(b);
    expect(vectorValues(p.finish().columns[0]!)).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('an empty scan gives an empty partial of the right width', () => {
    const p = pipeline(collect(null));
    const out = p.finish();
    expect(out.length).toBe(0);
  });
});

