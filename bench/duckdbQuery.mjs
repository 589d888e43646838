#!/usr/bin/env node
/**
 * DuckDB's side of the benchmark, as a fresh process like Squall's CLI: one thread, every table
 * of the schema directory as a view over the same Parquet files, prints the rows as JSON.
 *
 *   node bench/duckdbQuery.mjs <schema dir (one folder per table)> "<SQL>" [--macros FILE]
 *
 * --macros: a JSON array of CREATE MACRO statements run first (the corpus's DuckDB spellings of
 * Trino's decimal division and avg call them).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const [dir, sql] = process.argv.slice(2);
const macrosAt = process.argv.indexOf('--macros');
const macros = macrosAt >= 0 ? JSON.parse(readFileSync(process.argv[macrosAt + 1], 'utf8')) : [];
const db = await DuckDBInstance.create(':memory:', { threads: '1' });
const c = await db.connect();
for (const entry of readdirSync(dir, { withFileTypes: true })) {
  if (!entry.isDirectory()) continue;
  const files = path.join(dir, entry.name, '*.parquet').replaceAll("'", "''");
  await c.run(`CREATE VIEW "${entry.name}" AS SELECT * FROM read_parquet('${files}')`);
}
for (const m of macros) await c.run(m);
const reader = await c.runAndReadAll(sql);
process.stdout.write(JSON.stringify(reader.getRowsJson()) + '\n');
