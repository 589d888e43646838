/**
 * The conformance corpus, read from the benchmark: the 22 TPC-H queries live in
 * test/sql/tpch_joins.sql and nowhere else. The corpus parser and the DuckDB macros are
 * TypeScript modules of the test suite; esbuild (already the build's bundler) turns them into
 * one in-memory ES module, so the benchmark parses the file with exactly the tests' rules.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function loadModules() {
  const out = await build({
    stdin: {
      contents: [
        "export { parseCorpus } from './test/conformance/corpusFormat.ts';",
        "export { TRINO_MACROS } from './test/conformance/trinoMacros.ts';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'warning',
  });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

/**
 * The TPC-H queries of the corpus by number (from the `# Qn (…)` comment above each record):
 * the Trino SQL Squall runs, the SQL DuckDB runs (the record's DuckDB spelling when it has one,
 * else the same text, as the conformance suite does), whether row order is part of the answer,
 * and the macros those spellings may call.
 */
export async function tpchQueries() {
  const { parseCorpus, TRINO_MACROS } = await loadModules();
  const file = path.join(root, 'test', 'sql', 'tpch_joins.sql');
  const queries = new Map();
  for (const record of parseCorpus('tpch_joins.sql', readFileSync(file, 'utf8'))) {
    const m = /^Q(\d+)\b/.exec(record.comment);
    if (record.kind !== 'query' || m === null) continue;
    const n = Number(m[1]);
    if (queries.has(n)) throw new Error(`tpch_joins.sql:${record.line}: a second record for Q${n}`);
    const sql = record.sql;
    const duckdbSql = record.expect.kind === 'duckdb' && record.expect.sql !== null ? record.expect.sql : sql;
    queries.set(n, { n, sql, duckdbSql, ordered: record.order === 'ordered', line: record.line });
  }
  for (let n = 1; n <= 22; n++) if (!queries.has(n)) throw new Error(`tpch_joins.sql has no record for Q${n}`);
  return { queries, macros: TRINO_MACROS };
}
