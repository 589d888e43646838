/**
 * The engine as a library: open a runtime for a configuration, run SQL through the distributed
 * pipeline (plan → scans → merge levels → finalize, as the state machine orders them), and get
 * the rows with the query's figures. The CLI and the tests use this; so would an API handler.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SquallConfig } from '../config/config.ts';
import { SquallError } from '../errors.ts';
import { decodeBatch } from '../exec/serde.ts';
import type { OutputColumn } from '../plan/logical.ts';
import { storeFor } from '../storage/stores.ts';
import { addWork, emptyWork } from './engine/workStats.ts';
import type { WorkStats } from './engine/messages.ts';
import { VARCHAR } from '../types/sqlType.ts';
import { vectorFromValues, type Batch } from '../types/vector.ts';
import { formatAnalyzedPlan, formatStats } from './explainAnalyze.ts';
import { athenaCost, estimateCost, type CostBreakdown } from './cost.ts';
import type { PlanningStats, PlanOutput, StageWork } from './engine/messages.ts';
import { queryPrefix } from './engine/scratch.ts';
import type { ExecutionReport, QueryExecutor } from './executor.ts';
import { newQueryId } from './queryId.ts';
import { awsParallelism, buildQueryInput, scratchUri } from './queryInput.ts';
import { LocalExecutor } from './local/localExecutor.ts';
import type { FaultInjector } from './local/localStateMachine.ts';

export interface QueryStats {
  readonly wallMs: number;
  readonly fragments: number;
  readonly invocations: number;
  readonly bytesScanned: number;
  readonly rowsScanned: number;
  readonly rowGroupsPruned: number;
  readonly billedGbSeconds: number;
  readonly s3Requests: number;
  readonly estimatedCostUsd: number;
  // beyond the contract's fields:
  readonly rowGroupsTotal: number;
  readonly filesTotal: number;
  readonly filesPruned: number;
  readonly partitionsPruned: number;
  /** Compressed bytes of the needed column chunks (what an ideal scan fetches). */
  readonly bytesNeeded: number;
  readonly stateTransitions: number;
  readonly mapIterations: number;
  readonly retries: number;
  readonly failedInvocations: number;
  readonly cost: CostBreakdown;
  /** What Athena would bill for the same bytes. */
  readonly athenaCostUsd: number;
  readonly planning: PlanningStats;
  readonly stages: StageWork;
  /** Per function: invocations and billed GB-seconds, failed attempts included. */
  readonly byFunction: Record<string, { invocations: number; billedGbSeconds: number; durationMs: number }>;
}

export interface QueryResult {
  readonly queryId: string;
  readonly columns: readonly OutputColumn[];
  readonly batch: Batch;
  readonly stats: QueryStats;
  /** The distributed plan text (EXPLAIN; with EXPLAIN ANALYZE, each stage's actual figures too). */
  readonly explain?: string;
}

export interface QueryProgress {
  readonly tasksTotal: number;
  readonly tasksDone: number;
  readonly bytesScanned: number;
}

export interface Session {
  readonly catalog?: string | null;
  readonly schema?: string | null;
}

export interface QueryOptions {
  /**
   * Cancels the query: the execution stops (no further invocations), its scratch objects are
   * deleted, and `query` rejects with a SquallError USER_CANCELED.
   */
  readonly signal?: AbortSignal;
}

export interface SquallOptions {
  readonly config: SquallConfig;
  /** Worker threads (the local "Lambda" concurrency). Default: the number of CPUs. */
  readonly workers?: number;
  readonly faults?: FaultInjector;
  readonly retryDelayMs?: number;
  /** Keep each query's scratch objects (plan, partials, result) for inspection. */
  readonly keepScratch?: boolean;
  /** Local runtime: reach the functions through the Lambda invoke API on loopback (SDK path). */
  readonly dispatch?: 'direct' | 'lambda-api';
}

export class Squall {
  private readonly executor: Promise<QueryExecutor> | QueryExecutor;
  private readonly scratch: string;
  /** Invocations that can run at once (worker threads locally, account concurrency on AWS). */
  readonly workers: number;
  constructor(private readonly opts: SquallOptions) {
    const runtime = opts.config.runtime;
    if (runtime.kind === 'aws') {
      // The SFN client loads only for the AWS runtime.
      this.workers = awsParallelism(opts.config);
      this.executor = import('./aws/awsExecutor.ts').then(
        (m) =>
          new m.AwsExecutor({
            stateMachineArn: runtime.stateMachineArn!,
            parallelism: this.workers,
            ...(runtime.region ? { region: runtime.region } : {}),
            ...(runtime.endpoint ? { endpoint: runtime.endpoint } : {}),
          }),
      );
    } else {
      this.executor = new LocalExecutor({
        workers: opts.workers ?? runtime.workers ?? Math.max(1, os.availableParallelism()),
        root: packageRoot(),
        ...(runtime.memoryMb !== undefined ? { memoryMb: runtime.memoryMb } : {}),
        ...(opts.dispatch ? { dispatch: opts.dispatch } : {}),
        ...(opts.faults ? { faults: opts.faults } : {}),
        ...(opts.retryDelayMs !== undefined ? { retryDelayMs: opts.retryDelayMs } : {}),
      });
      this.workers = this.executor.parallelism;
    }
    this.scratch = scratchUri(opts.config);
  }

  async query(sql: string, session: Session = {}, onProgress?: (p: QueryProgress) => void, options: QueryOptions = {}): Promise<QueryResult> {
    const { signal } = options;
    if (signal?.aborted) throw new SquallError('USER_CANCELED', 'Query was canceled');
    const started = performance.now();
    const config = this.opts.config;
    const queryId = newQueryId();
    const input = buildQueryInput(config, { queryId, sql, session, parallelism: this.workers });
    const scratchStore = storeFor(this.scratch, config.scratchS3);
    try {
      const report = await (await this.executor).execute(input, onProgress ? progressTracker(onProgress) : undefined, signal);
      const final = report.final;
      if (final.analyze && final.explain !== undefined) {
        // EXPLAIN ANALYZE answers, as Trino does, with the plan and what each stage did.
        const stats = queryStats(report, performance.now() - started, config.runtime.architecture);
        const explain = formatAnalyzedPlan(final.explain, stats, final.rowCount);
        const text = `${explain}\n\n${formatStats(stats)}`;
        return { queryId, columns: [{ name: 'Query Plan', type: VARCHAR }], batch: { columns: [vectorFromValues(VARCHAR, [text])], length: 1 }, stats, explain };
      }
      const body = await scratchStore.get(final.resultUri);
      const { batch } = decodeBatch(body, final.resultUri);
      const stats = queryStats(report, performance.now() - started, config.runtime.architecture);
      return { queryId, columns: final.columns, batch, stats, ...(final.explain !== undefined ? { explain: final.explain } : {}) };
    } finally {
      // A canceled query's scratch goes even when kept for inspection: nothing will read it.
      if (!this.opts.keepScratch || signal?.aborted) await scratchStore.deletePrefix(queryPrefix(this.scratch, queryId)).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await (await this.executor).close();
  }
}

/** Turns task completions into progress (the plan gives every stage's tasks, each task one more). */
function progressTracker(onProgress: (p: QueryProgress) => void): (fn: string, result: unknown) => void {
  let total = 0;
  let done = 0;
  let bytes = 0;
  return (fn, result) => {
    if (fn === 'plan') total = ((result as Partial<PlanOutput>).stages ?? []).reduce((s, stage) => s + stage.tasks.length, 0);
    else if (fn === 'scan') {
      done++;
      bytes += (result as { bytesScanned?: number }).bytesScanned ?? 0;
    } else return;
    onProgress({ tasksTotal: total, tasksDone: done, bytesScanned: bytes });
  };
}

/** The query's figures from its execution report (also the query API's, for executions it started). */
export function queryStats(report: ExecutionReport, wallMs: number, architecture: 'arm64' | 'x86_64'): QueryStats {
  const final = report.final;
  const byFunction: QueryStats['byFunction'] = {};
  let gbSeconds = 0;
  let invocations: number;
  if (report.invocations !== null) {
    // Local: every attempt is known, failed ones included.
    for (const r of report.invocations) {
      const billed = (Math.ceil(r.durationMs) / 1000) * (r.memoryMb / 1024);
      gbSeconds += billed;
      const f = (byFunction[r.fn] ??= { invocations: 0, billedGbSeconds: 0, durationMs: 0 });
      f.invocations++;
      f.billedGbSeconds += billed;
      f.durationMs += r.durationMs;
    }
    invocations = report.invocations.length;
  } else {
    // AWS: what the handlers reported with their partials (successful attempts).
    const s = final.stages;
    // The scan function runs every stage's tasks; the merge function the final fragment.
    for (const [fn, w] of [['plan', s.plan], ['scan', addWorkCopy(s.scan, s.merge)], ['merge', s.finalize]] as const) {
      byFunction[fn] = { invocations: w.invocations, billedGbSeconds: w.gbSeconds, durationMs: w.durationMs };
    }
    gbSeconds = final.work.gbSeconds;
    invocations = final.work.invocations;
  }
  const s3 = final.work.s3;
  const s3Gets = s3.getRequests + s3.headRequests;
  const s3PutsAndLists = s3.putRequests + s3.listRequests;
  const cost = estimateCost({
    architecture,
    lambdaInvocations: invocations,
    gbSeconds,
    s3Gets,
    s3PutsAndLists,
    standardTransitions: report.standardTransitions,
    expressExecutions: report.mapIterations,
  });
  const p = final.planning;
  return {
    wallMs,
    fragments: final.fragments,
    invocations,
    bytesScanned: final.work.bytesScanned,
    rowsScanned: final.work.rowsScanned,
    rowGroupsPruned: p.rowGroupsPruned,
    billedGbSeconds: gbSeconds,
    s3Requests: s3Gets + s3PutsAndLists + s3.deleteRequests,
    estimatedCostUsd: cost.totalUsd,
    rowGroupsTotal: p.rowGroupsTotal,
    filesTotal: p.filesTotal,
    filesPruned: p.filesPruned,
    partitionsPruned: p.partitionsPruned,
    bytesNeeded: p.bytesNeeded,
    stateTransitions: report.standardTransitions,
    mapIterations: report.mapIterations,
    retries: report.retries,
    failedInvocations: report.invocations?.filter((r) => !r.ok).length ?? 0,
    cost,
    athenaCostUsd: athenaCost(final.work.bytesScanned),
    planning: p,
    stages: final.stages,
    byFunction,
  };
}

function addWorkCopy(a: WorkStats, b: WorkStats): WorkStats {
  return addWork(addWork(emptyWork(), a), b);
}

/** The package directory (holding dist/): found from this module, bundled or not. */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'squall') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the squall package directory');
    dir = parent;
  }
}
