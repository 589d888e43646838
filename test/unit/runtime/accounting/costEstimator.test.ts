/** The planner's cost estimate: hand-derived quantities for a known plan shape, and how it moves. */
import { describe, expect, it } from 'vitest';
import type { Fragment } from '../../../../src/catalog/fragments.ts';
import { DEFAULT_ESTIMATE_MODEL, estimateCost, estimateUsage, type PlanShape } from '../../../../src/runtime/accounting/costEstimator.ts';
import { planShape } from '../../../../src/runtime/accounting/planShape.ts';
import { literal } from '../../../../src/plan/expr.ts';
import type { LogicalPlan, RemoteSourceNode } from '../../../../src/plan/logical.ts';
import type { Stage, StagedPlan } from '../../../../src/plan/stages.ts';
import { BIGINT } from '../../../../src/types/sqlType.ts';

const GB = (ms: number, mb: number): number => (Math.ceil(ms) / 1000) * (mb / 1024);

/** A scan stage (4 tasks, 200 MB), a partitioned stage (2 tasks, 100 MB in), the final fragment. */
const SHAPE: PlanShape = {
  stages: [
    { tasks: 4, scanBytes: 200e6, scanGets: 40, exchangeBytesIn: 0, exchangeGets: 0 },
    { tasks: 2, scanBytes: 0, scanGets: 0, exchangeBytesIn: 100e6, exchangeGets: 8 },
  ],
  final: { exchangeBytesIn: 1e6, exchangeGets: 2 },
};
const PLANNER = { durationMs: 100, memoryMb: 1769, s3Gets: 10, s3PutsAndLists: 1 };

describe('estimateUsage', () => {
  it('times each task as overhead plus its bytes at the stated throughputs', () => {
    const u = estimateUsage(SHAPE, PLANNER, 1769);
    // scan: 50 ms + 50 MB at 50 MB/s; partitioned: 50 ms + 50 MB at 100 MB/s; final: 50 ms + 1 MB at 100 MB/s.
    expect(u.byFunction.plan).toEqual({ requests: 1, gbSeconds: GB(100, 1769), durationMs: 100 });
    expect(u.byFunction.scan!.requests).toBe(6);
    expect(u.byFunction.scan!.gbSeconds).toBeCloseTo(4 * GB(1050, 1769) + 2 * GB(550, 1769), 12);
    expect(u.byFunction.merge).toEqual({ requests: 1, gbSeconds: GB(60, 1769), durationMs: 60 });
    // Express children: 1,100 ms and 600 ms rounded to 100 ms steps, 64 MB each.
    expect(u.expressRequests).toBe(6);
    expect(u.expressGbSeconds).toBeCloseTo(4 * 1.1 * (64 / 1024) + 2 * 0.6 * (64 / 1024), 12);
    // GETs: planner 10; scan tasks plan + chunk each, 40 lake; 2 plan reads + 8 exchange; final plan + 2.
    expect(u.s3Gets).toBe(10 + 8 + 40 + 2 + 8 + 1 + 2);
    // PUTs: planner 1, plan.json, a chunk per stage; one output per task; the result.
    expect(u.s3PutsAndLists).toBe(1 + 1 + 2 + 6 + 1);
    expect(u.standardTransitions).toBe(3 + 3 * 2);
    expect(u.bytesScanned).toBe(200e6);
  });

  it('costs more for more bytes or slower throughput, less for faster', () => {
    const base = estimateCost(SHAPE, PLANNER, 1769, 'arm64').totalUsd;
    const bigger: PlanShape = { ...SHAPE, stages: [{ ...SHAPE.stages[0]!, scanBytes: 400e6 }, SHAPE.stages[1]!] };
    expect(estimateCost(bigger, PLANNER, 1769, 'arm64').totalUsd).toBeGreaterThan(base);
    const fast = { ...DEFAULT_ESTIMATE_MODEL, scanBytesPerSecond: 1e12, exchangeBytesPerSecond: 1e12 };
    expect(estimateCost(SHAPE, PLANNER, 1769, 'arm64', fast).totalUsd).toBeLessThan(base);
    expect(estimateCost(SHAPE, PLANNER, 1769, 'x86_64').totalUsd).toBeGreaterThan(base);
    expect(estimateCost(SHAPE, PLANNER, 3538, 'arm64').totalUsd).toBeGreaterThan(base);
  });

  it('prices an estimate with the same lines as a measured cost', () => {
    const c = estimateCost(SHAPE, PLANNER, 1769, 'arm64');
    expect(c.totalUsd).toBeCloseTo(Object.values(c.lines).reduce((s, l) => s + l.usd, 0), 15);
    expect(c.lines.sfnStandardTransitions.usd).toBeCloseTo(9 * 0.000025, 15);
  });
});

describe('planShape', () => {
  const values = (n: number): LogicalPlan => ({ kind: 'Values', rows: Array.from({ length: n }, (_x, i) => [literal(BigInt(i), BIGINT)]), output: [{ name: 'x', type: BIGINT }] });
  const remote = (stage: number, read: RemoteSourceNode['read']): RemoteSourceNode => ({ kind: 'RemoteSource', stage, read, fanIn: 2, accounts: true, output: [{ name: 'x', type: BIGINT }] });
  const stage = (id: number, root: LogicalPlan, tasks: number, scan: number | null): Stage => ({
    id,
    root,
    scan,
    tasks,
    output: { kind: 'gather' },
    types: [BIGINT],
    consumerTasks: 1,
    shared: null,
  });
  const fragment = (id: number, bytes: number, rowGroups: number[][]): Fragment => ({
    id,
    bytes,
    rows: 10,
    files: rowGroups.map((rg, i) => ({ uri: `file:///f${i}`, size: 1, footerLength: 1, partitionValues: [], rowGroups: rg })),
  });

  it('sums fragment bytes and GETs per scan stage and sizes each kind of exchange read', () => {
    const staged: StagedPlan = {
      stages: [
        stage(0, values(10), 3, 0),
        stage(1, remote(0, 'partition'), 4, null),
        stage(2, remote(0, 'all'), 2, null),
        stage(3, remote(1, 'group'), 2, null),
      ],
      scans: [],
      final: remote(3, 'all'),
      output: [{ name: 'x', type: BIGINT }],
    };
    const frags = [[fragment(0, 1000, [[0, 1]]), fragment(1, 2000, [[2], [0, 1, 2]]), fragment(2, 500, [[3]])]];
    const shape = planShape(staged, frags, () => null);
    // Values(10) of one bigint: 80 bytes out of stage 0 (and of every stage reading it here).
    expect(shape.stages[0]).toEqual({ tasks: 3, scanBytes: 3500, scanGets: 4 + 7, exchangeBytesIn: 0, exchangeGets: 0 });
    expect(shape.stages[1]).toEqual({ tasks: 4, scanBytes: 0, scanGets: 0, exchangeBytesIn: 80, exchangeGets: 2 * 4 * 3 });
    expect(shape.stages[2]).toEqual({ tasks: 2, scanBytes: 0, scanGets: 0, exchangeBytesIn: 2 * 80, exchangeGets: 2 * 3 });
    expect(shape.stages[3]).toEqual({ tasks: 2, scanBytes: 0, scanGets: 0, exchangeBytesIn: 80, exchangeGets: 4 });
    expect(shape.final).toEqual({ exchangeBytesIn: 80, exchangeGets: 2 });
  });
});
