/**
 * Cutting an optimized logical plan into stages: a DAG of fragments that exchange data only
 * through S3 objects. Every task of a stage runs the stage's root plan over its share of the
 * input (a scan fragment, a hash partition, a group of merge inputs, or everything) and writes
 * one object: whole (a gather or broadcast), or hash-partitioned with a partition-offset header.
 * The final fragment runs what is left in one task.
 *
 * Choices, from the statistics the planner has (row counts and sizes after pruning):
 * - a join's build side goes to every probe task (broadcast) when its estimated size is at most
 *   `broadcastMaxBytes` (and, with several probe tasks, at most the probe side's), else both
 *   sides are hash-partitioned on the join keys;
 * - an aggregation runs partially in its input's tasks; the partial states are gathered (through
 *   merge levels of `fanIn` when there are many) or, when the estimated groups are too many for
 *   one task, hash-partitioned on the group keys;
 * - TopN and LIMIT run in each task before the final one.
 */
import type { SqlType } from '../types/sqlType.ts';
import { column, type BoundExpr } from './expr.ts';
import { estimate, type StatisticsSource } from './estimate.ts';
import { inputsOf, type JoinNode, type LogicalPlan, type OutputColumn, type RemoteSourceNode, type TableScanNode } from './logical.ts';

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
  /** Tasks of the stage that reads this one (for who accounts whose work). */
  consumerTasks: number;
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
  readonly partitionBytes: number;
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
  const final = root.tasks.kind === 'single' ? root.plan : stager.remote(stager.close(root, { kind: 'gather' }), 'all');
  for (const s of stager.stages) if (s.consumerTasks === 0) s.consumerTasks = 1;
  return { stages: stager.stages, scans: stager.scans, final, output: plan.output };
}

class Stager {
  readonly stages: Stage[] = [];
  readonly scans: TableScanNode[] = [];
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
      case 'Join':
        return this.join(node);
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
    if (keyCount > 0 && groups.bytes > this.opts.gatherMaxBytes) {
      const partitions = this.partitionsFor(groups.bytes);
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

  private join(node: JoinNode): Fragment {
    const left = this.visit(node.left);
    const right = this.visit(node.right);
    if (left.tasks.kind === 'single' && right.tasks.kind === 'single') return { plan: { ...node, left: left.plan, right: right.plan }, tasks: SINGLE };
    // RIGHT and FULL joins emit unmatched build rows: each build row must be in exactly one task.
    const buildOnce = node.type === 'right' || node.type === 'full';
    const keyed = node.leftKeys.length > 0;
    const buildBytes = estimate(node.right, this.opts.stats).bytes;
    const probeBytes = estimate(node.left, this.opts.stats).bytes;
    // Every probe task hashes a broadcast build side whole. With several probe tasks and a build
    // side larger than the probe side, hash-partitioning both moves fewer bytes and hashes each
    // build row once (TPC-H Q21 hashed a 3.8M-row build side in each of 4 tasks).
    const replicated = this.taskCount(left.tasks) > 1 && buildBytes > probeBytes;
    const broadcast =
      left.tasks.kind === 'single' ||
      !keyed ||
      node.nullAware ||
      (!buildOnce && buildBytes <= this.opts.broadcastMaxBytes && !replicated);
    if (broadcast) {
      if (left.tasks.kind === 'single' || buildOnce) {
        return { plan: { ...node, left: this.gathered(left), right: this.gathered(right) }, tasks: SINGLE };
      }
      return { plan: { ...node, left: left.plan, right: this.broadcastSide(right, left.tasks) }, tasks: left.tasks };
    }
    const partitions = this.partitionsFor(Math.max(buildBytes, probeBytes));
    const l = this.close(left, { kind: 'hash', keys: node.leftKeys, partitions });
    const r = this.close(right, { kind: 'hash', keys: node.rightKeys, partitions });
    return {
      plan: { ...node, left: this.remote(l, 'partition'), right: this.remote(r, 'partition') },
      tasks: { kind: 'partitioned', count: partitions },
    };
  }

  /** The fragment's whole output, readable in one task. */
  private gathered(f: Fragment): LogicalPlan {
    return f.tasks.kind === 'single' ? f.plan : this.remote(this.close(f, { kind: 'gather' }), 'all');
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

  private partitionsFor(bytes: number): number {
    return Math.min(this.opts.maxPartitions, Math.max(this.opts.minPartitions, Math.ceil(bytes / this.opts.partitionBytes)));
  }

  close(f: Fragment, output: StageOutput): number {
    const id = this.stages.length;
    let scan: number | null = null;
    let tasks = 1;
    if (f.tasks.kind === 'scan') {
      scan = this.scans.length;
      this.scans.push(f.tasks.scan);
      tasks = this.opts.fragmentsOf(f.tasks.scan);
    } else if (f.tasks.kind === 'partitioned') tasks = f.tasks.count;
    this.stages.push({ id, root: f.plan, scan, tasks, output, types: f.plan.output.map((c) => c.type), consumerTasks: 0 });
    // The stages this one reads now know how many tasks consume them.
    for (const producer of remoteStages(f.plan)) this.stages[producer]!.consumerTasks = tasks;
    return id;
  }

  remote(stage: number, read: RemoteSourceNode['read']): RemoteSourceNode {
    return { kind: 'RemoteSource', stage, read, fanIn: this.opts.fanIn, output: this.stages[stage]!.root.output };
  }
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

function remoteStages(plan: LogicalPlan): number[] {
  return plan.kind === 'RemoteSource' ? [plan.stage] : inputsOf(plan).flatMap(remoteStages);
}
