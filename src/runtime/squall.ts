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
import { decodeBatch } from '../exec/serde.ts';
import type { OutputColumn } from '../plan/logical.ts';
import { storeFor } from '../storage/stores.ts';
import { VARCHAR } from '../types/sqlType.ts';
import { vectorFromValues, type Batch } from '../types/vector.ts';
import { formatAnalyzedPlan, formatStats } from './explainAnalyze.ts';
import { athenaCost } from './cost.ts';
import { costBreakdown, type CostBreakdown } from './accounting/costBreakdown.ts';
import { MemoryLedger, type Ledger } from './accounting/ledger.ts';
import { openLedger } from './accounting/openLedger.ts';
import { QueryAccounting } from './accounting/queryAccounting.ts';
import { reportUsage } from './accounting/reportUsage.ts';
import type { PlanningStats, PlanOutput, StageWork } from './engine/messages.ts';
import { queryPrefix } from './engine/scratch.ts';
import type { ExecutionObserver, ExecutionReport, QueryExecutor } from './executor.ts';
import { queryCanceled } from './executionError.ts';
import { newQueryId } from './queryId.ts';
import { awsParallelism, buildQueryInput, scratchUri } from './queryInput.ts';
import { LocalExecutor } from './local/localExecutor.ts';
import type { FaultInjector } from './local/localStateMachine.ts';
import type { InvocationRecord } from './local/workerPool.ts';

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
  /** Every billed line (quantity, unit price, dollars), service subtotals and the total (= estimatedCostUsd). */
  readonly cost: CostBreakdown;
  /** The planner's estimate, checked against the caps before any task ran. */
  readonly plannedCostUsd: number | null;
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
  readonly rowsScanned: number;
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
  /** Who runs the query: the user's and source's limits apply, the ledger records it under them (default: the OS user). */
  readonly user?: string;
  /** The client tool (X-Trino-Source, the CLI's --source), if any. */
  readonly source?: string | null;
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
  /** Where query costs are recorded; default: the config's `accounting.ledger`, else in memory. */
  readonly ledger?: Ledger;
  /** Told of every invocation attempt of every query as it ends (local runtime): monitoring, tests. */
  readonly onInvocation?: (r: InvocationRecord) => void;
}

export class Squall {
  private readonly executor: Promise<QueryExecutor> | QueryExecutor;
  private readonly scratch: string;
  /** Invocations that can run at once (worker threads locally, account concurrency on AWS). */
  readonly workers: number;
  readonly ledger: Promise<Ledger>;

  constructor(private readonly opts: SquallOptions) {
    this.ledger = opts.ledger ? Promise.resolve(opts.ledger) : openLedger(opts.config.accounting, () => new MemoryLedger());
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
    if (signal?.aborted) throw queryCanceled();
    const started = performance.now();
    const config = this.opts.config;
    const queryId = newQueryId();
    const architecture = config.runtime.architecture;
    const accounting = await QueryAccounting.begin({
      queryId,
      who: { user: options.user ?? os.userInfo().username, source: options.source ?? null },
      ledger: await this.ledger,
      architecture,
      accounting: config.accounting,
      signal,
    });
    const input = buildQueryInput(config, { queryId, sql, session, parallelism: this.workers, cost: accounting.control });
    const scratchStore = storeFor(this.scratch, config.scratchS3);
    const progress = onProgress ? progressTracker(onProgress) : undefined;
    const onTaskDone = (fn: string, result: unknown): void => {
      accounting.meter.taskDone(fn, result);
      progress?.(fn, result);
    };
    const tap = this.opts.onInvocation;
    const meter = accounting.meter;
    const observer: ExecutionObserver = tap ? { transition: meter.transition, invocation: (r) => (meter.invocation(r), tap(r)) } : meter;
    try {
      let report: ExecutionReport;
      try {
        report = await (await this.executor).execute(input, onTaskDone, accounting.signal, observer);
      } catch (err) {
        throw await accounting.failed(err, signal?.aborted ?? false);
      }
      const final = report.final;
      const readsResult = !(final.analyze && final.explain !== undefined);
      const stats = queryStats(report, performance.now() - started, architecture, readsResult ? 1 : 0);
      await accounting.finished(stats.estimatedCostUsd);
      if (final.analyze && final.explain !== undefined) {
        // EXPLAIN ANALYZE answers, as Trino does, with the plan and what each stage did.
        const explain = formatAnalyzedPlan(final.explain, stats, final.rowCount);
        const text = `${explain}\n\n${formatStats(stats)}`;
        return { queryId, columns: [{ name: 'Query Plan', type: VARCHAR }], batch: { columns: [vectorFromValues(VARCHAR, [text])], length: 1 }, stats, explain };
      }
      const body = await scratchStore.get(final.resultUri);
      const { batch } = decodeBatch(body, final.resultUri);
      return { queryId, columns: final.columns, batch, stats, ...(final.explain !== undefined ? { explain: final.explain } : {}) };
    } finally {
      // A canceled query's scratch goes even when kept for inspection: nothing will read it.
      if (!this.opts.keepScratch || accounting.signal.aborted) await scratchStore.deletePrefix(queryPrefix(this.scratch, queryId)).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await (await this.executor).close();
    // A ledger passed in belongs to the caller.
    if (!this.opts.ledger) await (await this.ledger).close();
  }
}

/** Turns task completions into progress (the plan gives every stage's tasks, each task one more). */
function progressTracker(onProgress: (p: QueryProgress) => void): (fn: string, result: unknown) => void {
  let total = 0;
  let done = 0;
  let bytes = 0;
  let rows = 0;
  return (fn, result) => {
    if (fn === 'plan') total = ((result as Partial<PlanOutput>).stages ?? []).reduce((s, stage) => s + stage.tasks.length, 0);
    else if (fn === 'scan') {
      done++;
      const task = result as { bytesScanned?: number; rowsScanned?: number };
      bytes += task.bytesScanned ?? 0;
      rows += task.rowsScanned ?? 0;
    } else return;
    onProgress({ tasksTotal: total, tasksDone: done, bytesScanned: bytes, rowsScanned: rows });
  };
}

/**
 * The query's figures from its execution report (also the query API's, for executions it
 * started). `resultGets`: the driver's own reads of the result object, billed to the query too.
 */
export function queryStats(report: ExecutionReport, wallMs: number, architecture: 'arm64' | 'x86_64', resultGets: number): QueryStats {
  const final = report.final;
  const usage = reportUsage(report);
  usage.s3Gets += resultGets;
  const cost = costBreakdown(usage, architecture);
  const byFunction: QueryStats['byFunction'] = {};
  for (const [fn, f] of Object.entries(usage.byFunction)) byFunction[fn] = { invocations: f.requests, billedGbSeconds: f.gbSeconds, durationMs: f.durationMs };
  const s3 = final.work.s3;
  const p = final.planning;
  return {
    wallMs,
    fragments: final.fragments,
    invocations: cost.lines.lambdaRequests.quantity,
    bytesScanned: final.work.bytesScanned,
    rowsScanned: final.work.rowsScanned,
    rowGroupsPruned: p.rowGroupsPruned,
    billedGbSeconds: cost.lines.lambdaGbSeconds.quantity,
    s3Requests: usage.s3Gets + usage.s3PutsAndLists + s3.deleteRequests,
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
    plannedCostUsd: p.estimatedCostUsd ?? null,
    athenaCostUsd: athenaCost(final.work.bytesScanned),
    planning: p,
    stages: final.stages,
    byFunction,
  };
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
