/** What both parts of `npm run bench` share: timed child processes, medians, answer comparison. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

// GNU time reports a child's peak RSS, which Node's spawn does not give. Debian's `time`
// package; without it the figure is left out, never guessed.
const GNU_TIME = '/usr/bin/time';
const haveTime = existsSync(GNU_TIME);

/**
 * Runs a command to completion and times it from spawn to exit. `peakRssMb` is the whole
 * process tree's largest resident set as GNU time sees it (for Squall: the CLI's main thread and
 * all its worker threads together), or null when GNU time is missing. Never throws for the
 * command's own failure: `status` says, and `stderr` has its message.
 */
export function runTimed(cmd, args, { timeoutMs = 0, measureRss = false } = {}) {
  const tmp = measureRss && haveTime ? mkdtempSync(path.join(os.tmpdir(), 'squall-bench-')) : null;
  const rssFile = tmp === null ? null : path.join(tmp, 'rss');
  const [file, argv] = rssFile === null ? [cmd, args] : [GNU_TIME, ['-f', '%M', '-o', rssFile, cmd, ...args]];
  const started = process.hrtime.bigint();
  const r = spawnSync(file, argv, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  let peakRssMb = null;
  if (rssFile !== null) {
    // GNU time prints "Command exited with non-zero status N" before the figure when it fails.
    const kb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
    if (Number.isFinite(kb) && kb > 0) peakRssMb = Math.round(kb / 1024);
    rmSync(tmp, { recursive: true, force: true });
  }
  return { ms, status: r.status, signal: r.signal, timedOut: r.error?.code === 'ETIMEDOUT', stdout: r.stdout, stderr: r.stderr, peakRssMb };
}

/** runTimed for commands that must succeed. */
export function run(cmd, args) {
  const r = runTimed(cmd, args);
  if (r.status !== 0) throw new Error(`${path.basename(cmd === process.execPath ? args[0] : cmd)} failed (${r.status ?? r.signal}):\n${r.stderr}`);
  return r;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function geometricMean(xs) {
  return Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
}

const NUMBER = /^-?\d+(\.\d*)?([eE][-+]?\d+)?$/;

/**
 * Squall prints client JSON (decimals exact, avg(decimal) rounded to the column's scale; bigint
 * as numbers); DuckDB's JSON has BIGINT as strings and, where a query averages or divides
 * outside a Trino spelling, DOUBLE. So cells match when their text is equal or, numerically,
 * within half a unit of Squall's last decimal. `ordered`: rows must come in the same order (the
 * query has ORDER BY); otherwise both sides are sorted first.
 */
export function sameAnswer(squallRows, duckRows, ordered = true) {
  if (squallRows.length !== duckRows.length) return false;
  const key = (row) => JSON.stringify(row.map((v) => (v === null ? null : String(v))));
  const sorted = (rows) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const [s, d] = ordered ? [squallRows, duckRows] : [sorted(squallRows), sorted(duckRows)];
  return s.every((row, r) =>
    row.every((v, c) => {
      const x = d[r][c];
      if (String(v) === String(x)) return true;
      if (!NUMBER.test(String(v)) || !NUMBER.test(String(x))) return false;
      const scale = typeof v === 'string' && v.includes('.') ? v.length - v.indexOf('.') - 1 : 0;
      return Math.abs(Number(v) - Number(x)) <= 0.5 * 10 ** -scale + 1e-12;
    }),
  );
}
