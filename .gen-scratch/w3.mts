import { tableGenerator } from '../src/gen/tpch/index.ts';
import * as arrow from 'apache-arrow';
import * as pw from 'parquet-wasm';
const g = tableGenerator('lineitem');
const keep: pw.RecordBatch[] = [];
let i = 0;
for (const b of g.batches(1, 0, g.units(1), 122880)) {
  const ipc = arrow.tableToIPC(new arrow.Table([b]), 'stream');
  try {
    const t = pw.Table.fromIPCStream(ipc); const r = t.recordBatch(0)!; t.free(); keep.push(r);
  } catch (e) { console.log('failed at', i, 'ipc MB', ipc.length >> 20, 'wasm MB', pw.wasmMemory().buffer.byteLength >> 20, String(e)); break; }
  console.log(i, 'wasm MB', pw.wasmMemory().buffer.byteLength >> 20, 'ipc', ipc.length>>20);
  if (++i >= 12) break;
}
