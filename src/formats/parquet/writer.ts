/**
 * Arrow record batches → one Parquet file, through parquet-wasm's streaming writer (arrow-rs).
 *
 * Batches are handed over one at a time (Arrow IPC into wasm memory) and the writer emits each
 * row group as soon as it is full, so memory holds about one row group plus the output bytes,
 * however many rows the file has. What arrow-rs writes, checked with hyparquet:
 *  - DECIMAL(p ≤ 18) as INT64 with the DECIMAL logical type (INT32 for p ≤ 9), DATE as INT32;
 *  - Dictionary<Int32, Utf8> as BYTE_ARRAY/STRING with dictionary pages; the Arrow schema kept in
 *    the footer (ARROW:schema) makes arrow-rs readers (parquet-wasm) return dictionary arrays;
 *  - non-nullable fields as REQUIRED columns;
 *  - min/max statistics per column chunk ('chunk') and also per page in the page index ('page').
 * The output depends only on the batches and options: the same input gives the same bytes.
 */
import * as arrow from 'apache-arrow';
import * as pw from 'parquet-wasm';
import { withParquetWasm } from './wasmDecoder.ts';

export type ParquetCodec = 'zstd' | 'snappy' | 'gzip' | 'none';
export const PARQUET_CODECS: readonly ParquetCodec[] = ['zstd', 'snappy', 'gzip', 'none'];

export interface ParquetWriteOptions {
  /** Default 'zstd' (arrow-rs's default zstd level). */
  readonly codec?: ParquetCodec;
  /** Maximum rows per row group; default 122,880 (DuckDB's default row group size). */
  readonly rowGroupSize?: number;
  /** Default 'page': chunk statistics plus the page index. */
  readonly statistics?: 'none' | 'chunk' | 'page';
  /** Dictionary-encode columns (arrow-rs falls back to plain pages when a dictionary grows too big); default true. */
  readonly dictionary?: boolean;
  /** Columns written without dictionary encoding, e.g. unique keys, prices and free text. */
  readonly plainColumns?: readonly string[];
  /** Footer key/value metadata, beside the ARROW:schema entry arrow-rs adds. */
  readonly metadata?: Readonly<Record<string, string>>;
}

export const DEFAULT_ROW_GROUP_SIZE = 122_880;

const CODECS: Record<ParquetCodec, pw.Compression> = {
  zstd: pw.Compression.ZSTD,
  snappy: pw.Compression.SNAPPY,
  gzip: pw.Compression.GZIP,
  none: pw.Compression.UNCOMPRESSED,
};

const STATISTICS = {
  none: pw.EnabledStatistics.None,
  chunk: pw.EnabledStatistics.Chunk,
  page: pw.EnabledStatistics.Page,
} as const;

function writerProperties(options: ParquetWriteOptions): pw.WriterProperties {
  let b = new pw.WriterPropertiesBuilder()
    .setCompression(CODECS[options.codec ?? 'zstd'])
    .setMaxRowGroupSize(options.rowGroupSize ?? DEFAULT_ROW_GROUP_SIZE)
    .setStatisticsEnabled(STATISTICS[options.statistics ?? 'page'])
    .setDictionaryEnabled(options.dictionary ?? true);
  for (const column of options.plainColumns ?? []) b = b.setColumnDictionaryEnabled(column, false);
  if (options.metadata) b = b.setKeyValueMetadata(new Map(Object.entries(options.metadata)));
  return b.build();
}

/** Copy one JS batch into wasm memory as a parquet-wasm RecordBatch. */
function toWasmBatch(batch: arrow.RecordBatch): pw.RecordBatch {
  // A batch built by a second copy of apache-arrow (another node_modules) serialises to a
  // schema-only stream, which then panics inside wasm; say so instead.
  if (!(batch instanceof arrow.RecordBatch)) {
    throw new Error('writeParquet: the batch comes from a different apache-arrow module instance than the writer');
  }
  const table = pw.Table.fromIPCStream(arrow.tableToIPC(new arrow.Table([batch]), 'stream'));
  try {
    const wasmBatch = table.recordBatch(0);
    if (!wasmBatch) throw new Error('parquet-wasm returned no record batch');
    return wasmBatch;
  } finally {
    table.free();
  }
}

type Batches = Iterable<arrow.RecordBatch> | AsyncIterable<arrow.RecordBatch>;

function iteratorOf(batches: Batches): Iterator<arrow.RecordBatch> | AsyncIterator<arrow.RecordBatch> {
  return Symbol.asyncIterator in batches ? batches[Symbol.asyncIterator]() : batches[Symbol.iterator]();
}

/**
 * Write batches (all with the same schema, at least one) as one Parquet file. Batches are pulled
 * lazily, so a generator can produce them while earlier row groups are being encoded.
 */
export function writeParquet(batches: Batches | arrow.Table, options: ParquetWriteOptions = {}): Promise<Uint8Array> {
  // parquet-wasm reports failures as wasm traps thrown from microtasks; withParquetWasm turns
  // them into errors of this call (and keeps reads and writes from interleaving in the module).
  return withParquetWasm(() => writeStream(batches, options));
}

async function writeStream(batches: Batches | arrow.Table, options: ParquetWriteOptions): Promise<Uint8Array> {
  const it = iteratorOf(batches instanceof arrow.Table ? batches.batches : batches);
  let sawBatch = false;
  const input = new ReadableStream<pw.RecordBatch>({
    async pull(controller) {
      const step = await it.next();
      if (step.done) {
        controller.close();
        return;
      }
      sawBatch = true;
      controller.enqueue(toWasmBatch(step.value));
    },
  });
  const output = (await pw.transformParquetStream(input, writerProperties(options))) as ReadableStream<Uint8Array>;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of output) {
    chunks.push(chunk);
    size += chunk.byteLength;
  }
  if (!sawBatch) throw new Error('writeParquet needs at least one record batch (the schema comes from it)');
  return concat(chunks, size);
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
