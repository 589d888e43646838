/**
 * Where report runs are recorded: one record per (report, run), the run id being its time as in
 * the output key. A run is claimed (recorded RUNNING) before its query starts, so a second
 * delivery of the same scheduled time (EventBridge retries, two schedulers) finds it taken and
 * neither runs the query again nor writes the output twice; then the claimant records its end.
 */
import type { ReportConfig } from '../../config/config.ts';

export type ReportRunState = 'RUNNING' | 'SUCCEEDED' | 'FAILED';

export interface ReportRun {
  readonly report: string;
  /** The scheduled time as in the output key (`2026-11-21T06-00-00Z`): sorts in time order. */
  readonly runId: string;
  /** ISO 8601: the fire time this run is for (for a manual run, when it was asked for). */
  readonly scheduledFor: string;
  readonly trigger: 'schedule' | 'manual';
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly state: ReportRunState;
  /** Rows written, bytes of the output object, estimated cost of the query (null until it ends). */
  readonly rows: number | null;
  readonly bytes: number | null;
  readonly costUsd: number | null;
  /** The output object's URI once written. */
  readonly output: string | null;
  /** `CODE: message` of a failed run. */
  readonly error: string | null;
  readonly user: string;
  readonly source: string | null;
  readonly queryId: string | null;
  /** A random token naming the claimant; only it may record the run's end. */
  readonly claim: string;
}

export interface ReportRunStore {
  /**
   * Records `run` (RUNNING) unless its (report, runId) already has a record, other than a RUNNING
   * one started before `staleBefore` (its runner died: the run may be taken over). True when the
   * caller now owns the run.
   */
  claim(run: ReportRun, staleBefore: string): Promise<boolean>;
  /** Replaces the caller's RUNNING record by its end; false when the run is no longer its claim. */
  finish(run: ReportRun): Promise<boolean>;
  get(report: string, runId: string): Promise<ReportRun | undefined>;
  /** The report's last `limit` runs, newest first. */
  list(report: string, limit: number): Promise<ReportRun[]>;
}

/** Whom a report's queries are accounted to. */
export function reportUser(report: Pick<ReportConfig, 'name' | 'user'>): string {
  return report.user ?? `report:${report.name}`;
}

export const RUN_STATES: readonly ReportRunState[] = ['RUNNING', 'SUCCEEDED', 'FAILED'];
