/**
 * Files written by arrow-rs (through parquet-wasm's writer, as pyarrow-style writers do): they
 * carry page indexes, which parquet-wasm would read when it opens a file (we hide them), and an
 * embedded Arrow schema that brings back dictionary-encoded, large-string and zoned-timestamp
 * arrays.
 */
import * as arrow from 'apache-arrow';
import * as pw from 'parquet-wasm';
import { describe, expect, it } from 'vitest';
import { columnChunkRanges } from '../../../src/formats/parquet/columnChunks.ts';
import { readFooter } from '../../../src/formats/parquet/footer.ts';
import { readRowGroups, type RowGroupBatch } from '../../../src/formats/parquet/rowGroupReader.ts';
import { rowGroupStatistics } from '../../../src/formats/parquet/statistics.ts';
import { formatType } from '../../../src/types/sqlType.ts';
import { vectorValues } from '../../../src/types/vector.ts';
import { MemoryStore } from '../../helpers/memoryStore.ts';

const URI = 's3://lake/arrow/part-0.parquet';
const ROWS = 1000;

function arrowFile(): Uint8Array {
  const words = ['alpha', 'beta', 'gamma', null, 'δέλτα'];
  const table = new arrow.Table({
    tag: arrow.vectorFromArray(Array.from({ length: ROWS }, (_, i) => words[i % 5]!), new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32())),
    text: arrow.vectorFromArray(Array.from({ length: ROWS }, (_, i) => (i % 7 === 0 ? null : `row ${i}`)), new arrow.LargeUtf8()),
    at: arrow.vectorFromArray(Array.from({ length: ROWS }, (_, i) => 1_700_000_000_000 + i * 1000), new arrow.TimestampMillisecond('UTC')),
    n: arrow.vectorFromArray(Array.from({ length: ROWS }, (_, i) => BigInt(i) * 2n ** 40n), new arrow.Int64()),
  });
  const props = new pw.WriterPropertiesBuilder().setMaxRowGroupSize(300).setCompression(pw.Compression.SNAPPY).build();
  return pw.writeParquet(pw.Table.fromIPCStream(arrow.tableToIPC(table, 'stream')), props);
}

describe('files written by arrow-rs', () => {
  const bytes = arrowFile();

  it('maps the embedded Arrow types and reads them', async () => {
    const store = new MemoryStore({ [URI]: bytes });
    const footer = await readFooter(store, URI, bytes.length);
    expect(footer.pageIndex).not.toBeNull();
    expect(footer.columns.map((c) => `${c.name} ${formatType(c.type)}`)).toEqual(['tag varchar', 'text varchar', 'at timestamp(3)', 'n bigint']);
    const batches: RowGroupBatch[] = [];
    for await (const b of readRowGroups({ store, uri: URI, size: bytes.length, footer, rowGroups: [0, 1, 2, 3], columns: ['tag', 'text', 'at', 'n'] })) batches.push(b);
    expect(batches.map((b) => b.batch.length)).toEqual([300, 300, 300, 100]);
    const first = batches[0]!.batch.columns;
    expect(first.map((v) => v.storage)).toEqual(['dict', 'binary', 'f64', 'f64']);
    const all = (c: number) => batches.flatMap((b) => vectorValues(b.batch.columns[c]!));
    expect(all(0).slice(0, 6)).toEqual(['alpha', 'beta', 'gamma', null, 'δέλτα', 'alpha']);
    expect(all(1).slice(0, 3)).toEqual([null, 'row 1', 'row 2']);
    expect(all(2)[999]).toBe((1_700_000_000_000 + 999 * 1000) * 1000);
    expect(all(3)[999]).toBe(999n * 2n ** 40n);
  });

  it('fetches the needed chunks and nothing else: not the page indexes', async () => {
    const store = new MemoryStore({ [URI]: bytes });
    const footer = await readFooter(store, URI, bytes.length);
    const gets = store.gets.length;
    for await (const _ of readRowGroups({ store, uri: URI, size: bytes.length, footer, rowGroups: [2], columns: ['n'], ranges: { maxGapBytes: 0 } })) {
      // consume
    }
    const [chunk] = columnChunkRanges(footer, [2], ['n']);
    expect(store.gets.slice(gets).map((g) => [g.start, g.end])).toEqual([[chunk!.start, chunk!.end]]);
  });

  it('gives statistics for arrow-rs written columns', async () => {
    const footer = await readFooter(new MemoryStore({ [URI]: bytes }), URI, bytes.length);
    const [n, at, text] = rowGroupStatistics(footer, 1, ['n', 'at', 'text']);
    expect(n).toEqual({ min: 300n * 2n ** 40n, max: 599n * 2n ** 40n, nullCount: 0, rowCount: 300 });
    expect(at!.min).toBe((1_700_000_000_000 + 300 * 1000) * 1000);
    expect([text!.min, text!.max, text!.nullCount]).toEqual(['row 300', 'row 599', 43]);
  });
});
