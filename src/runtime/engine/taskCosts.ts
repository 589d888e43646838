/**
 * What each task cost, left where whoever drives the query can see it while the execution runs:
 * for a query with a cost cap, every task attempt puts an empty object whose key holds its
 * billed figures (`<query>/costs/s<stage>-t<task>-<attempt>-d<ms>-m<MB>-g<GETs>-p<PUTs>`). One
 * LIST of the prefix, 1,000 keys a page, sums them: no object is read, and nothing else (no
 * table, no counter with a hot key) is needed on AWS, where the driver sees no invocation.
 * Each attempt writes its own key (a retry adds, never overwrites). An attempt that fails before
 * its end puts none, and transitions are not in it: the sum is a lower bound, so a query is
 * never stopped before it has passed its cap.
 */
import { randomBytes } from 'node:crypto';
import type { ObjectStore } from '../../storage/objectStore.ts';
import { queryPrefix } from './scratch.ts';

export interface TaskCost {
  readonly stage: number;
  readonly task: number;
  readonly durationMs: number;
  readonly memoryMb: number;
  /** S3 GET and HEAD requests. */
  readonly s3Gets: number;
  /** S3 PUT and LIST requests (the task's output and this marker included). */
  readonly s3PutsAndLists: number;
}

const KEY = /^s(\d+)-t(\d+)-[0-9a-f]+-d(\d+)-m(\d+)-g(\d+)-p(\d+)$/;

export function taskCostsPrefix(scratch: string, queryId: string): string {
  return `${queryPrefix(scratch, queryId)}costs/`;
}

/** Puts the marker of one task attempt (its duration so far, rounded up to a millisecond). */
export async function recordTaskCost(store: ObjectStore, scratch: string, queryId: string, cost: TaskCost): Promise<void> {
  const key = `s${cost.stage}-t${cost.task}-${randomBytes(4).toString('hex')}-d${Math.ceil(cost.durationMs)}-m${cost.memoryMb}-g${cost.s3Gets}-p${cost.s3PutsAndLists}`;
  await store.put(`${taskCostsPrefix(scratch, queryId)}${key}`, new Uint8Array(0));
}

/** Every marker put so far, keyed by object name (a caller tracking news skips the names it has seen). */
export async function readTaskCosts(store: ObjectStore, scratch: string, queryId: string): Promise<Map<string, TaskCost>> {
  const prefix = taskCostsPrefix(scratch, queryId);
  const out = new Map<string, TaskCost>();
  for (const o of await store.list(prefix)) {
    const name = o.uri.slice(prefix.length);
    const m = KEY.exec(name);
    if (m === null) continue;
    const [stage, task, durationMs, memoryMb, s3Gets, s3PutsAndLists] = m.slice(1).map(Number) as [number, number, number, number, number, number];
    out.set(name, { stage, task, durationMs, memoryMb, s3Gets, s3PutsAndLists });
  }
  return out;
}
