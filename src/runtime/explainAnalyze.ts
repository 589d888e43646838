/** Human-readable query figures: the one-line summary, EXPLAIN ANALYZE's plan with actual figures and its per-stage table. */
import type { StageStats, WorkStats } from './engine/messages.ts';
import type { QueryStats } from './squall.ts';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB', 'PB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

export function formatUsd(x: number): string {
  return x === 0 ? '$0' : x < 0.01 ? `$${x.toPrecision(3)}` : `$${x.toFixed(4)}`;
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');

export function formatStatsLine(s: QueryStats): string {
  return (
    `${int(s.wallMs)} ms wall, ${s.fragments} fragment(s), ${s.invocations} invocation(s), ` +
    `${formatBytes(s.bytesScanned)} scanned, ${int(s.rowsScanned)} rows, ` +
    `${s.rowGroupsPruned}/${s.rowGroupsTotal} row groups pruned, ${s.billedGbSeconds.toFixed(3)} GB-s, ` +
    `${s.s3Requests} S3 requests, ${s.stateTransitions} transitions, est. ${formatUsd(s.estimatedCostUsd)} ` +
    `(Lambda ${formatUsd(s.cost.lambdaUsd)}, S3 ${formatUsd(s.cost.s3Usd)}, Step Functions ${formatUsd(s.cost.stepFunctionsUsd)})`
  );
}

/** Every billed line: quantity and dollars, adding up to the total. */
export function formatCostLines(s: QueryStats): string {
  const l = s.cost.lines;
  const q = (n: number): string => int(n);
  return (
    `Cost: ${formatUsd(s.cost.totalUsd)} = Lambda ${q(l.lambdaRequests.quantity)} requests ${formatUsd(l.lambdaRequests.usd)} + ${l.lambdaGbSeconds.quantity.toFixed(3)} GB-s ${formatUsd(l.lambdaGbSeconds.usd)}` +
    ` + S3 ${q(l.s3Get.quantity)} GET ${formatUsd(l.s3Get.usd)} + ${q(l.s3PutList.quantity)} PUT/LIST ${formatUsd(l.s3PutList.usd)}` +
    ` + Step Functions ${q(l.sfnStandardTransitions.quantity)} transitions ${formatUsd(l.sfnStandardTransitions.usd)}` +
    ` + ${q(l.sfnExpressRequests.quantity)} Express children ${formatUsd(l.sfnExpressRequests.usd)} + ${l.sfnExpressGbSeconds.quantity.toFixed(3)} Express GB-s ${formatUsd(l.sfnExpressGbSeconds.usd)}`
  );
}

function stageLine(name: string, w: WorkStats, billed: { invocations: number; billedGbSeconds: number } | undefined): string {
  const inv = billed?.invocations ?? w.invocations;
  const gbs = billed?.billedGbSeconds ?? w.gbSeconds;
  const parts = [`${inv} invocation(s)`, `${int(w.durationMs)} ms`, `${gbs.toFixed(3)} GB-s`];
  if (w.bytesScanned > 0 || w.rowsScanned > 0) {
    parts.push(`${formatBytes(w.bytesScanned)} fetched`, `${int(w.rowsScanned)} rows`, `${w.rowGroupsRead} row groups`);
  }
  parts.push(`S3 ${w.s3.getRequests} GET / ${w.s3.putRequests} PUT / ${w.s3.listRequests} LIST`);
  if (w.peakMemoryBytes > 0) parts.push(`operators held ≤ ${formatBytes(w.peakMemoryBytes)} per task`);
  return `  ${name.padEnd(9)} ${parts.join(', ')}`;
}

export function formatStats(s: QueryStats): string {
  const p = s.planning;
  // The scan function runs the tasks of every stage, so its billing cannot be split between
  // scan and other stages: those lines show the stages' own figures (successful tasks).
  const lines = [
    'Stages:',
    stageLine('plan', s.stages.plan, s.byFunction.plan),
    stageLine('scan', s.stages.scan, undefined),
    stageLine('merge', s.stages.merge, undefined),
    `${stageLine('finalize', s.stages.finalize, undefined)}, exchange ${formatBytes(s.stages.finalize.exchangeBytesRead)} read`,
    ...s.stages.byStage.map(
      (w, i) =>
        `${stageLine(`stage ${i}`, w, undefined)}, ${int(w.rowsOut)} rows out, exchange ${formatBytes(w.exchangeBytesWritten)} written / ${formatBytes(w.exchangeBytesRead)} read` +
        (w.buildCacheHits > 0 ? `, ${w.buildCacheHits} build side(s) reused from a warm worker` : ''),
    ),
    '',
    `Pruning: ${p.filesPruned}/${p.filesTotal} files, ${p.partitionsPruned} partitions, ${p.rowGroupsPruned}/${p.rowGroupsTotal} row groups`,
    `Bytes: ${formatBytes(s.bytesScanned)} fetched for ${formatBytes(s.bytesNeeded)} of needed column chunks (+ ${formatBytes(p.footerBytes)} footers)`,
    `Query: ${int(s.wallMs)} ms wall, ${s.invocations} invocation(s) (${s.failedInvocations} failed, ${s.retries} retried), ` +
      `${s.billedGbSeconds.toFixed(3)} GB-s billed, ${s.s3Requests} S3 requests, ${s.stateTransitions} state transitions + ${s.mapIterations} map iterations`,
    formatCostLines(s),
    `Planner's estimate ${s.plannedCostUsd === null ? 'n/a' : formatUsd(s.plannedCostUsd)}; Athena would bill ${formatUsd(s.athenaCostUsd)}`,
  ];
  return lines.join('\n');
}

/**
 * The EXPLAIN text with each fragment's actual figures under its header (the header holds the
 * estimates): tasks, wall time from the first task's start to the last one's end, time summed
 * over tasks, rows out, bytes written and read through S3 exchange objects, and lake bytes.
 */
export function formatAnalyzedPlan(explain: string, s: QueryStats, resultRows: number): string {
  const byStage = s.stages.byStage;
  return explain
    .split('\n')
    .flatMap((line) => {
      const m = /^Fragment (\d+) \[/.exec(line);
      if (m === null) return [line];
      const id = Number(m[1]);
      const stage = byStage[id];
      if (stage === undefined) {
        const f = s.stages.finalize;
        return [line, `    actual: 1 task, ${int(f.durationMs)} ms, ${int(resultRows)} rows out, S3 ${formatBytes(f.s3.bytesRead)} read / ${formatBytes(f.s3.bytesWritten)} written (result)`];
      }
      return [line, `    actual: ${stageActual(stage)}`];
    })
    .join('\n');
}

function stageActual(w: StageStats): string {
  const wall = w.endedAtMs > 0 ? w.endedAtMs - w.startedAtMs : 0;
  const parts = [`${w.invocations} task(s)`, `${int(wall)} ms wall`, `${int(w.durationMs)} ms in tasks`, `${int(w.rowsOut)} rows out`];
  parts.push(`S3 exchange ${formatBytes(w.exchangeBytesWritten)} written / ${formatBytes(w.exchangeBytesRead)} read`);
  if (w.bytesScanned > 0) parts.push(`${formatBytes(w.bytesScanned)} fetched from the lake (${int(w.rowsScanned)} rows)`);
  if (w.buildCacheHits > 0) parts.push(`${w.buildCacheHits} build side(s) reused from a warm worker`);
  return parts.join(', ');
}
