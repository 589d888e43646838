/**
 * Cutting an optimized logical plan into stages: a DAG of fragments that exchange data only
 * through S3 objects. Every task of a stage runs the stage's root plan over its share of the
 * input (a scan fragment, a hash partition, a group of merge inputs, or everything) and writes
 * one object: whole (a gather or broadcast), or hash-partitioned with a partition-offset header.
 * The final fragment runs what is left in one task.
 *
 * Choices, from the statistics the planner has (row counts and sizes after pruning):
 * - a join's build side goes to every probe task (broadcast) when its estimated size is at most
 *   `broadcastMaxBytes`, fits a task (`buildBytesPerTask`) and, with several probe tasks, is at
 *   most the probe side's size, else both sides are hash-partitioned on the join keys, into
 *   enough partitions for each partition's build side to fit a task (and for each task's share
 *   of both sides to be about `partitionBytes`);
 * - an aggregation runs partially in its input's tasks; the partial states are gathered (through
 *   merge levels of `fanIn` when there are many) or, when the estimated groups are too many for
 *   one task, hash-partitioned on the group keys, again so each partition's groups fit a task;
 * - TopN and LIMIT run in each task before the final one;
 * - a shared subplan (a WITH query named more than once that joins or aggregates) runs once, in
 *   its own stage, whose tasks each write their output whole. Every reference reads it as if it
 *   were still running in those tasks (task i reads object i), so a reference that needs the rows
 *   hash-partitioned on its own keys repartitions them in a stage of its own, one that needs
 *   them in one task reads every object, and one that streams them (a probe side, a partial
 *   aggregation) does so in one task per object. References may want different keys, so the
 *   shared stage itself never picks one.
 */
import type { SqlType } from '../types/sqlType.ts';
import { column, type BoundExpr } from './expr.ts';
import { estimate, type StatisticsSource } from './estimate.ts';
import { partitionKeys } from './joins.ts';
import { inputsOf, withInputs, type JoinNode, type LogicalPlan, type OutputColumn, type RemoteSourceNode, type SharedNode, type TableScanNode, type WindowNode } from './logical.ts';

export type StageOutput =
  /** One object per task, read whole. */
  | { readonly kind: 'gather' }
  /** One object per task holding `partitions` partitions by the hash of `keys`. */
  | { readonly kind: 'hash'; readonly keys: readonly BoundExpr[]; readonly partitions: number };

export interface Stage {
  readonly id: number;
  readonly root: LogicalPlan;
  /** The table scan whose fragments are this stage's tasks, by its index in `StagedPlan.scans`. */
  readonly scan: number | null;
  readonly tasks: number;
  readonly output: StageOutput;
  readonly types: readonly SqlType[];
  /** Tasks of the stage whose read accounts for this one's work (see RemoteSourceNode.accounts). */
  consumerTasks: number;
  /** The WITH query this stage computes once for all its references, if it is one. */
  readonly shared: string | null;
}

export interface StagedPlan {
  /** In execution order: a stage reads only earlier stages. */
  readonly stages: readonly Stage[];
  readonly scans: readonly TableScanNode[];
  /** Runs in one task over RemoteSource leaves. */
  readonly final: LogicalPlan;
  readonly output: readonly OutputColumn[];
}

export interface StagingOptions {
  readonly stats: StatisticsSource;
  /** Fragments (tasks) a table scan is cut into. */
  readonly fragmentsOf: (scan: TableScanNode) => number;
  readonly broadcastMaxBytes: number;
  /** Largest estimated aggregation state gathered into one task. */
  readonly gatherMaxBytes: number;
  /** Estimated input bytes (both sides of a join) a partitioned task should get. */
  readonly partitionBytes: number;
  /**
   * Largest estimated build side or aggregation state one task should hold: a share of a task's
   * memory budget (the task's memory decides how many partitions there must be at least).
   */
  readonly buildBytesPerTask: number;
  readonly minPartitions: number;
  readonly maxPartitions: number;
  readonly fanIn: number;
}

type Tasks = { readonly kind: 'single' } | { readonly kind: 'scan'; readonly scan: TableScanNode } | { readonly kind: 'partitioned'; readonly count: number };

interface Fragment {
  readonly plan: LogicalPlan;
  readonly tasks: Tasks;
}

const SINGLE: Tasks = { kind: 'single' };

export function stagePlan(plan: LogicalPlan, opts: StagingOptions): StagedPlan {
  const stager = new Stager(opts);
  const root = stager.visit(plan);
  const final = stager.gathered(root);
  for (const s of stager.stages) if (s.consumerTasks === 0) s.consumerTasks = 1;
  return { stages: stager.stages, scans: stager.scans, final, output: plan.output };
}

class Stager {
  readonly stages: Stage[] = [];
  readonly scans: TableScanNode[] = [];
  /** Shared subplan id → its stage. */
  private readonly sharedStages = new Map<number, number>();
  /** Stages that some read already accounts for. */
  private readonly accounted = new Set<number>();
  constructor(private readonly opts: StagingOptions) {}

  visit(node: LogicalPlan): Fragment {
    switch (node.kind) {
      case 'TableScan':
        return { plan: node, tasks: { kind: 'scan', scan: node } };
      case 'Values':
      case 'RemoteSource':
        return { plan: node, tasks: SINGLE };
      case 'Filter':
      case 'Project': {
        const child = this.visit(node.input);
        return { plan: { ...node, input: child.plan }, tasks: child.tasks };
      }
      case 'EnforceSingleRow':
      case 'Sort': {
        const child = this.gathered(this.visit(node.input));
        return { plan: { ...node, input: child }, tasks: SINGLE };
      }
      case 'TopN':
      case 'Limit': {
        const child = this.visit(node.input);
        if (child.tasks.kind === 'single' || (node.kind === 'Limit' && node.count === null)) {
          return { plan: { ...node, input: this.gathered(child) }, tasks: SINGLE };
        }
        const count = node.offset + node.count!;
        const partial: LogicalPlan = { ...node, input: child.plan, offset: 0, count };
        const input = this.remote(this.close({ plan: partial, tasks: child.tasks }, { kind: 'gather' }), 'all');
        return { plan: { ...node, input }, tasks: SINGLE };
      }
      case 'Union': {
        const inputs = node.inputs.map((i) => this.gathered(this.visit(i)));
        return { plan: { ...node, inputs }, tasks: SINGLE };
      }
      case 'Aggregate':
        return this.aggregate(node);
      case 'Window':
        return this.window(node);
      case 'Join':
        return this.join(node);
      case 'Shared':
        return this.shared(node);
      default: {
        const never: never = node;
        throw new Error(`unexpected plan node ${JSON.stringify(never)}`);
      }
    }
  }

  private aggregate(node: Extract<LogicalPlan, { kind: 'Aggregate' }>): Fragment {
    const child = this.visit(node.input);
    if (child.tasks.kind === 'single' || node.step !== 'single') return { plan: { ...node, input: child.plan }, tasks: child.tasks };
    const keyCount = node.groupBy.length;
    const stateTypes = [...node.output.slice(0, keyCount).map((c) => c.type), ...node.aggregates.flatMap((a) => a.stateTypes)];
    const stateOutput = stateTypes.map((type, i) => ({ name: i < keyCount ? node.output[i]!.name : `$state${i}`, type }));
    const partial: LogicalPlan = { ...node, step: 'partial', input: child.plan, output: stateOutput };
    const final = (input: LogicalPlan): LogicalPlan => ({ ...node, step: 'final', input });
    const groups = estimate(node, this.opts.stats);
    if (keyCount > 0 && groups.bytes > Math.min(this.opts.gatherMaxBytes, this.opts.buildBytesPerTask)) {
      const partitions = this.partitionsFor(groups.bytes, groups.bytes);
      const keys = stateOutput.slice(0, keyCount).map((c, i) => column(i, c.type));
      const stage = this.close({ plan: partial, tasks: child.tasks }, { kind: 'hash', keys, partitions });
      return { plan: final(this.remote(stage, 'partition')), tasks: { kind: 'partitioned', count: partitions } };
    }
    let stage = this.close({ plan: partial, tasks: child.tasks }, { kind: 'gather' });
    // Merge levels: each task combines fanIn partials until one task can read them all.
    while (this.stages[stage]!.tasks > this.opts.fanIn) {
      const intermediate: LogicalPlan = { ...node, step: 'intermediate', input: this.remote(stage, 'group'), output: stateOutput };
      const tasks = Math.ceil(this.stages[stage]!.tasks / this.opts.fanIn);
      stage = this.close({ plan: intermediate, tasks: { kind: 'partitioned', count: tasks } }, { kind: 'gather' });
    }
    return { plan: final(this.remote(stage, 'all')), tasks: SINGLE };
  }

  /**
   * Rows of one window partition must meet in one task: the input is hash-partitioned on the
   * PARTITION BY keys, or gathered into one task when there are none.
   */
  private window(node: WindowNode): Fragment {
    const child = this.visit(node.input);
    if (child.tasks.kind === 'single') return { plan: { ...node, input: child.plan }, tasks: SINGLE };
    if (node.partitionBy.length === 0) return { plan: { ...node, input: this.gathered(child) }, tasks: SINGLE };
    // A task holds its partitions' rows whole (sorted, plus the function values).
    const bytes = estimate(node.input, this.opts.stats).bytes;
    const partitions = this.partitionsFor(bytes, bytes);
    const stage = this.close(child, { kind: 'hash', keys: node.partitionBy, partitions });
    return { plan: { ...node, input: this.remote(stage, 'partition') }, tasks: { kind: 'partitioned', count: partitions } };
  }

  private join(node: JoinNode): Fragment {
    const left = this.visit(node.left);
    const right = this.visit(node.right);
    if (left.tasks.kind === 'single' && right.tasks.kind === 'single') return { plan: { ...node, left: left.plan, right: right.plan }, tasks: SINGLE };
    // RIGHT and FULL joins emit unmatched build rows: each build row must be in exactly one task.
    const buildOnce = node.type === 'right' || node.type === 'full';
    // Null-aware joins partition on their correlation keys only (see partitionKeys); an
    // uncorrelated [NOT] IN has none, so its build side is broadcast.
    const keys = partitionKeys(node);
    const keyed = keys.left.length > 0;
    const buildBytes = estimate(node.right, this.opts.stats).bytes;
    const probeBytes = estimate(node.left, this.opts.stats).bytes;
    // Every probe task hashes a broadcast build side whole. With several probe tasks and a build
    // side larger than the probe side, hash-partitioning both moves fewer bytes and hashes each
    // build row once (TPC-H Q21 hashed a 3.8M-row build side in each of 4 tasks).
    const replicated = this.taskCount(left.tasks) > 1 && buildBytes > probeBytes;
    const broadcast =
      left.tasks.kind === 'single' ||
      !keyed ||
      (!buildOnce && buildBytes <= Math.min(this.opts.broadcastMaxBytes, this.opts.buildBytesPerTask) && !replicated);
    if (broadcast) {
      if (left.tasks.kind === 'single' || buildOnce) {
        return { plan: { ...node, left: this.gathered(left), right: this.gathered(right) }, tasks: SINGLE };
      }
      return { plan: { ...node, left: left.plan, right: this.broadcastSide(right, left.tasks) }, tasks: left.tasks };
    }
    const partitions = this.partitionsFor(buildBytes + probeBytes, buildBytes);
    const l = this.close(left, { kind: 'hash', keys: keys.left, partitions });
    const r = this.close(right, { kind: 'hash', keys: keys.right, partitions });
    return {
      plan: { ...node, left: this.remote(l, 'partition'), right: this.remote(r, 'partition') },
      tasks: { kind: 'partitioned', count: partitions },
    };
  }

  private shared(node: SharedNode): Fragment {
    let stage = this.sharedStages.get(node.id);
    if (stage === undefined) {
      stage = this.close(this.visit(node.input), { kind: 'gather' }, node.name);
      this.sharedStages.set(node.id, stage);
    }
    const tasks = this.stages[stage]!.tasks;
    if (tasks === 1) return { plan: this.remote(stage, 'all'), tasks: SINGLE };
    return { plan: this.remote(stage, 'group', 1), tasks: { kind: 'partitioned', count: tasks } };
  }

  /** The fragment's whole output, readable in one task. */
  gathered(f: Fragment): LogicalPlan {
    if (f.tasks.kind === 'single') return f.plan;
    // A shared stage's objects read one per task: read them all instead of copying them again.
    if (f.plan.kind === 'RemoteSource' && f.plan.read === 'group' && f.plan.fanIn === 1) return { ...f.plan, read: 'all', fanIn: this.opts.fanIn };
    return this.remote(this.close(f, { kind: 'gather' }), 'all');
  }

  /**
   * A build side for every task of a multi-task probe. A single-task fragment that does work of
   * its own (a final aggregation, a sort, a join) becomes a stage of one task, so that work runs
   * once and its output is broadcast; inlined, every probe task would redo it (TPC-H Q17 and
   * Q18 re-ran the final aggregation of 200,000 and 1,500,000 groups in every lineitem task).
   */
  private broadcastSide(f: Fragment, probe: Tasks): LogicalPlan {
    if (f.tasks.kind === 'single' && this.taskCount(probe) > 1 && !onlyReads(f.plan)) return this.remote(this.close(f, { kind: 'gather' }), 'all');
    return this.gathered(f);
  }

  private taskCount(tasks: Tasks): number {
    return tasks.kind === 'scan' ? this.opts.fragmentsOf(tasks.scan) : tasks.kind === 'partitioned' ? tasks.count : 1;
  }

  /** Enough partitions for `inputBytes` of work each and for `heldBytes` to fit a task. */
  private partitionsFor(inputBytes: number, heldBytes: number): number {
    const needed = Math.max(Math.ceil(inputBytes / this.opts.partitionBytes), Math.ceil(heldBytes / this.opts.buildBytesPerTask));
    return Math.min(this.opts.maxPartitions, Math.max(this.opts.minPartitions, needed));
  }

  close(f: Fragment, output: StageOutput, shared: string | null = null): number {
    const id = this.stages.length;
    let scan: number | null = null;
    let tasks = 1;
    if (f.tasks.kind === 'scan') {
      scan = this.scans.length;
      this.scans.push(f.tasks.scan);
      tasks = this.opts.fragmentsOf(f.tasks.scan);
    } else if (f.tasks.kind === 'partitioned') tasks = f.tasks.count;
    this.stages.push({ id, root: f.plan, scan, tasks, output, types: f.plan.output.map((c) => c.type), consumerTasks: 0, shared });
    // The stages this one accounts for now know how many tasks consume them.
    for (const read of remoteReads(f.plan)) if (read.accounts) this.stages[read.stage]!.consumerTasks = tasks;
    return id;
  }

  remote(stage: number, read: RemoteSourceNode['read'], fanIn = this.opts.fanIn): RemoteSourceNode {
    const accounts = !this.accounted.has(stage);
    this.accounted.add(stage);
    return { kind: 'RemoteSource', stage, read, fanIn, accounts, output: this.stages[stage]!.root.output };
  }
}

/**
 * A stage's plan with every exchange read replaced by the plan of the stage it reads, down to
 * the scans: what the stage computes over all its tasks, for estimates.
 */
export function withoutExchanges(plan: LogicalPlan, stages: readonly Stage[]): LogicalPlan {
  if (plan.kind === 'RemoteSource') return withoutExchanges(stages[plan.stage]!.root, stages);
  const inputs = inputsOf(plan);
  return inputs.length === 0 ? plan : withInputs(plan, inputs.map((i) => withoutExchanges(i, stages)));
}

function remoteReads(plan: LogicalPlan): RemoteSourceNode[] {
  return plan.kind === 'RemoteSource' ? [plan] : inputsOf(plan).flatMap(remoteReads);
}

/** Reading earlier stages' objects or literal rows, with at most filters and projections on top. */
function onlyReads(plan: LogicalPlan): boolean {
  switch (plan.kind) {
    case 'RemoteSource':
    case 'Values':
      return true;
    case 'Filter':
    case 'Project':
      return onlyReads(plan.input);
    default:
      return false;
  }
}
