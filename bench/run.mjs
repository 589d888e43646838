#!/usr/bin/env node
/**
 * `npm run bench`: TPC-H Q1 and Q6 at SF1 (lineitem, zstd, 122,880-row groups), Squall through
 * its CLI with --workers 1 against DuckDB with one thread, each a fresh process, alternating,
 * on the same file. Also: the speedup from 1 to 2 workers, bytes fetched against the bytes of
 * the needed column chunks, and the peak memory of a scan worker. Prints the figures and writes
 * them to bench/results/.
 *
 *   npm run bench [-- --rounds 5] [--sf 1]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const rounds = Number(arg('rounds', '5'));
const sf = arg('sf', '1');
const dataDir = path.join(root, 'bench', 'data', `sf${sf}`);
const tableDir = path.join(dataDir, 'tpch', 'lineitem');
const squall = path.join(root, 'bin', 'squall.mjs');

const Q1 = `SELECT l_returnflag, l_linestatus, sum(l_quantity) AS sum_qty, sum(l_extendedprice) AS sum_base_price,
  sum(l_extendedprice * (1 - l_discount)) AS sum_disc_price, sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) AS sum_charge,
  avg(l_quantity) AS avg_qty, avg(l_extendedprice) AS avg_price, avg(l_discount) AS avg_disc, count(*) AS count_order
FROM lineitem WHERE l_shipdate <= DATE '1998-12-01' - INTERVAL '90' DAY
GROUP BY l_returnflag, l_linestatus ORDER BY l_returnflag, l_linestatus`;
const Q6 = `SELECT sum(l_extendedprice * l_discount) AS revenue FROM lineitem
WHERE l_shipdate >= DATE '1994-01-01' AND l_shipdate < DATE '1994-01-01' + INTERVAL '1' YEAR
  AND l_discount BETWEEN 0.06 - 0.01 AND 0.06 + 0.01 AND l_quantity < 24`;

function run(cmd, args) {
  const started = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`${path.basename(cmd === process.execPath ? args[0] : cmd)} failed (${r.status}):\n${r.stderr}`);
  return { ms, stdout: r.stdout };
}

function runAsync(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(args[0])} failed (${code})`))));
  });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

if (!existsSync(tableDir)) {
  console.error(`Generating TPC-H SF${sf} lineitem (zstd, 122,880-row groups) in ${dataDir} …`);
  run(process.execPath, [squall, 'gen', 'tpch', '--sf', sf, '--tables', 'lineitem', '--codec', 'zstd', '--row-group-size', '122880', '--out', dataDir]);
}
const configFile = path.join(dataDir, 'bench.config.json');
writeFileSync(
  configFile,
  JSON.stringify({ catalogs: { lake: { connector: 'parquet', location: pathToFileURL(dataDir).href } }, defaultCatalog: 'lake', defaultSchema: 'tpch' }),
);
// Build once up front so the first timed run does not include it.
run(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--quiet']);

// The squall command as a user runs it: through its #! line, with the Node flags it carries.
const squallRun = (sql, workers) => run(squall, ['query', '--config', configFile, '--workers', String(workers), '--format', 'json', '--no-progress', sql]);
const duckRun = (sql) => run(process.execPath, [path.join(root, 'bench', 'duckdbQuery.mjs'), tableDir, sql]);

/** Squall prints client JSON (avg(decimal) rounded to the column's scale); DuckDB's avg is a double. */
function sameAnswer(squallRows, duckRows) {
  if (squallRows.length !== duckRows.length) return false;
  return squallRows.every((row, r) =>
    row.every((v, c) => {
      const d = duckRows[r][c];
      if (String(v) === String(d)) return true;
      const a = Number(v);
      const b = Number(d);
      const scale = typeof v === 'string' && v.includes('.') ? v.length - v.indexOf('.') - 1 : 0;
      return Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= 0.5 * 10 ** -scale + 1e-12;
    }),
  );
}

const results = { date: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version }, sf, rounds, queries: {} };
for (const [name, sql] of [['Q1', Q1], ['Q6', Q6]]) {
  const squallMs = [];
  const duckMs = [];
  let stats = null;
  let correct = null;
  for (let i = 0; i < rounds; i++) {
    // Alternate which engine goes first, so neither always runs on a warmer page cache.
    const order = i % 2 === 0 ? ['squall', 'duckdb'] : ['duckdb', 'squall'];
    for (const engine of order) {
      if (engine === 'squall') {
        const r = squallRun(sql, 1);
        squallMs.push(r.ms);
        const out = JSON.parse(r.stdout);
        stats = out.stats;
        if (correct === null) correct = { squall: out.rows };
      } else {
        const r = duckRun(sql);
        duckMs.push(r.ms);
        if (correct !== null && correct.duckdb === undefined) correct.duckdb = JSON.parse(r.stdout);
      }
    }
  }
  const ratio = median(squallMs) / median(duckMs);
  results.queries[name] = {
    squallMedianMs: Math.round(median(squallMs)),
    duckdbMedianMs: Math.round(median(duckMs)),
    ratio: Number(ratio.toFixed(2)),
    target: 3,
    squallMs: squallMs.map(Math.round),
    duckdbMs: duckMs.map(Math.round),
    sameAnswer: sameAnswer(correct.squall, correct.duckdb),
    bytesFetched: stats.bytesScanned,
    bytesNeeded: stats.bytesNeeded,
    footerBytes: stats.planning.footerBytes,
    fetchedOverNeeded: Number((stats.bytesScanned / stats.bytesNeeded).toFixed(3)),
    fragments: stats.fragments,
    billedGbSeconds: Number(stats.billedGbSeconds.toFixed(3)),
    estimatedCostUsd: stats.estimatedCostUsd,
  };
}

// Speedup from 1 to 2 workers on Q1.
const one = [];
const two = [];
for (let i = 0; i < rounds; i++) {
  for (const w of i % 2 === 0 ? [1, 2] : [2, 1]) (w === 1 ? one : two).push(squallRun(Q1, w).ms);
}
results.workerSpeedup = { q1OneWorkerMs: Math.round(median(one)), q1TwoWorkersMs: Math.round(median(two)), speedup: Number((median(one) / median(two)).toFixed(2)), target: 1.7 };

// Peak memory of one scan worker running every fragment of Q1 over the SF1 file.
const scanArgs = [path.join(root, 'bench', 'scanOnce.mjs'), pathToFileURL(dataDir).href, Q1];
const scan = JSON.parse(run(process.execPath, scanArgs).stdout);
results.scanWorker = { peakRssMb: scan.peakRssMb, target: 512, scanMs: scan.scanMs, fragments: scan.fragments };

// What this machine allows: the same scan in two processes at once, against one alone. Scans
// are memory-bound, so two cores rarely give 2x; the worker speedup is read against this.
const together = await Promise.all([0, 1].map(() => runAsync(process.execPath, scanArgs)));
const pairMs = together.map((out) => JSON.parse(out).scanMs);
const slowdown = median(pairMs) / scan.scanMs;
results.machine.parallelScanSlowdown = Number(slowdown.toFixed(2));
results.machine.twoWorkerCeiling = Number((2 / slowdown).toFixed(2));

const resultsDir = path.join(root, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, `${results.date.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
writeFileSync(path.join(resultsDir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');

const line = (label, value, target) => console.log(`${label.padEnd(44)} ${String(value).padStart(12)}   ${target}`);
console.log(`\nSquall vs DuckDB, TPC-H SF${sf} lineitem (zstd, 122,880-row groups), ${rounds} alternating rounds, fresh processes\n`);
for (const [name, q] of Object.entries(results.queries)) {
  line(`${name} Squall --workers 1 (median ms)`, q.squallMedianMs, '');
  line(`${name} DuckDB 1 thread (median ms)`, q.duckdbMedianMs, '');
  line(`${name} ratio Squall / DuckDB`, `${q.ratio}x`, `target ≤ 3x ${q.ratio <= 3 ? '✓' : '✗'}`);
  line(`${name} same answer as DuckDB`, q.sameAnswer ? 'yes' : 'NO', '');
  line(`${name} bytes fetched / needed column chunks`, q.fetchedOverNeeded, `target ≤ 1.1 ${q.fetchedOverNeeded <= 1.1 ? '✓' : '✗'}`);
}
line('Q1 speedup 1 → 2 workers', `${results.workerSpeedup.speedup}x`, `target ≥ 1.7x ${results.workerSpeedup.speedup >= 1.7 ? '✓' : '✗'}`);
line('  machine: 2 scans at once run slower each by', `${results.machine.parallelScanSlowdown}x`, `so 2 workers can give at most ${results.machine.twoWorkerCeiling}x here`);
line('Scan worker peak RSS on SF1 (MB)', results.scanWorker.peakRssMb, `target < 512 ${results.scanWorker.peakRssMb < 512 ? '✓' : '✗'}`);
console.log(`\nwritten to ${path.relative(root, file)}`);
