import { tableGenerator } from '../src/gen/tpch/index.ts';
import * as pw from 'parquet-wasm';
import { writeParquet } from '../src/formats/parquet/writer.ts';
const [t, sf, codec] = process.argv.slice(2);
const g = tableGenerator(t as any);
const S = Number(sf);
let n = 0;
function* wrap() { for (const b of g.batches(S, 0, g.units(S), 122880)) { n++; if (n % 10 === 0) console.log('batch', n, 'wasm MB', pw.wasmMemory().buffer.byteLength >> 20, 'rss', process.memoryUsage().rss >> 20, 'ab', process.memoryUsage().arrayBuffers >> 20); yield b; } }
const bytes = await writeParquet(wrap(), { codec: codec as any });
console.log('bytes', bytes.length >> 20, 'wasm MB', pw.wasmMemory().buffer.byteLength >> 20, 'rss', process.memoryUsage().rss >> 20);
