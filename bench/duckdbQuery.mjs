#!/usr/bin/env node
/**
 * DuckDB's side of the benchmark, as a fresh process like Squall's CLI: one thread, the table
 * as a view over the same Parquet files, prints the rows as JSON.
 *
 *   node bench/duckdbQuery.mjs <table dir> "<SQL over lineitem>"
 */
import { DuckDBInstance } from '@duckdb/node-api';

const [dir, sql] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:', { threads: '1' });
const c = await db.connect();
await c.run(`CREATE VIEW lineitem AS SELECT * FROM read_parquet('${dir}/*.parquet')`);
const reader = await c.runAndReadAll(sql);
process.stdout.write(JSON.stringify(reader.getRowsJson()) + '\n');
