/**
 * A query's running cost while it executes, from what the local runtime sees as it happens:
 * each invocation attempt as it ends (failed ones too), each Standard transition and Map
 * iteration, and the S3 requests each finished task reports. Once the cost passes the
 * query's tightest cap the meter trips, and the caller stops the execution.
 *
 * On AWS this process sees no invocation (the state machine calls the functions directly): the
 * AWS executor feeds the meter each task's cost marker instead (engine/taskCosts.ts), a lower
 * bound that leaves out transitions and failed attempts, so a query is never stopped early.
 */
import type { Architecture } from '../cost.ts';
import type { ExecutionObserver } from '../executor.ts';
import type { BilledRequests } from '../engine/messages.ts';
import type { InvocationRecord } from '../local/workerPool.ts';
import { costBreakdown, type CostBreakdown } from './costBreakdown.ts';
import type { CostCap } from './costLimits.ts';
import { addInvocation, ChildSpans, emptyUsage, type Usage } from './usage.ts';

export class CostMeter implements ExecutionObserver {
  readonly usage: Usage = emptyUsage();
  private readonly children = new ChildSpans();
  /** The cost when the cap was passed; null while under it. */
  trippedAtUsd: number | null = null;
  /**
   * Whether the plan step has returned. Until then the planner's own check of its estimate
   * decides (and names the estimate in its error): stopping a query mid-plan saves nothing.
   */
  private armed = false;

  constructor(
    private readonly architecture: Architecture,
    private readonly cap: CostCap | null,
    private readonly onTrip: (spentUsd: number) => void = () => undefined,
  ) {}

  readonly invocation = (r: InvocationRecord): void => {
    // A task has run: planning is over (on AWS the plan step's result never reaches the meter).
    if (r.fn !== 'plan') this.armed = true;
    addInvocation(this.usage, r.fn, r.durationMs, r.memoryMb);
    this.usage.expressGbSeconds += this.children.add(r);
    this.check();
  };

  readonly transition = (kind: 'standard' | 'mapIteration'): void => {
    if (kind === 'standard') this.usage.standardTransitions++;
    else this.usage.expressRequests++;
    this.check();
  };

  /** A successful invocation's result: the S3 requests and lake bytes it reports. */
  taskDone(fn: string, result: unknown): void {
    if (fn === 'plan') this.armed = true;
    const r = result as { requests?: Partial<BilledRequests>; bytesScanned?: unknown } | null;
    this.usage.s3Gets += r?.requests?.s3Gets ?? 0;
    this.usage.s3PutsAndLists += r?.requests?.s3PutsAndLists ?? 0;
    // Only task results report their own lake bytes (finalize's output sums the whole query's).
    if (typeof r?.bytesScanned === 'number' && r.requests !== undefined) this.usage.bytesScanned += r.bytesScanned;
    this.check();
  }

  cost(): CostBreakdown {
    return costBreakdown(this.usage, this.architecture);
  }

  private check(): void {
    if (this.cap === null || !this.armed || this.trippedAtUsd !== null) return;
    const spent = this.cost().totalUsd;
    if (spent > this.cap.usd) {
      this.trippedAtUsd = spent;
      this.onTrip(spent);
    }
  }
}
