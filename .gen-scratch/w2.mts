import { tableGenerator } from '../src/gen/tpch/index.ts';
import * as arrow from 'apache-arrow';
import * as pw from 'parquet-wasm';
const g = tableGenerator('lineitem');
const batches: arrow.RecordBatch[] = []; let i = 0;
for (const b of g.batches(1, 0, g.units(1), 122880)) { batches.push(b); if (++i >= 10) break; }
let t0 = performance.now();
const wb = batches.map(b => { const t = pw.Table.fromIPCStream(arrow.tableToIPC(new arrow.Table([b]), 'stream')); const r = t.recordBatch(0)!; t.free(); return r; });
console.log('to wasm ms', Math.round(performance.now() - t0));
async function run(label: string, build: (b: pw.WriterPropertiesBuilder) => pw.WriterPropertiesBuilder, cols?: string[]) {
  const wbs = batches.map(b => { const t = pw.Table.fromIPCStream(arrow.tableToIPC(new arrow.Table([cols ? new arrow.RecordBatch({ [cols[0]]: b.getChild(cols[0])!.data[0]! } as any) : b]), 'stream')); const r = t.recordBatch(0)!; t.free(); return r; });
  let k = 0;
  const rs = new ReadableStream({ pull(c) { if (k < wbs.length) c.enqueue(wbs[k++]); else c.close(); } });
  const t0 = performance.now();
  const out = await pw.transformParquetStream(rs, build(new pw.WriterPropertiesBuilder().setMaxRowGroupSize(122880)).build());
  let n = 0; for await (const c of out as any) n += c.byteLength;
  console.log(label, 'ms', Math.round(performance.now() - t0), 'MB', (n / 1048576).toFixed(1));
}
await run('none dict', b => b.setCompression(pw.Compression.UNCOMPRESSED));
await run('none dict nostats', b => b.setCompression(pw.Compression.UNCOMPRESSED).setStatisticsEnabled(pw.EnabledStatistics.None));
await run('none dict, comment nodict', b => b.setCompression(pw.Compression.UNCOMPRESSED).setColumnDictionaryEnabled('l_comment', false));
for (const c of ['l_orderkey','l_partkey','l_quantity','l_extendedprice','l_returnflag','l_shipdate','l_comment']) await run('none ' + c, b => b.setCompression(pw.Compression.UNCOMPRESSED), [c]);
await run('zstd comment-nodict', b => b.setCompression(pw.Compression.ZSTD).setColumnDictionaryEnabled('l_comment', false));
await run('zstd comment,extprice-nodict', b => b.setCompression(pw.Compression.ZSTD).setColumnDictionaryEnabled('l_comment', false).setColumnDictionaryEnabled('l_extendedprice', false));
