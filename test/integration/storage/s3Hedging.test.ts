/**
 * Straggler mitigation and retry accounting against a real S3 API, with a proxy that makes
 * chosen requests slow or failing.
 */
import { afterEach, expect, test } from 'vitest';
import { S3Store } from '../../../src/storage/s3Store.ts';
import { startFaultProxy, type Fault, type FaultProxy } from '../../helpers/faultProxy.ts';
import { createTestBucket, s3TestOptions } from '../../helpers/s3.ts';
import { patternBytes } from '../../helpers/stores.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(decide: (req: { seq: number; method: string; range: string | undefined }) => Fault, hedgeAfterMs?: number) {
  const bucket = await createTestBucket('hedge');
  const data = patternBytes(64 * 1024, 3);
  const direct = new S3Store(s3TestOptions());
  cleanups.push(() => direct.destroy());
  await direct.put(`s3://${bucket}/obj`, data);
  const proxy: FaultProxy = await startFaultProxy(s3TestOptions().endpoint!, decide);
  cleanups.push(() => proxy.close());
  const store = new S3Store(s3TestOptions({ endpoint: proxy.endpoint, ...(hedgeAfterMs !== undefined ? { hedgeAfterMs } : {}) }));
  cleanups.push(() => store.destroy());
  return { uri: `s3://${bucket}/obj`, data, proxy, store };
}

async function waitFor(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('a straggling range GET is re-issued, the re-issue wins and the straggler is aborted', async () => {
  const firstGet = (r: { method: string; range: string | undefined; seq: number }): boolean => r.method === 'GET' && r.range !== undefined && r.seq === 0;
  const { uri, data, proxy, store } = await setup((r) => (firstGet(r) ? { delayMs: 5000 } : undefined), 100);

  const t0 = performance.now();
  const got = await store.getRange(uri, 1000, 9000);
  const elapsed = performance.now() - t0;

  expect(Buffer.compare(got, data.subarray(1000, 9000))).toBe(0);
  expect(elapsed).toBeLessThan(2000);
  expect(store.hedgedGets).toBe(1);
  expect(store.hedgeWins).toBe(1);
  expect(store.counters.getRequests).toBe(2);
  expect(store.counters.bytesRead).toBe(8000);
  // The loser's connection is closed by the client, not left to finish in the background.
  await waitFor(() => proxy.requests[0]!.abortedByClient);
  expect(proxy.requests.map((r) => [r.range, r.completed])).toEqual([
    ['bytes=1000-8999', false],
    ['bytes=1000-8999', true],
  ]);
});

test('a prompt GET is not re-issued', async () => {
  const { uri, data, proxy, store } = await setup(() => undefined, 1000);
  expect(Buffer.compare(await store.getRange(uri, 0, 100), data.subarray(0, 100))).toBe(0);
  expect(store.hedgedGets).toBe(0);
  expect(store.counters.getRequests).toBe(1);
  expect(proxy.requests).toHaveLength(1);
});

test('hedging is off by default: a slow GET is waited for', async () => {
  const { uri, data, proxy, store } = await setup((r) => (r.seq === 0 ? { delayMs: 300 } : undefined));
  expect(Buffer.compare(await store.getRange(uri, 10, 20), data.subarray(10, 20))).toBe(0);
  expect(store.hedgedGets).toBe(0);
  expect(proxy.requests).toHaveLength(1);
});

test('SDK retries of a throttled GET show up in the request counter', async () => {
  const { uri, data, store } = await setup((r) => (r.seq === 0 ? { status: 503, code: 'SlowDown' } : undefined));
  expect(Buffer.compare(await store.getRange(uri, 5, 50), data.subarray(5, 50))).toBe(0);
  // S3 bills both attempts, so the stats must show both.
  expect(store.counters.getRequests).toBe(2);
});
