/**
 * The 22 TPC-H queries at SF1: Squall through its CLI with its default worker count against
 * DuckDB with one thread over the same files, each a fresh process, alternating which goes
 * first, so both see the same page cache and the same spells of load from other processes.
 * The query texts come from the conformance corpus (bench/corpus.mjs), never from a copy.
 */
import path from 'node:path';
import { tpchQueries } from './corpus.mjs';
import { geometricMean, median, root, runTimed, sameAnswer } from './lib.mjs';

const squall = path.join(root, 'bin', 'squall.mjs');
const duckdbQuery = path.join(root, 'bench', 'duckdbQuery.mjs');

/** The Lambda memory size the issue's target names: 1,769 MB is one vCPU. */
export const TASK_MEMORY_MB = 1769;
export const GEOMEAN_TARGET = 4;

/** The figures of one Squall run that say where its bytes and memory went. */
function figures(stats) {
  const byStage = stats.stages.byStage;
  const sum = (f) => byStage.reduce((s, w) => s + f(w), 0);
  return {
    stages: byStage.length,
    invocations: stats.invocations,
    lakeBytesFetched: stats.bytesScanned,
    // Every exchange object once, as its producers wrote it.
    exchangeBytesWritten: sum((w) => w.exchangeBytesWritten),
    // What consumers fetched: a broadcast object counts once per reading task, and the final
    // fragment's reads of the last stages count too.
    exchangeBytesRead: sum((w) => w.exchangeBytesRead) + (stats.stages.finalize.exchangeBytesRead ?? 0),
    // The most any one task's operators held (reserved against its budget), over every stage.
    maxTaskOperatorBytes: Math.max(...[stats.stages.scan, stats.stages.merge, stats.stages.finalize].map((w) => w.peakMemoryBytes ?? 0)),
    engineWallMs: Math.round(stats.wallMs),
    billedGbSeconds: Number(stats.billedGbSeconds.toFixed(3)),
    byStage: byStage.map((w, i) => ({
      stage: i,
      tasks: w.invocations,
      durationMs: Math.round(w.durationMs),
      rowsOut: w.rowsOut,
      exchangeBytesWritten: w.exchangeBytesWritten,
      exchangeBytesRead: w.exchangeBytesRead,
      maxTaskOperatorBytes: w.peakMemoryBytes ?? null,
    })),
  };
}

/** The error a failed CLI run printed (JSON on stdout with --format json), else its stderr. */
function failure(r) {
  if (r.timedOut) return { code: 'BENCH_TIMEOUT', message: `no answer within the bench's per-run limit` };
  try {
    const e = JSON.parse(r.stdout).error;
    if (e) return { code: e.code, message: e.message };
  } catch {
    // not JSON: fall through
  }
  return { code: `EXIT_${r.status ?? r.signal}`, message: r.stderr.trim().split('\n').slice(-3).join(' ') };
}

/**
 * @param {{ dataDir: string, configFile: string, macrosFile: string, wanted: number[] | null,
 *   rounds: number, workers: number, timeoutMs: number }} opts
 */
export async function benchTpch({ dataDir, configFile, macrosFile, wanted, rounds, workers, timeoutMs }) {
  const { queries } = await tpchQueries();
  const list = [...queries.values()].filter((q) => wanted === null || wanted.includes(q.n));
  const schemaDir = path.join(dataDir, 'tpch');
  const state = new Map(list.map((q) => [q.n, { squallMs: [], duckdbMs: [], squallRssMb: [], duckdbRssMb: [], stats: null, squallRows: null, duckdbRows: null, error: null }]));
  const started = performance.now();

  // Round by round over all queries: a spell of load from elsewhere then spreads over many
  // queries instead of landing on every round of one.
  for (let round = 0; round < rounds; round++) {
    for (const q of list) {
      const s = state.get(q.n);
      if (s.error !== null) continue;
      const order = round % 2 === 0 ? ['squall', 'duckdb'] : ['duckdb', 'squall'];
      for (const engine of order) {
        if (s.error !== null) break;
        if (engine === 'squall') {
          const r = runTimed(squall, ['query', '--config', configFile, '--workers', String(workers), '--format', 'json', '--no-progress', q.sql], { timeoutMs, measureRss: true });
          if (r.status !== 0) {
            s.error = { engine: 'squall', ...failure(r) };
            break;
          }
          const out = JSON.parse(r.stdout);
          s.squallMs.push(r.ms);
          if (r.peakRssMb !== null) s.squallRssMb.push(r.peakRssMb);
          s.stats = figures(out.stats);
          s.squallRows ??= out.rows;
        } else {
          const r = runTimed(process.execPath, [duckdbQuery, schemaDir, q.duckdbSql, '--macros', macrosFile], { timeoutMs, measureRss: true });
          if (r.status !== 0) {
            s.error = { engine: 'duckdb', ...failure(r) };
            break;
          }
          s.duckdbMs.push(r.ms);
          if (r.peakRssMb !== null) s.duckdbRssMb.push(r.peakRssMb);
          s.duckdbRows ??= JSON.parse(r.stdout);
        }
      }
      const last = (xs) => (xs.length > 0 ? Math.round(xs[xs.length - 1]).toLocaleString('en-US') : '-');
      process.stderr.write(
        `  Q${q.n} round ${round + 1}/${rounds}: ` +
          (s.error !== null ? `FAILED in ${s.error.engine}: ${s.error.code}\n` : `Squall ${last(s.squallMs)} ms, DuckDB ${last(s.duckdbMs)} ms\n`),
      );
    }
  }

  const perQuery = {};
  for (const q of list) {
    const s = state.get(q.n);
    const ok = s.error === null && s.squallMs.length > 0 && s.duckdbMs.length > 0;
    const squallMedianMs = s.squallMs.length > 0 ? median(s.squallMs) : null;
    const duckdbMedianMs = s.duckdbMs.length > 0 ? median(s.duckdbMs) : null;
    perQuery[`Q${q.n}`] = {
      corpusLine: q.line,
      ok,
      error: s.error,
      squallMedianMs: squallMedianMs === null ? null : Math.round(squallMedianMs),
      duckdbMedianMs: duckdbMedianMs === null ? null : Math.round(duckdbMedianMs),
      ratio: ok ? Number((squallMedianMs / duckdbMedianMs).toFixed(2)) : null,
      sameAnswer: ok ? sameAnswer(s.squallRows, s.duckdbRows, q.ordered) : null,
      rows: s.squallRows?.length ?? null,
      squallMs: s.squallMs.map(Math.round),
      duckdbMs: s.duckdbMs.map(Math.round),
      squallPeakRssMb: s.squallRssMb.length > 0 ? Math.max(...s.squallRssMb) : null,
      duckdbPeakRssMb: s.duckdbRssMb.length > 0 ? Math.max(...s.duckdbRssMb) : null,
      ...(s.stats ?? {}),
    };
  }
  const ratios = Object.values(perQuery).filter((r) => r.ok).map((r) => r.ratio);
  const gm = ratios.length > 0 ? geometricMean(ratios) : null;
  return {
    sf: path.basename(dataDir).replace(/^sf/, ''),
    rounds,
    squallWorkers: workers,
    duckdbThreads: 1,
    taskMemoryMb: TASK_MEMORY_MB,
    minutes: Number(((performance.now() - started) / 60000).toFixed(1)),
    queriesCompleted: ratios.length,
    queriesRun: list.length,
    geometricMeanRatio: gm === null ? null : Number(gm.toFixed(2)),
    geometricMeanTarget: GEOMEAN_TARGET,
    queries: perQuery,
  };
}

const mb = (bytes) => (bytes === null || bytes === undefined ? '-' : (bytes / (1024 * 1024)).toFixed(1));
const ms = (x) => (x === null ? '-' : x.toLocaleString('en-US'));

export function printTpch(t) {
  console.log(
    `\nTPC-H SF${t.sf} (zstd, 122,880-row groups), 22 queries from test/sql/tpch_joins.sql: Squall CLI --workers ${t.squallWorkers} ` +
      `against DuckDB ${t.duckdbThreads} thread, medians of ${t.rounds} alternating rounds, fresh processes (${t.minutes} min)\n`,
  );
  const head = ['query', 'Squall ms', 'DuckDB ms', 'ratio', 'same', 'stages', 'exch. written MB', 'exch. read MB', 'task ops max MB', 'Squall RSS MB', 'DuckDB RSS MB'];
  const rows = Object.entries(t.queries).map(([name, q]) => [
    name,
    ms(q.squallMedianMs),
    ms(q.duckdbMedianMs),
    q.ratio === null ? (q.error ? `${q.error.engine} ${q.error.code}` : '-') : `${q.ratio}x`,
    q.sameAnswer === null ? '-' : q.sameAnswer ? 'yes' : 'NO',
    String(q.stages ?? '-'),
    mb(q.exchangeBytesWritten),
    mb(q.exchangeBytesRead),
    mb(q.maxTaskOperatorBytes),
    String(q.squallPeakRssMb ?? '-'),
    String(q.duckdbPeakRssMb ?? '-'),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  const failed = Object.entries(t.queries).filter(([, q]) => !q.ok);
  const wrong = Object.entries(t.queries).filter(([, q]) => q.sameAnswer === false);
  const gm = t.geometricMeanRatio;
  console.log(
    `\ngeometric mean of ratios over ${t.queriesCompleted}/${t.queriesRun} completed queries: ${gm === null ? '-' : `${gm}x`}` +
      `   target ≤ ${t.geometricMeanTarget}x ${gm !== null && gm <= t.geometricMeanTarget && failed.length === 0 ? '✓' : '✗'}`,
  );
  console.log(`every query completes within ${t.taskMemoryMb} MB per task: ${failed.length === 0 ? 'yes ✓' : `NO ✗ (${failed.map(([n, q]) => `${n}: ${q.error.code}`).join(', ')})`}`);
  if (wrong.length > 0) console.log(`answers differing from DuckDB's: ${wrong.map(([n]) => n).join(', ')}`);
  console.log(
    'task ops max: the most one task\'s operators held (build sides, aggregation states, sorts), what the engine\n' +
      `budgets against its memory; Squall RSS: the whole CLI process (all ${t.squallWorkers} worker threads and the driver) at its peak,\n` +
      `an upper bound on any one task's memory.`,
  );
}
