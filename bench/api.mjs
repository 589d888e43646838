/**
 * The query service's protocol overhead: a small query through `squall serve` (warm, the Trino
 * client protocol over local HTTP, polled as trino-client does) against the same query through
 * the CLI (a fresh process). Reports time to first row and total per path, and the overhead the
 * protocol adds to the engine's own time on the server (the total minus the query's wall time
 * the server reports in its final page's stats).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { median, root, runTimed } from './lib.mjs';

/** Protocol overhead target from the issue: at most this much added locally. */
export const OVERHEAD_TARGET_MS = 100;

const SQL = 'SELECT r_name, count(*) AS nations FROM nation JOIN region ON n_regionkey = r_regionkey GROUP BY r_name ORDER BY r_name';

/** Starts `squall serve` on a free port; resolves with its base URL and a stop function. */
function startServer(configFile, workers) {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'squall.mjs'), 'serve', '--config', configFile, '--port', '0', '--workers', String(workers)], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
      const m = /on (http:\/\/[^/\s]+)\/v1\/statement/.exec(err);
      if (m) resolve({ url: m[1], stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGINT'))) });
    });
    child.once('exit', (code) => reject(new Error(`squall serve exited (${code}): ${err}`)));
  });
}

/** One query through the protocol: POST, then GET each nextUri, as a Trino client does. */
async function viaProtocol(url, sql) {
  const headers = { 'X-Trino-User': 'bench', 'X-Trino-Catalog': 'lake', 'X-Trino-Schema': 'tpch' };
  const started = performance.now();
  let page = await (await fetch(`${url}/v1/statement`, { method: 'POST', body: sql, headers })).json();
  let firstRowMs = null;
  const rows = [];
  for (;;) {
    if (page.error) throw new Error(`${page.error.errorName}: ${page.error.message}`);
    if (page.data?.length && firstRowMs === null) firstRowMs = performance.now() - started;
    rows.push(...(page.data ?? []));
    if (!page.nextUri) break;
    page = await (await fetch(page.nextUri, { headers })).json();
  }
  return { firstRowMs, totalMs: performance.now() - started, serverWallMs: page.stats.wallTimeMillis, rows };
}

export async function benchApi({ configFile, rounds, workers }) {
  const server = await startServer(configFile, workers);
  try {
    // Warm the server's workers the way a long-running endpoint is warm.
    for (let i = 0; i < 3; i++) await viaProtocol(server.url, SQL);
    const protocol = [];
    const cli = [];
    let sameRows = true;
    for (let r = 0; r < rounds; r++) {
      const p = await viaProtocol(server.url, SQL);
      protocol.push(p);
      const c = runTimed(path.join(root, 'bin', 'squall.mjs'), ['query', '--config', configFile, '--workers', String(workers), '--format', 'json', '--no-progress', SQL]);
      if (c.status !== 0) throw new Error(`squall query failed: ${c.stderr}`);
      cli.push(c.ms);
      sameRows &&= JSON.stringify(JSON.parse(c.stdout).rows) === JSON.stringify(p.rows);
      console.error(`  round ${r + 1}/${rounds}: endpoint ${Math.round(p.totalMs)} ms (first row ${Math.round(p.firstRowMs)} ms, server wall ${p.serverWallMs} ms), CLI ${Math.round(c.ms)} ms`);
    }
    const overhead = median(protocol.map((p) => p.totalMs - p.serverWallMs));
    return {
      sql: SQL,
      rounds,
      workers,
      endpointFirstRowMs: Math.round(median(protocol.map((p) => p.firstRowMs))),
      endpointTotalMs: Math.round(median(protocol.map((p) => p.totalMs))),
      serverWallMs: Math.round(median(protocol.map((p) => p.serverWallMs))),
      protocolOverheadMs: Math.round(overhead),
      overheadTargetMs: OVERHEAD_TARGET_MS,
      cliTotalMs: Math.round(median(cli)),
      sameRows,
    };
  } finally {
    await server.stop();
  }
}

export function printApi(r) {
  console.log(`\nThe query endpoint (squall serve, warm) against the CLI (fresh process), ${r.rounds} rounds, --workers ${r.workers}\n`);
  const line = (k, v, note = '') => console.log(`${k.padEnd(52)} ${String(v).padStart(7)}   ${note}`);
  line('endpoint: time to first row (median ms)', r.endpointFirstRowMs);
  line('endpoint: total (median ms)', r.endpointTotalMs);
  line('  of which the query on the server (median ms)', r.serverWallMs);
  line('protocol overhead: total − server time (median ms)', r.protocolOverheadMs, `target ≤ ${r.overheadTargetMs} ${r.protocolOverheadMs <= r.overheadTargetMs ? '✓' : '✗'}`);
  line('CLI, fresh process: total (median ms)', r.cliTotalMs);
  line('same rows both ways', r.sameRows ? 'yes' : 'NO');
}
