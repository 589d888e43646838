/**
 * The planner's cost estimate: from the shape of the plan it made (tasks per stage, compressed
 * bytes to scan, estimated exchange bytes and objects) to the quantities each AWS service would
 * bill, priced by the same breakdown as the measured cost. Checked against the query's caps
 * before any task runs (see costLimits.ts).
 *
 * A task's duration is a fixed overhead plus its bytes at a stated throughput:
 * - scan: compressed column-chunk bytes at 50 MB/s, about what one vCPU (1,769 MB) decodes of
 *   zstd Parquet (LOCAL-STACK.md measured ~56 MB/s); Lambda's ~150 MB/s from S3 is not the bound;
 * - exchange: estimated in-memory bytes read from earlier stages at 100 MB/s;
 * - overhead: 50 ms per invocation (plan.json and first-byte latencies, operator setup).
 * Rows are not timed separately: the bytes stand for them.
 */
import type { Architecture } from '../cost.ts';
import { costBreakdown, type CostBreakdown } from './costBreakdown.ts';
import { addInvocation, emptyUsage, expressGbSeconds, type Usage } from './usage.ts';

export interface EstimateModel {
  readonly scanBytesPerSecond: number;
  readonly exchangeBytesPerSecond: number;
  readonly invocationOverheadMs: number;
}

export const DEFAULT_ESTIMATE_MODEL: EstimateModel = {
  scanBytesPerSecond: 50e6,
  exchangeBytesPerSecond: 100e6,
  invocationOverheadMs: 50,
};

/** What one stage's tasks do, summed over the stage. */
export interface StageShape {
  readonly tasks: number;
  /** Compressed bytes of the column chunks its tasks fetch from the lake. */
  readonly scanBytes: number;
  /** Lake GETs: footers and one coalesced range per row group. */
  readonly scanGets: number;
  /** Estimated bytes its tasks read from earlier stages' objects. */
  readonly exchangeBytesIn: number;
  /** GETs of earlier stages' objects (a partition read is two: header, then range). */
  readonly exchangeGets: number;
}

export interface PlanShape {
  /** In execution order; each runs as one distributed Map. */
  readonly stages: readonly StageShape[];
  /** The final fragment (one invocation of the merge function). */
  readonly final: Pick<StageShape, 'exchangeBytesIn' | 'exchangeGets'>;
}

/** The planner's own invocation: its measured time so far and the requests it made. */
export interface PlannerWork {
  readonly durationMs: number;
  readonly memoryMb: number;
  readonly s3Gets: number;
  readonly s3PutsAndLists: number;
}

/** Standard transitions of query.asl.json: Plan, MoreStages, Finalize, and per stage NextStage, RunStage, MoreStages. */
export function standardTransitions(stages: number): number {
  return 3 + 3 * stages;
}

export function estimateUsage(shape: PlanShape, planner: PlannerWork, taskMemoryMb: number, model: EstimateModel = DEFAULT_ESTIMATE_MODEL): Usage {
  const u = emptyUsage();
  addInvocation(u, 'plan', planner.durationMs, planner.memoryMb);
  u.s3Gets += planner.s3Gets;
  // plan.json and the fragment chunks (one per 256 fragments) are written after the estimate.
  u.s3PutsAndLists += planner.s3PutsAndLists + 1 + shape.stages.length;
  const taskMs = (scanBytes: number, exchangeBytes: number): number =>
    model.invocationOverheadMs + (1000 * scanBytes) / model.scanBytesPerSecond + (1000 * exchangeBytes) / model.exchangeBytesPerSecond;
  for (const s of shape.stages) {
    if (s.tasks === 0) continue;
    const ms = taskMs(s.scanBytes / s.tasks, s.exchangeBytesIn / s.tasks);
    for (let t = 0; t < s.tasks; t++) addInvocation(u, 'scan', ms, taskMemoryMb);
    u.expressRequests += s.tasks;
    u.expressGbSeconds += s.tasks * expressGbSeconds(ms);
    // Each task reads plan.json (and a scan task its fragment chunk) and writes one object.
    u.s3Gets += s.tasks * (s.scanGets > 0 || s.scanBytes > 0 ? 2 : 1) + s.scanGets + s.exchangeGets;
    u.s3PutsAndLists += s.tasks;
    u.bytesScanned += s.scanBytes;
  }
  addInvocation(u, 'merge', taskMs(0, shape.final.exchangeBytesIn), taskMemoryMb);
  u.s3Gets += 1 + shape.final.exchangeGets;
  u.s3PutsAndLists += 1;
  u.standardTransitions = standardTransitions(shape.stages.length);
  return u;
}

export function estimateCost(
  shape: PlanShape,
  planner: PlannerWork,
  taskMemoryMb: number,
  architecture: Architecture,
  model: EstimateModel = DEFAULT_ESTIMATE_MODEL,
): CostBreakdown {
  return costBreakdown(estimateUsage(shape, planner, taskMemoryMb, model), architecture);
}
