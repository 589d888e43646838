/**
 * One run of a report: claim the run in the run store, run the SQL through the engine, write the
 * output to `<destination>/<name>/<run time>.<ext>` with one PUT, record how it ended.
 *
 * At most once per scheduled time: a run already claimed (by an earlier delivery of the same
 * EventBridge event, or another scheduler) is not run again. A failed run is recorded FAILED with
 * its error and leaves no output: the output is encoded whole in memory and written only after
 * the query succeeded, by a PUT that is atomic for readers.
 */
import { randomUUID } from 'node:crypto';
import type { ReportConfig } from '../../config/config.ts';
import { SquallError } from '../../errors.ts';
import { storeFor } from '../../storage/stores.ts';
import { failedQueryCost } from '../accounting/queryAccounting.ts';
import type { QueryOptions, QueryResult, Session } from '../squall.ts';
import { encodeOutput, outputUri, runTimestamp } from './reportOutput.ts';
import { reportUser, type ReportRun, type ReportRunStore } from './reportRunStore.ts';

/** What a report needs of the engine (Squall, or anything with its `query`). */
export interface ReportEngine {
  query(sql: string, session?: Session, onProgress?: undefined, options?: QueryOptions): Promise<QueryResult>;
}

export interface ReportRunContext {
  readonly engine: ReportEngine;
  readonly runs: ReportRunStore;
  /** The clock for startedAt/endedAt (default Date.now). */
  readonly now?: () => number;
  /**
   * A RUNNING record older than this is taken as left by a runner that died and may be taken
   * over. Default 20 minutes: longer than a Lambda can live (15).
   */
  readonly leaseMs?: number;
}

export interface RunReportOptions {
  /** The fire time this run is for (ms since the epoch); manual runs pass the current time. */
  readonly scheduledFor: number;
  readonly trigger: 'schedule' | 'manual';
  readonly signal?: AbortSignal;
}

export type ReportRunOutcome =
  /** The run was this caller's: `run` is its final record. */
  | { readonly ran: true; readonly run: ReportRun }
  /** Someone else has (or had) this run: `existing` is its record. */
  | { readonly ran: false; readonly existing: ReportRun | undefined };

export const DEFAULT_LEASE_MS = 20 * 60_000;

export async function runReport(report: ReportConfig, opts: RunReportOptions, ctx: ReportRunContext): Promise<ReportRunOutcome> {
  const now = ctx.now ?? Date.now;
  const runId = runTimestamp(opts.scheduledFor);
  const startedAt = now();
  const claimed: ReportRun = {
    report: report.name,
    runId,
    scheduledFor: new Date(Math.floor(opts.scheduledFor / 1000) * 1000).toISOString(),
    trigger: opts.trigger,
    startedAt: new Date(startedAt).toISOString(),
    endedAt: null,
    state: 'RUNNING',
    rows: null,
    bytes: null,
    costUsd: null,
    output: null,
    error: null,
    user: reportUser(report),
    source: report.source ?? null,
    queryId: null,
    claim: randomUUID(),
  };
  const staleBefore = new Date(startedAt - (ctx.leaseMs ?? DEFAULT_LEASE_MS)).toISOString();
  if (!(await ctx.runs.claim(claimed, staleBefore))) {
    return { ran: false, existing: await ctx.runs.get(report.name, runId) };
  }

  let ended: ReportRun;
  try {
    // The user and source the report's query is accounted to.
    const options: QueryOptions = { user: claimed.user, source: claimed.source, ...(opts.signal ? { signal: opts.signal } : {}) };
    const result = await ctx.engine.query(report.sql, {}, undefined, options);
    const body = await encodeOutput(report.format, result);
    const uri = outputUri(report, runId);
    await storeFor(uri, report.s3).put(uri, body);
    ended = {
      ...claimed,
      state: 'SUCCEEDED',
      endedAt: new Date(now()).toISOString(),
      rows: result.batch.length,
      bytes: body.length,
      costUsd: result.stats.estimatedCostUsd,
      output: uri,
      queryId: result.queryId,
    };
  } catch (err) {
    // A failed query was billed too: the cost its error carries (none for a run that failed after).
    const costUsd = failedQueryCost(err)?.estimatedCostUsd ?? null;
    ended = { ...claimed, state: 'FAILED', endedAt: new Date(now()).toISOString(), error: describeError(err), costUsd };
  }
  await ctx.runs.finish(ended);
  return { ran: true, run: ended };
}

/** `CODE: message` on one line. */
function describeError(err: unknown): string {
  if (err instanceof SquallError) return `${err.code}: ${err.describe()}`;
  const message = err instanceof Error ? err.message : String(err);
  return `GENERIC_INTERNAL_ERROR: ${message.split('\n')[0]}`;
}
