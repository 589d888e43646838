import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
for (const sql of process.argv.slice(2)) {
  const r = await con.runAndReadAll(sql);
  console.log(r.columnNames().join(' | '));
  for (const row of r.getRowsJson()) console.log(row.map(v => JSON.stringify(v)).join(' | '));
}
