/**
 * What a query used of each billed AWS service, as quantities (requests, GB-seconds,
 * transitions): the one input of the cost breakdown, whether the quantities were recorded
 * (local runtime), reported by the handlers (AWS) or estimated by the planner.
 */
import { PRICES } from '../cost.ts';
import type { InvocationRecord } from '../local/workerPool.ts';

export interface FunctionUsage {
  requests: number;
  /** Billed: each attempt's duration rounded up to 1 ms, times its memory. */
  gbSeconds: number;
  durationMs: number;
}

export interface Usage {
  /** Lambda, per function; failed attempts included where the runtime sees them. */
  readonly byFunction: Record<string, FunctionUsage>;
  /** S3 GET and HEAD requests (one price class). */
  s3Gets: number;
  /** S3 PUT, COPY, POST and LIST requests (one price class). DELETE is free. */
  s3PutsAndLists: number;
  /** Step Functions Standard state transitions of the query's execution. */
  standardTransitions: number;
  /** Express child executions: one per Map iteration (task) of the distributed Maps. */
  expressRequests: number;
  expressGbSeconds: number;
  /** Lake bytes fetched (no price of its own: it is paid through S3 GETs and Lambda time). */
  bytesScanned: number;
}

export function emptyUsage(): Usage {
  return { byFunction: {}, s3Gets: 0, s3PutsAndLists: 0, standardTransitions: 0, expressRequests: 0, expressGbSeconds: 0, bytesScanned: 0 };
}

/** Lambda's billed GB-seconds for one attempt: duration rounded up to 1 ms, times memory. */
export function lambdaGbSeconds(durationMs: number, memoryMb: number): number {
  return (Math.ceil(durationMs) / 1000) * (memoryMb / 1024);
}

/**
 * An Express child execution's billed GB-seconds. Its duration is rounded up to 100 ms and its
 * memory is one 64 MB step: Express bills the memory of the workflow's definition and state
 * data, and a Map child here is one Task state over a payload of ids (well under 1 KB), not the
 * Lambda function's memory.
 */
export function expressGbSeconds(durationMs: number): number {
  const step = PRICES.sfnExpressDurationStepMs;
  return ((Math.ceil(durationMs / step) * step) / 1000) * (PRICES.sfnExpressMemoryStepMb / 1024);
}

export function addInvocation(usage: Usage, fn: string, durationMs: number, memoryMb: number): void {
  const f = (usage.byFunction[fn] ??= { requests: 0, gbSeconds: 0, durationMs: 0 });
  f.requests++;
  f.gbSeconds += lambdaGbSeconds(durationMs, memoryMb);
  f.durationMs += durationMs;
}

/**
 * Lambda usage and Express GB-seconds from every recorded invocation attempt. A Map child's
 * duration runs from its first attempt's start to its last attempt's end, so retries and the
 * waits between them count, as they do on Step Functions; the time a task queues for a free
 * local worker does not (on Lambda it would not wait). Express requests are the Map iterations
 * the execution started (counted by the caller): one that never invoked still bills a request.
 */
export function usageFromInvocations(records: readonly InvocationRecord[], into: Usage = emptyUsage()): Usage {
  const children = new ChildSpans();
  for (const r of records) {
    addInvocation(into, r.fn, r.durationMs, r.memoryMb);
    children.add(r);
  }
  into.expressGbSeconds += children.gbSeconds;
  return into;
}

/** Each Map child's span over its attempts, and their Express GB-seconds, kept up to date. */
export class ChildSpans {
  private readonly spans = new Map<string, { start: number; end: number }>();
  gbSeconds = 0;

  /** Adds an attempt; returns the change in GB-seconds. */
  add(r: InvocationRecord): number {
    if (r.item === undefined) return 0;
    const end = r.startedAt + r.durationMs;
    const c = this.spans.get(r.item);
    const before = c === undefined ? 0 : expressGbSeconds(c.end - c.start);
    const next = c === undefined ? { start: r.startedAt, end } : { start: Math.min(c.start, r.startedAt), end: Math.max(c.end, end) };
    this.spans.set(r.item, next);
    const delta = expressGbSeconds(next.end - next.start) - before;
    this.gbSeconds += delta;
    return delta;
  }
}

export function totalRequests(u: Usage): number {
  return Object.values(u.byFunction).reduce((s, f) => s + f.requests, 0);
}

export function totalGbSeconds(u: Usage): number {
  return Object.values(u.byFunction).reduce((s, f) => s + f.gbSeconds, 0);
}
