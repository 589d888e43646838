/**
 * The api Lambda's runner: each query is an execution of the query state machine, named by the
 * query id, that runs on after the request that started it has been answered (API Gateway gives
 * a request 29 s). Later requests ask Step Functions how it is going, each waiting a bounded
 * time, and the first to see it end records the outcome: the result pages the finalize step
 * wrote (the input asks for them), the figures, or the error. Cancel stops the execution.
 */
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { SquallConfig } from '../../config/config.ts';
import { InternalError, SquallError } from '../../errors.ts';
import type { ObjectStore } from '../../storage/objectStore.ts';
import { storeFor } from '../../storage/stores.ts';
import { VARCHAR } from '../../types/sqlType.ts';
import { executionOutcome, POLL_FIRST_MS, POLL_MAX_MS, stopExecution } from '../aws/awsExecutor.ts';
import type { PageSpec, ResultRef } from '../engine/resultPages.ts';
import { queryPrefix, resultPagesPrefix } from '../engine/scratch.ts';
import { queryCanceled } from '../executionError.ts';
import { formatAnalyzedPlan, formatStats } from '../explainAnalyze.ts';
import type { ExecutionReport } from '../executor.ts';
import { awsParallelism, buildQueryInput, scratchUri } from '../queryInput.ts';
import { capsFor, stoppedError, tightestCap } from '../accounting/costLimits.ts';
import { taskCostsSoFar } from '../accounting/taskCostWatch.ts';
import type { Ledger } from '../accounting/ledger.ts';
import { queryStats, type QueryStats } from '../squall.ts';
import { canceledError, queryError } from './queryErrors.ts';
import type { QueryRunner } from './queryRunner.ts';
import type { QueryRecord, QueryStore } from './queryStore.ts';
import type { ResultStore } from './resultStore.ts';

export interface StepFunctionsRunnerOptions {
  readonly client: SFNClient;
  readonly stateMachineArn: string;
  /** Catalogs, planner settings, scratch (s3://), runtime sizing: what each query's input carries. */
  readonly config: SquallConfig;
  readonly store: QueryStore;
  /** Where the service reads pages; also stores EXPLAIN ANALYZE answers, made here. */
  readonly results: ResultStore;
  readonly pageSpec: PageSpec;
  /** Where query costs are recorded and daily budgets read (the deployed LedgerTable). */
  readonly ledger: Ledger;
}

export class StepFunctionsRunner implements QueryRunner {
  private readonly scratch: string;
  private readonly scratchStore: ObjectStore;

  constructor(private readonly opts: StepFunctionsRunnerOptions) {
    this.scratch = scratchUri(opts.config);
    this.scratchStore = storeFor(this.scratch, opts.config.scratchS3);
  }

  async start(record: QueryRecord): Promise<QueryRecord> {
    const { config, store, ledger } = this.opts;
    // The caps go into the input: the plan step refuses a query estimated past one, before any scan.
    const caps = await capsFor(config.accounting, { user: record.user, source: record.source }, ledger);
    const input = buildQueryInput(config, {
      queryId: record.queryId,
      sql: record.sql,
      session: { catalog: record.catalog, schema: record.schema },
      parallelism: awsParallelism(config),
      resultPages: this.opts.pageSpec,
      cost: { architecture: config.runtime.architecture, caps, model: config.accounting?.estimate ?? {} },
    });
    let executionArn: string;
    try {
      const started = await this.opts.client.send(
        new StartExecutionCommand({ stateMachineArn: this.opts.stateMachineArn, name: record.queryId, input: JSON.stringify(input) }),
      );
      executionArn = started.executionArn!;
    } catch (err) {
      const failed = await store.update(record.queryId, (r) => ({ ...r, state: 'FAILED', endedAt: Date.now(), error: queryError(err) }));
      return failed ?? record;
    }
    const costCap = tightestCap(caps);
    const running = await store.update(record.queryId, (r) => ({ ...r, state: 'RUNNING', startedAt: Date.now(), executionArn, costCap }));
    return running ?? record;
  }

  async wait(record: QueryRecord, waitMs: number): Promise<QueryRecord> {
    const { executionArn } = record;
    if (record.endedAt !== null || executionArn === null) return record;
    const deadline = Date.now() + waitMs;
    let pause = POLL_FIRST_MS;
    for (;;) {
      const d = await this.opts.client.send(new DescribeExecutionCommand({ executionArn }));
      const outcome = executionOutcome(executionArn, d);
      if (outcome.kind === 'succeeded') {
        const stop = d.stopDate ?? new Date();
        const start = d.startDate ?? stop;
        return this.finish(record, outcome.report, stop.getTime() - start.getTime());
      }
      if (outcome.kind === 'failed') return this.fail(record, outcome.error);
      const stopped = await this.stopIfPastCap(record);
      if (stopped !== null) return stopped;
      const left = deadline - Date.now();
      if (left <= 0) return (await this.opts.store.get(record.queryId)) ?? record;
      await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
      pause = Math.min(POLL_MAX_MS, pause * 2);
    }
  }

  /**
   * Stops the execution and deletes what it wrote. Invocations already running when it stops
   * run to their end on AWS and may still write partials: the `queries/` lifecycle rule takes those.
   */
  async cancel(record: QueryRecord): Promise<void> {
    if (record.executionArn !== null) await stopExecution(this.opts.client, record.executionArn, queryCanceled());
    await Promise.all([
      this.scratchStore.deletePrefix(queryPrefix(this.scratch, record.queryId)),
      this.scratchStore.deletePrefix(resultPagesPrefix(this.scratch, record.queryId)),
    ]);
  }

  /**
   * A running query whose tasks have cost more than its cap is stopped (StopExecution) and
   * fails with the cost error; the ledger records what it spent. Checked at each poll, so a
   * query ends at most a poll after it passed its cap (plus the tasks then running).
   */
  private async stopIfPastCap(record: QueryRecord): Promise<QueryRecord | null> {
    const cap = record.costCap;
    if (cap === null || record.executionArn === null) return null;
    const spent = await taskCostsSoFar(this.scratchStore, this.scratch, record.queryId, this.opts.config.runtime.architecture);
    if (spent <= cap.usd) return null;
    const error = stoppedError(record.queryId, spent, cap);
    await stopExecution(this.opts.client, record.executionArn, error);
    return this.fail(record, error, spent);
  }

  async settle(): Promise<void> {
    // Nothing runs here: the executions run in Step Functions.
  }

  private async finish(record: QueryRecord, report: ExecutionReport, wallMs: number): Promise<QueryRecord> {
    const { store } = this.opts;
    const final = report.final;
    // Every poller that sees the end computes the same figures; the ledger records a query once.
    const stats = queryStats(report, wallMs, this.opts.config.runtime.architecture, 0);
    await this.record(record, 'FINISHED', stats.estimatedCostUsd);
    const result = final.analyze && final.explain !== undefined ? await this.analyzeAnswer(record.queryId, final.explain, stats, final.rowCount) : final.pages;
    if (result === undefined) return this.fail(record, new InternalError(`Query ${record.queryId}: the final step wrote no result pages`));
    const ended = await store.update(record.queryId, (r) => ({
      ...r,
      state: 'FINISHED',
      endedAt: Date.now(),
      processedRows: stats.rowsScanned,
      progress: { ...r.progress, completedSplits: r.progress.totalSplits, processedBytes: stats.bytesScanned },
      result,
      stats,
    }));
    // The plan and partials are spent; the pages stay for the client (and the lifecycle rule).
    await this.scratchStore.deletePrefix(queryPrefix(this.scratch, record.queryId)).catch(() => undefined);
    return ended ?? record;
  }

  /**
   * `spentUsd`: what it is known to have cost. Otherwise, for a capped query, what its tasks'
   * markers say; else $0 (a failed execution's bill is in its history, which is not read).
   */
  private async fail(record: QueryRecord, error: SquallError, spentUsd?: number): Promise<QueryRecord> {
    const canceled = error.code === 'USER_CANCELED';
    const architecture = this.opts.config.runtime.architecture;
    const spent = spentUsd ?? (record.costCap !== null ? await taskCostsSoFar(this.scratchStore, this.scratch, record.queryId, architecture).catch(() => 0) : 0);
    await this.record(record, 'FAILED', spent, error.code);
    const ended = await this.opts.store.update(record.queryId, (r) => ({
      ...r,
      state: 'FAILED',
      endedAt: Date.now(),
      error: canceled ? canceledError() : queryError(error),
      canceled,
    }));
    await this.scratchStore.deletePrefix(queryPrefix(this.scratch, record.queryId)).catch(() => undefined);
    return ended ?? record;
  }

  private async record(record: QueryRecord, state: 'FINISHED' | 'FAILED', costUsd: number, errorCode?: string): Promise<void> {
    await this.opts.ledger.record({ queryId: record.queryId, user: record.user, source: record.source, endedAt: Date.now(), costUsd, state, ...(errorCode ? { errorCode } : {}) });
  }

  /** EXPLAIN ANALYZE answers, as Trino does, with the plan and what each stage did: known only now. */
  private analyzeAnswer(queryId: string, explain: string, stats: QueryStats, rowCount: number): Promise<ResultRef> {
    const text = `${formatAnalyzedPlan(explain, stats, rowCount)}\n\n${formatStats(stats)}`;
    return this.opts.results.put(queryId, [{ name: 'Query Plan', type: VARCHAR }], [[text]]);
  }
}
