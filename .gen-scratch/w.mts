import { tableGenerator } from '../src/gen/tpch/index.ts';
import { writeParquet } from '../src/formats/parquet/writer.ts';
const [t, sf, codec, dict, stats] = process.argv.slice(2);
const g = tableGenerator(t as any);
const S = Number(sf);
// pre-generate 10 batches so we time the writer only
const batches = []; let i = 0;
for (const b of g.batches(S, 0, g.units(S), 122880)) { batches.push(b); if (++i >= 10) break; }
const t0 = performance.now();
const bytes = await writeParquet(batches, { codec: codec as any, dictionary: dict !== 'nodict', statistics: (stats ?? 'page') as any });
console.log(codec, dict, stats, 'write ms', Math.round(performance.now() - t0), 'MB', (bytes.length / 1048576).toFixed(1));
