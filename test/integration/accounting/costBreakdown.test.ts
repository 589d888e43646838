/**
 * The cost breakdown adds up: every line recomputed here from what was recorded (each
 * invocation attempt of the real local runtime, each HTTP request a proxy in front of s3rver
 * saw, the transitions of query.asl.json for the plan's stages) at ARCHITECTURE.md's list prices,
 * written out again below rather than imported, and the total is the sum of all of them.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseConfig } from '../../../src/config/config.ts';
import type { InvocationRecord } from '../../../src/runtime/local/workerPool.ts';
import { Squall, type QueryResult } from '../../../src/runtime/squall.ts';
import { useS3rverCredentials } from '../../helpers/engine.ts';
import { startFaultProxy, type FaultProxy, type ProxiedRequest } from '../../helpers/faultProxy.ts';
import { createTestBucket } from '../../helpers/s3.ts';

/** us-east-1 list prices (ARCHITECTURE.md), arm64. */
const LIST = {
  lambdaGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  s3Get: 0.0004 / 1000,
  s3PutList: 0.005 / 1000,
  transition: 0.025 / 1000,
  expressRequest: 1 / 1e6,
  expressGbSecond: 0.00001667,
};

const LINES = ['lambdaRequests', 'lambdaGbSeconds', 's3Get', 's3PutList', 'sfnStandardTransitions', 'sfnExpressRequests', 'sfnExpressGbSeconds', 'bytesScanned'];

/** A partitioned join and an aggregation over small fragments: several stages, many tasks. */
const SQL = `SELECT o_orderpriority, l_returnflag, count(*), sum(l_quantity)
  FROM lineitem JOIN orders ON l_orderkey = o_orderkey GROUP BY 1, 2 ORDER BY 1, 2`;
const PLANNER = { fragmentTargetBytes: 16 * 1024, mergeFanIn: 2, broadcastMaxBytes: 0 };

const close = (actual: number, expected: number): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * 1e-9 + 1e-15);
};

/** What the recorded attempts bill: Lambda per function, and each Map child's Express time. */
function lambdaAndExpress(records: readonly InvocationRecord[]) {
  const byFn: Record<string, { requests: number; gbSeconds: number }> = {};
  const spans = new Map<string, { start: number; end: number }>();
  for (const r of records) {
    const f = (byFn[r.fn] ??= { requests: 0, gbSeconds: 0 });
    f.requests++;
    f.gbSeconds += (Math.ceil(r.durationMs) / 1000) * (r.memoryMb / 1024);
    if (r.item !== undefined) {
      const s = spans.get(r.item);
      spans.set(r.item, { start: Math.min(s?.start ?? Infinity, r.startedAt), end: Math.max(s?.end ?? -Infinity, r.startedAt + r.durationMs) });
    }
  }
  // Express: duration rounded up to 100 ms, memory one 64 MB step.
  const expressGbSeconds = [...spans.values()].reduce((sum, s) => sum + (Math.ceil((s.end - s.start) / 100) / 10) * (64 / 1024), 0);
  return { byFn, children: spans.size, expressGbSeconds };
}

function checkLines(result: QueryResult, records: readonly InvocationRecord[], s3: { gets: number; putsAndLists: number }): void {
  const { stats } = result;
  const cost = stats.cost;
  expect(Object.keys(cost.lines).sort()).toEqual([...LINES].sort());
  const { byFn, children, expressGbSeconds } = lambdaAndExpress(records);
  const requests = Object.values(byFn).reduce((s, f) => s + f.requests, 0);
  const gbSeconds = Object.values(byFn).reduce((s, f) => s + f.gbSeconds, 0);
  const transitions = 3 + 3 * stats.stages.byStage.length;
  const expected = {
    lambdaRequests: [requests, LIST.lambdaRequest],
    lambdaGbSeconds: [gbSeconds, LIST.lambdaGbSecond],
    s3Get: [s3.gets, LIST.s3Get],
    s3PutList: [s3.putsAndLists, LIST.s3PutList],
    sfnStandardTransitions: [transitions, LIST.transition],
    sfnExpressRequests: [children, LIST.expressRequest],
    sfnExpressGbSeconds: [expressGbSeconds, LIST.expressGbSecond],
    bytesScanned: [stats.bytesScanned, 0],
  } as const;
  let total = 0;
  for (const [name, [quantity, price]] of Object.entries(expected)) {
    const line = cost.lines[name as keyof typeof cost.lines];
    close(line.quantity, quantity);
    expect(line.unitPriceUsd).toBeCloseTo(price, 15);
    close(line.usd, quantity * price);
    total += quantity * price;
  }
  // Every line is in the total, and the contract's figure is the total.
  close(cost.totalUsd, total);
  expect(stats.estimatedCostUsd).toBe(cost.totalUsd);
  close(cost.lambdaUsd + cost.s3Usd + cost.stepFunctionsUsd, total);
  close(cost.stepFunctionsUsd, transitions * LIST.transition + children * LIST.expressRequest + expressGbSeconds * LIST.expressGbSecond);
  // Per function, at the same prices.
  expect(Object.keys(cost.byFunction).sort()).toEqual(Object.keys(byFn).sort());
  for (const [fn, f] of Object.entries(byFn)) {
    expect(cost.byFunction[fn]!.requests).toBe(f.requests);
    close(cost.byFunction[fn]!.usd, f.requests * LIST.lambdaRequest + f.gbSeconds * LIST.lambdaGbSecond);
  }
  // The older summary fields keep their meaning.
  expect(stats.invocations).toBe(requests);
  close(stats.billedGbSeconds, gbSeconds);
  expect(stats.mapIterations).toBe(children);
}

/** S3 requests by price class, as the proxy saw them (DELETE is free). */
function s3Classes(requests: readonly ProxiedRequest[]): { gets: number; putsAndLists: number; other: number } {
  let gets = 0;
  let putsAndLists = 0;
  let other = 0;
  for (const r of requests) {
    if (r.method === 'GET' && r.url.includes('list-type=2')) putsAndLists++;
    else if (r.method === 'GET' || r.method === 'HEAD') gets++;
    else if (r.method === 'PUT') putsAndLists++;
    else other++;
  }
  return { gets, putsAndLists, other };
}

describe('the cost breakdown', () => {
  let proxy: FaultProxy;
  let squall: Squall;
  let failing: Squall;
  const records: InvocationRecord[] = [];

  beforeAll(async () => {
    useS3rverCredentials();
    proxy = await startFaultProxy(inject('s3Endpoint'), () => undefined);
    const bucket = await createTestBucket('cost');
    const s3 = { endpoint: proxy.endpoint, region: 'us-east-1', forcePathStyle: true };
    const config = parseConfig(
      {
        catalogs: { lake: { connector: 'parquet', location: inject('testLakeS3Uri'), s3 } },
        defaultCatalog: 'lake',
        defaultSchema: 'tpch_zstd',
        scratch: `s3://${bucket}/scratch`,
        scratchS3: s3,
        planner: PLANNER,
      },
      process.cwd(),
      'test config',
    );
    // Scratch is kept: the driver's cleanup (LIST, DELETE) is not the query's.
    squall = new Squall({ config, workers: 2, keepScratch: true, onInvocation: (r) => records.push(r) });
    // The first attempt of one task times out (billed, failed) and is retried.
    failing = new Squall({
      config,
      workers: 2,
      keepScratch: true,
      retryDelayMs: 5,
      onInvocation: (r) => records.push(r),
      faults: (fn, payload, attempt) => {
        const p = payload as { stage?: number; task?: number };
        return fn === 'scan' && p.stage === 0 && p.task === 1 && attempt === 1 ? { kind: 'timeout', afterMs: 300 } : null;
      },
    });
  });

  afterAll(async () => {
    await squall?.close();
    await failing?.close();
    await proxy?.close();
  });

  it('adds up from the recorded invocations and S3 requests at list prices', async () => {
    records.length = 0;
    proxy.requests.length = 0;
    const result = await squall.query(SQL);
    const mine = records.filter((r) => r.queryId === result.queryId);
    expect(mine.length).toBeGreaterThan(10);
    expect(new Set(mine.map((r) => r.fn))).toEqual(new Set(['plan', 'scan', 'merge']));
    const s3 = s3Classes(proxy.requests);
    expect(s3.other).toBe(0);
    expect(s3.gets).toBeGreaterThan(10);
    checkLines(result, mine, s3);
    expect(result.stats.cost.lines.bytesScanned.quantity).toBeGreaterThan(0);
    // The planner's estimate is reported beside the measured cost.
    expect(result.stats.plannedCostUsd).toBeGreaterThan(0);
  });

  it('bills a failed attempt and its retry (Lambda and the Map child)', async () => {
    records.length = 0;
    const result = await failing.query(SQL);
    const mine = records.filter((r) => r.queryId === result.queryId);
    const failed = mine.filter((r) => !r.ok);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ fn: 'scan', item: '0/1', ok: false });
    expect(mine.filter((r) => r.item === '0/1')).toHaveLength(2);
    expect(result.stats.failedInvocations).toBe(1);
    // A killed attempt cannot report its own S3 requests: the stats' counters are what is known.
    const s3 = result.stats.cost.lines;
    checkLines(result, mine, { gets: s3.s3Get.quantity, putsAndLists: s3.s3PutList.quantity });
  });
});
