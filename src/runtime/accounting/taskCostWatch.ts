/**
 * A running query's cost as its tasks' markers tell it (engine/taskCosts.ts): what a driver that
 * sees no invocation (the AWS executor, the api function) checks against the query's cap.
 */
import type { ObjectStore } from '../../storage/objectStore.ts';
import type { Architecture } from '../cost.ts';
import { readTaskCosts, type TaskCost } from '../engine/taskCosts.ts';
import { costBreakdown } from './costBreakdown.ts';
import { addInvocation, emptyUsage, type Usage } from './usage.ts';

/** Lambda time and requests, S3 requests and one Express child per task attempt. */
export function usageOfTaskCosts(costs: Iterable<TaskCost>): Usage {
  const usage = emptyUsage();
  for (const c of costs) {
    addInvocation(usage, 'scan', c.durationMs, c.memoryMb);
    usage.s3Gets += c.s3Gets;
    usage.s3PutsAndLists += c.s3PutsAndLists;
    usage.expressRequests++;
  }
  return usage;
}

/** What the query's tasks have cost so far, at list prices (a lower bound: see taskCosts.ts). */
export async function taskCostsSoFar(store: ObjectStore, scratch: string, queryId: string, architecture: Architecture): Promise<number> {
  const costs = await readTaskCosts(store, scratch, queryId);
  return costBreakdown(usageOfTaskCosts(costs.values()), architecture).totalUsd;
}
