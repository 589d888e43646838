import { tableGenerator } from '../src/gen/tpch/index.ts';
import * as arrow from 'apache-arrow';
import * as pw from 'parquet-wasm';
const g = tableGenerator('lineitem');
for (const b of g.batches(1, 0, g.units(1), 122880)) {
  const ipc = arrow.tableToIPC(new arrow.Table([b]), 'stream');
  console.log(b.numRows, ipc.length);
  const t = pw.Table.fromIPCStream(ipc); console.log('ok', t.numBatches);
  const wt = pw.Table.fromIPCStream(arrow.tableToIPC(new arrow.Table([b]), 'stream')); console.log('ok2');
  break;
}
