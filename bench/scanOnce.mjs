#!/usr/bin/env node
/**
 * One scan worker's work on its own: plans a query with the deployed plan handler, then runs
 * every stage task through the deployed scan handler in this process, one after another (what a
 * single warm Lambda would do), and reports the time per task and this process's peak RSS.
 *
 *   node bench/scanOnce.mjs <lake file:// URI> "<SQL>" [--fragments-target BYTES]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [lake, sql] = process.argv.slice(2);
const target = Number(process.argv[process.argv.indexOf('--fragments-target') + 1] || 0) || undefined;
const { handler: plan } = await import(pathToFileURL(path.join(root, 'dist/functions/plan/index.mjs')).href);
const { handler: scan } = await import(pathToFileURL(path.join(root, 'dist/functions/scan/index.mjs')).href);
const context = (fn) => ({ functionName: fn, memoryLimitInMB: '1769', awsRequestId: 'bench', getRemainingTimeInMillis: () => 900_000 });
const scratchDir = mkdtempSync(path.join(os.tmpdir(), 'squall-scan-once-'));
const scratch = pathToFileURL(scratchDir).href;
const queryId = 'scan_once';
try {
  const t0 = performance.now();
  const planned = await plan(
    {
      queryId,
      sql,
      session: { catalog: 'lake', schema: 'tpch' },
      config: { catalogs: { lake: { connector: 'parquet', location: lake } }, planner: target ? { fragmentTargetBytes: target } : {} },
      scratch,
      scratchS3: null,
      parallelism: 1,
      // The rest of the state machine's input (QueryInput) as Squall.query fills it in: the
      // function's memory, the result as one object, no cost caps.
      taskMemoryMb: 1769,
      resultPages: null,
      cost: { architecture: 'arm64', caps: [], model: {} },
    },
    context('plan'),
  );
  const t1 = performance.now();
  const perFragment = [];
  let bytes = 0;
  // Every task of every stage in plan order (a single-table query has one scan stage).
  for (const { stage, tasks } of planned.stages) {
    for (const task of tasks) {
      const s = performance.now();
      const r = await scan({ queryId, scratch, scratchS3: null, stage, task }, context('scan'));
      perFragment.push(Math.round(performance.now() - s));
      bytes += r.bytesScanned;
    }
  }
  const t2 = performance.now();
  const out = {
    planMs: Math.round(t1 - t0),
    scanMs: Math.round(t2 - t1),
    fragments: perFragment.length,
    perFragmentMs: perFragment,
    bytesScanned: bytes,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  console.log(JSON.stringify(out));
} finally {
  rmSync(scratchDir, { recursive: true, force: true });
}
