import { tableGenerator } from '../src/gen/tpch/index.ts';
import * as arrow from 'apache-arrow';
import * as pw from 'parquet-wasm';
const [table, sf] = process.argv.slice(2);
const g = tableGenerator(table as any);
const S = Number(sf ?? 1);
const batches: arrow.RecordBatch[] = []; let i = 0;
for (const b of g.batches(S, 0, g.units(S), 122880)) { batches.push(b); if (++i >= 5) break; }
async function run(col: string, dict: boolean) {
  const wbs = batches.map(b => { const t = pw.Table.fromIPCStream(arrow.tableToIPC(new arrow.Table([new arrow.RecordBatch({ [col]: b.getChild(col)!.data[0]! } as any)]), 'stream')); const r = t.recordBatch(0)!; t.free(); return r; });
  let k = 0;
  const rs = new ReadableStream({ pull(c) { if (k < wbs.length) c.enqueue(wbs[k++]); else c.close(); } });
  const t0 = performance.now();
  const out = await pw.transformParquetStream(rs, new pw.WriterPropertiesBuilder().setMaxRowGroupSize(122880).setCompression(pw.Compression.ZSTD).setDictionaryEnabled(dict).build());
  let n = 0; for await (const c of out as any) n += c.byteLength;
  return [Math.round(performance.now() - t0), n];
}
for (const f of g.schema.fields) {
  const a = await run(f.name, true); const b = await run(f.name, false);
  console.log(f.name.padEnd(18), 'dict', a[0], 'ms', (a[1]/1e6).toFixed(2), 'MB | plain', b[0], 'ms', (b[1]/1e6).toFixed(2), 'MB');
}
