/** Adding up the work figures that flow with partials. */
import { addCounters, emptyCounters, type StoreCounters } from '../../storage/objectStore.ts';
import type { StageStats, WorkStats } from './messages.ts';

export function emptyWork(): WorkStats {
  return { invocations: 0, durationMs: 0, gbSeconds: 0, rowsScanned: 0, rowGroupsRead: 0, bytesScanned: 0, s3: emptyCounters(), peakMemoryBytes: 0 };
}

export function addWork(into: WorkStats, from: WorkStats): WorkStats {
  into.invocations += from.invocations;
  into.durationMs += from.durationMs;
  into.gbSeconds += from.gbSeconds;
  into.rowsScanned += from.rowsScanned;
  into.rowGroupsRead += from.rowGroupsRead;
  into.bytesScanned += from.bytesScanned;
  addCounters(into.s3, from.s3);
  into.peakMemoryBytes = Math.max(into.peakMemoryBytes, from.peakMemoryBytes);
  return into;
}

export function sumWork(...parts: WorkStats[]): WorkStats {
  return parts.reduce((acc, p) => addWork(acc, p), emptyWork());
}

/** Counters accrued since `before` (stores are shared, so each invocation diffs a snapshot). */
export function countersSince(now: StoreCounters, before: StoreCounters): StoreCounters {
  return {
    getRequests: now.getRequests - before.getRequests,
    putRequests: now.putRequests - before.putRequests,
    listRequests: now.listRequests - before.listRequests,
    headRequests: now.headRequests - before.headRequests,
    deleteRequests: now.deleteRequests - before.deleteRequests,
    bytesRead: now.bytesRead - before.bytesRead,
    bytesWritten: now.bytesWritten - before.bytesWritten,
  };
}

/** One invocation's own work: duration × memory, the request counters it caused. */
export function invocationWork(durationMs: number, memoryMb: number, s3: StoreCounters): WorkStats {
  return {
    ...emptyWork(),
    invocations: 1,
    durationMs,
    gbSeconds: (Math.ceil(durationMs) / 1000) * (memoryMb / 1024),
    s3,
  };
}

export function emptyStageStats(): StageStats {
  return { ...emptyWork(), rowsOut: 0, exchangeBytesWritten: 0, exchangeBytesRead: 0, buildCacheHits: 0, startedAtMs: 0, endedAtMs: 0 };
}

export function addStageStats(into: StageStats, from: StageStats): StageStats {
  addWork(into, from);
  into.rowsOut += from.rowsOut;
  into.exchangeBytesWritten += from.exchangeBytesWritten;
  into.exchangeBytesRead += from.exchangeBytesRead;
  into.buildCacheHits += from.buildCacheHits;
  if (from.startedAtMs > 0) into.startedAtMs = into.startedAtMs === 0 ? from.startedAtMs : Math.min(into.startedAtMs, from.startedAtMs);
  into.endedAtMs = Math.max(into.endedAtMs, from.endedAtMs);
  return into;
}

/** Fold one object's per-stage figures into a running total. */
export function addStageMeta(into: Record<string, StageStats>, from: Record<string, StageStats>): void {
  for (const [stage, stats] of Object.entries(from)) addStageStats((into[stage] ??= emptyStageStats()), stats);
}
