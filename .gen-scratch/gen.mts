import { tableGenerator } from '../src/gen/tpch/index.ts';
import * as arrow from 'apache-arrow';
const [t, sf] = process.argv.slice(2);
const g = tableGenerator(t as any);
let t0 = performance.now(); let rows = 0; let ipcMs = 0;
for (const b of g.batches(Number(sf), 0, g.units(Number(sf)), 122880)) { rows += b.numRows; const t1 = performance.now(); arrow.tableToIPC(new arrow.Table([b]), 'stream'); ipcMs += performance.now() - t1; }
console.log(t, rows, 'total ms', Math.round(performance.now() - t0), 'of which ipc', Math.round(ipcMs));
