/**
 * Runs reports on their schedules in one process (`squall serve`), with the clock passed in:
 * `due(now)` says which reports owe a run and for which fire time, `tick(now)` runs them. Tests
 * advance a fake clock instead of waiting; `start()` ticks on a timer that never keeps the process
 * alive.
 *
 * A report owes the latest fire time after its last scheduled run (from the run store, so a
 * restart neither repeats a run nor forgets one it missed) or, if it never ran, after the
 * scheduler's `since`; fire times a pause skipped collapse into that one run, as a missed
 * EventBridge delivery would not be replayed either. Each fire time runs at most once: the
 * scheduler remembers what it started, and the run store's claim refuses a time already taken.
 */
import type { ReportConfig } from '../../config/config.ts';
import { latestFireTime, parseSchedule, type Schedule } from '../../config/schedule.ts';
import { runReport, type ReportRunContext, type ReportRunOutcome } from './runReport.ts';

export interface SchedulerOptions {
  readonly reports: readonly ReportConfig[];
  readonly context: ReportRunContext;
  /** A report that never ran owes no fire time before this (ms since the epoch). */
  readonly since: number;
  /** Runs that end (succeeded, failed, or found taken). */
  readonly onRun?: (outcome: ReportRunOutcome) => void;
  /** Failures outside a run (the run store unreachable…). */
  readonly onError?: (report: string, err: unknown) => void;
}

export interface DueRun {
  readonly report: ReportConfig;
  readonly scheduledFor: number;
}

/** How many recent runs are read to find a report's last scheduled one (manual runs sit among them). */
const HISTORY = 20;

export class Scheduler {
  private readonly schedules: ReadonlyMap<string, Schedule>;
  /** The fire time of each report's last scheduled run, once known. */
  private readonly last = new Map<string, number | null>();
  private readonly running = new Map<string, { readonly done: Promise<void>; readonly abort: AbortController }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: SchedulerOptions) {
    this.schedules = new Map(opts.reports.map((r) => [r.name, parseSchedule(r.schedule)]));
  }

  /** The reports that owe a run at `now`, each with the fire time it is for. */
  async due(now: number): Promise<DueRun[]> {
    const out: DueRun[] = [];
    for (const report of this.opts.reports) {
      if (this.running.has(report.name)) continue;
      const last = await this.lastScheduled(report.name);
      const fire = latestFireTime(this.schedules.get(report.name)!, last ?? this.opts.since, now);
      if (fire !== null) out.push({ report, scheduledFor: fire });
    }
    return out;
  }

  /** Runs every due report (at once) and resolves when they have ended. */
  async tick(now: number): Promise<ReportRunOutcome[]> {
    const outcomes: ReportRunOutcome[] = [];
    const started = (await this.due(now)).map(({ report, scheduledFor }) => {
      this.last.set(report.name, scheduledFor);
      const abort = new AbortController();
      const done = runReport(report, { scheduledFor, trigger: 'schedule', signal: abort.signal }, this.opts.context)
        .then(
          (outcome) => {
            outcomes.push(outcome);
            this.opts.onRun?.(outcome);
          },
          (err: unknown) => this.opts.onError?.(report.name, err),
        )
        .finally(() => this.running.delete(report.name));
      this.running.set(report.name, { done, abort });
      return done;
    });
    await Promise.all(started);
    return outcomes;
  }

  /** The next fire time after `now` (what `report list` shows), or null. */
  nextRun(reportName: string, now: number): number | null {
    return this.schedules.get(reportName)?.next(now) ?? null;
  }

  /** Ticks every `intervalMs` on the real clock (the timer does not keep the process alive). */
  start(intervalMs = 10_000, clock: () => number = Date.now): void {
    if (this.timer !== undefined) return;
    const tick = (): void => {
      this.tick(clock()).catch((err: unknown) => this.opts.onError?.('*', err));
    };
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
    tick();
  }

  /** Stops ticking; runs in progress are canceled (recorded FAILED, USER_CANCELED) and awaited. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    const running = [...this.running.values()];
    for (const r of running) r.abort.abort();
    await Promise.all(running.map((r) => r.done));
  }

  private async lastScheduled(name: string): Promise<number | null> {
    if (!this.last.has(name)) {
      const runs = await this.opts.context.runs.list(name, HISTORY);
      const scheduled = runs.find((r) => r.trigger === 'schedule');
      this.last.set(name, scheduled === undefined ? null : Date.parse(scheduled.scheduledFor));
    }
    return this.last.get(name)!;
  }
}
