#!/usr/bin/env node
/**
 * `npm run bench`, in three parts, each engine a fresh process per query, alternating, on the same
 * Parquet files (TPC-H SF1, zstd, 122,880-row groups, generated once into bench/data/):
 *
 *  - lineitem: TPC-H Q1 and Q6, Squall's CLI with --workers 1 against DuckDB with one thread;
 *    also the speedup from 1 to 2 workers, bytes fetched against the bytes of the needed column
 *    chunks, and the peak memory of a scan worker.
 *  - tpch: all 22 TPC-H queries (bench/tpch.mjs), Squall with its default worker count (one per
 *    CPU) against DuckDB with one thread: times, ratios and their geometric mean, bytes exchanged
 *    through the object store, memory, and whether the answers agree.
 *  - api: a small query through `squall serve` (warm, Trino protocol over local HTTP) against the
 *    CLI (bench/api.mjs): time to first row, total, and the overhead the protocol adds.
 *
 * Prints the figures and writes them to bench/results/<date>.json and latest.json.
 *
 *   npm run bench [-- --only lineitem|tpch] [--rounds N (default 5 for lineitem, 3 for tpch)]
 *                 [--queries 1,3,5] [--workers N] [--timeout-s 600] [--sf 1]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tpchQueries } from './corpus.mjs';
import { arg, median, root, run, sameAnswer } from './lib.mjs';
import { benchTpch, printTpch } from './tpch.mjs';
import { benchApi, printApi } from './api.mjs';

const only = arg('only', null);
if (only !== null && only !== 'lineitem' && only !== 'tpch' && only !== 'api') throw new Error(`--only takes lineitem, tpch or api, not '${only}'`);
const roundsArg = arg('rounds', null);
const sf = arg('sf', '1');
const dataDir = path.join(root, 'bench', 'data', `sf${sf}`);
const schemaDir = path.join(dataDir, 'tpch');
const squall = path.join(root, 'bin', 'squall.mjs');
const TABLES = ['region', 'nation', 'supplier', 'customer', 'part', 'partsupp', 'orders', 'lineitem'];

// Build once up front so the first timed run does not include it (and the generator is current).
run(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--quiet']);

// A data directory from before the 22 queries holds lineitem only: generate every table.
if (TABLES.some((t) => !existsSync(path.join(schemaDir, t)))) {
  console.error(`Generating TPC-H SF${sf} (all tables, zstd, 122,880-row groups) in ${dataDir} …`);
  run(process.execPath, [squall, 'gen', 'tpch', '--sf', sf, '--codec', 'zstd', '--row-group-size', '122880', '--out', dataDir]);
}
const configFile = path.join(dataDir, 'bench.config.json');
writeFileSync(
  configFile,
  JSON.stringify({ catalogs: { lake: { connector: 'parquet', location: pathToFileURL(dataDir).href } }, defaultCatalog: 'lake', defaultSchema: 'tpch' }),
);

// The squall command as a user runs it: through its #! line, with the Node flags it carries.
const squallRun = (sql, workers) => run(squall, ['query', '--config', configFile, '--workers', String(workers), '--format', 'json', '--no-progress', sql]);

// The corpus's DuckDB spellings may call Trino-rounding macros; duckdbQuery.mjs reads them here.
const { queries: corpus, macros } = await tpchQueries();
const macrosFile = path.join(dataDir, 'trino-macros.json');
writeFileSync(macrosFile, JSON.stringify(macros));
const duckRun = (sql) => run(process.execPath, [path.join(root, 'bench', 'duckdbQuery.mjs'), schemaDir, sql, '--macros', macrosFile]);

function runAsync(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(args[0])} failed (${code})`))));
  });
}

const results = { date: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version }, sf };

/** Q1 and Q6 over lineitem alone: the single-table baseline, with one worker. */
async function lineitemPart(rounds) {
  results.rounds = rounds;
  results.queries = {};
  const Q1 = corpus.get(1);
  for (const q of [Q1, corpus.get(6)]) {
    const squallMs = [];
    const duckMs = [];
    let stats = null;
    let correct = null;
    for (let i = 0; i < rounds; i++) {
      // Alternate which engine goes first, so neither always runs on a warmer page cache.
      const order = i % 2 === 0 ? ['squall', 'duckdb'] : ['duckdb', 'squall'];
      for (const engine of order) {
        if (engine === 'squall') {
          const r = squallRun(q.sql, 1);
          squallMs.push(r.ms);
          const out = JSON.parse(r.stdout);
          stats = out.stats;
          if (correct === null) correct = { squall: out.rows };
        } else {
          const r = duckRun(q.duckdbSql);
          duckMs.push(r.ms);
          if (correct !== null && correct.duckdb === undefined) correct.duckdb = JSON.parse(r.stdout);
        }
      }
    }
    const ratio = median(squallMs) / median(duckMs);
    results.queries[`Q${q.n}`] = {
      squallMedianMs: Math.round(median(squallMs)),
      duckdbMedianMs: Math.round(median(duckMs)),
      ratio: Number(ratio.toFixed(2)),
      target: 3,
      squallMs: squallMs.map(Math.round),
      duckdbMs: duckMs.map(Math.round),
      sameAnswer: sameAnswer(correct.squall, correct.duckdb, q.ordered),
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
    for (const w of i % 2 === 0 ? [1, 2] : [2, 1]) (w === 1 ? one : two).push(squallRun(Q1.sql, w).ms);
  }
  results.workerSpeedup = { q1OneWorkerMs: Math.round(median(one)), q1TwoWorkersMs: Math.round(median(two)), speedup: Number((median(one) / median(two)).toFixed(2)), target: 1.7 };

  // Peak memory of one scan worker running every task of Q1 over the SF1 file.
  const scanArgs = [path.join(root, 'bench', 'scanOnce.mjs'), pathToFileURL(dataDir).href, Q1.sql];
  const scan = JSON.parse(run(process.execPath, scanArgs).stdout);
  results.scanWorker = { peakRssMb: scan.peakRssMb, target: 512, scanMs: scan.scanMs, fragments: scan.fragments };

  // What this machine allows: the same scan in two processes at once, against one alone. Scans
  // are memory-bound, so two cores rarely give 2x; the worker speedup is read against this.
  const together = await Promise.all([0, 1].map(() => runAsync(process.execPath, scanArgs)));
  const pairMs = together.map((out) => JSON.parse(out).scanMs);
  const slowdown = median(pairMs) / scan.scanMs;
  results.machine.parallelScanSlowdown = Number(slowdown.toFixed(2));
  results.machine.twoWorkerCeiling = Number((2 / slowdown).toFixed(2));
}

function printLineitem() {
  const line = (label, value, target) => console.log(`${label.padEnd(44)} ${String(value).padStart(12)}   ${target}`);
  console.log(`\nSquall vs DuckDB, TPC-H SF${sf} lineitem (zstd, 122,880-row groups), ${results.rounds} alternating rounds, fresh processes\n`);
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
}

if (only === null || only === 'lineitem') {
  console.error('lineitem: Q1 and Q6 …');
  await lineitemPart(Number(roundsArg ?? '5'));
}
if (only === null || only === 'tpch') {
  const wanted = arg('queries', null)?.split(',').map((n) => Number(n.trim().replace(/^q/i, '')));
  if (wanted?.some((n) => !Number.isInteger(n) || !corpus.has(n))) throw new Error(`--queries takes TPC-H query numbers 1–22, e.g. 1,3,5`);
  console.error('tpch: 22 queries …');
  results.tpch = await benchTpch({
    dataDir,
    configFile,
    macrosFile,
    wanted: wanted ?? null,
    rounds: Number(roundsArg ?? '3'),
    // Squall's own default (one worker per CPU), passed explicitly so the report states it.
    workers: Number(arg('workers', String(Math.max(1, os.availableParallelism())))),
    timeoutMs: Number(arg('timeout-s', '600')) * 1000,
  });
}

if (only === null || only === 'api') {
  console.error('api: a small query through squall serve and through the CLI …');
  results.api = await benchApi({ configFile, rounds: Number(roundsArg ?? '9'), workers: Number(arg('workers', String(Math.max(1, os.availableParallelism())))) });
}

const resultsDir = path.join(root, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, `${results.date.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
writeFileSync(path.join(resultsDir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');

if (results.queries !== undefined) printLineitem();
if (results.tpch !== undefined) printTpch(results.tpch);
if (results.api !== undefined) printApi(results.api);
console.log(`\nwritten to ${path.relative(root, file)}`);
