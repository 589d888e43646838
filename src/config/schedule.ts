/**
 * Report schedules in EventBridge's syntax, `cron(...)` or `rate(...)`, evaluated in UTC as
 * EventBridge evaluates scheduled rules (so daylight saving time never shifts a run).
 *
 * It lives beside the config schema because a bad schedule is a config error found at load; the
 * scheduler and `squall report list` use the same `next`.
 *
 * A rate fires on multiples of its period counted from the Unix epoch (`rate(1 hour)` on every
 * whole hour, `rate(1 day)` at 00:00 UTC), so fire times do not depend on when a process started.
 * EventBridge counts a rate from when the rule was created instead: deployed, the same rate has
 * the same period but its own phase.
 */
import { nextCronTime, parseCron, ScheduleSyntaxError, type CronExpression } from './cron.ts';

export { ScheduleSyntaxError } from './cron.ts';

export interface Schedule {
  /** The expression as written, e.g. `cron(0 6 * * ? *)` (what EventBridge is given). */
  readonly expression: string;
  /** The first fire time strictly after `after` (ms since the epoch, UTC), or null if none. */
  next(after: number): number | null;
}

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
type RateUnit = keyof typeof UNIT_MS;

export function parseSchedule(expression: string): Schedule {
  const cron = /^cron\((.*)\)$/s.exec(expression);
  if (cron) {
    const parsed: CronExpression = parseCron(cron[1]!);
    if (nextCronTime(parsed, Date.UTC(1970, 0, 1) - 1) === null) {
      throw new ScheduleSyntaxError('never fires (no such day in any of its months and years)');
    }
    return { expression, next: (after) => nextCronTime(parsed, after) };
  }
  const rate = /^rate\((.*)\)$/s.exec(expression);
  if (rate) {
    const periodMs = parseRate(rate[1]!);
    return { expression, next: (after) => Math.floor(after / periodMs) * periodMs + periodMs };
  }
  throw new ScheduleSyntaxError('expected cron(...) or rate(...)');
}

/** `N minute|minutes|hour|hours|day|days`: singular for 1 and plural above, as EventBridge wants. */
function parseRate(body: string): number {
  const m = /^(\S+) (\S+)$/.exec(body);
  if (!m) throw new ScheduleSyntaxError('rate takes a value and a unit, e.g. rate(5 minutes)');
  const [, valueText, unitText] = m as unknown as [string, string, string];
  if (!/^\d+$/.test(valueText) || Number(valueText) < 1) throw new ScheduleSyntaxError(`rate value '${valueText}' must be a positive integer`);
  const value = Number(valueText);
  const singular = unitText.replace(/s$/, '');
  if (!(singular in UNIT_MS)) throw new ScheduleSyntaxError(`rate unit '${unitText}' must be minute(s), hour(s) or day(s)`);
  const plural = unitText.endsWith('s');
  if (value === 1 && plural) throw new ScheduleSyntaxError(`use the singular '${singular}' for 1`);
  if (value > 1 && !plural) throw new ScheduleSyntaxError(`use the plural '${singular}s' above 1`);
  return value * UNIT_MS[singular as RateUnit];
}

/**
 * The latest fire time in (after, now], or null when the schedule has none there: the one run a
 * scheduler owes after a pause, however many fire times the pause skipped.
 */
export function latestFireTime(schedule: Schedule, after: number, now: number): number | null {
  // Look back from `now` over growing windows until one holds a fire time, then walk forward
  // through that window: a few steps, where walking from `after` could take millions.
  for (let span = 60_000; ; span *= 2) {
    const from = Math.max(after, now - span);
    let t = schedule.next(from);
    if (t !== null && t <= now) {
      for (let n = schedule.next(t); n !== null && n <= now; n = schedule.next(t)) t = n;
      return t;
    }
    if (from === after) return null;
  }
}
