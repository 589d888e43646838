/**
 * Reading a Parquet footer: the FileMetaData at the end of the object, in one ranged GET when
 * it fits in the tail we read (two otherwise), then checked so that nothing downstream has to
 * distrust it: every row group's chunks lie inside the file and the schema is consistent.
 *
 * Layout of the end of a Parquet file: `<FileMetaData (thrift)> <length: u32 LE> "PAR1"`.
 */
import { parquetMetadata, type FileMetaData } from 'hyparquet';
import { DataError } from '../../errors.ts';
import type { ObjectStore } from '../../storage/objectStore.ts';
import { chunkSpan, toSafeNumber } from './columnChunks.ts';
import { MalformedSchemaError, mapParquetSchema, type ParquetColumn } from './schema.ts';

export interface RowGroupInfo {
  readonly numRows: number;
  /** Sum of the compressed sizes of its column chunks. */
  readonly compressedBytes: number;
}

export interface ParquetFooter {
  readonly uri: string;
  /** Object size in bytes. */
  readonly size: number;
  /** Thrift metadata + 4-byte length + magic: a scan re-reads exactly this many tail bytes. */
  readonly footerLength: number;
  /** The last `footerLength` bytes of the object (parquet-wasm is served its footer from these). */
  readonly bytes: Uint8Array;
  /** hyparquet's decoding of the FileMetaData. Its statistics are NOT exact: see statistics.ts. */
  readonly metadata: FileMetaData;
  readonly numRows: number;
  readonly rowGroups: readonly RowGroupInfo[];
  readonly columns: readonly ParquetColumn[];
  readonly createdBy: string | null;
  /**
   * Span of the page indexes (column and offset indexes, written by arrow-rs and parquet-mr
   * between the last row group and the footer); null when the file has none (DuckDB).
   * parquet-wasm insists on reading them when it opens a file: the row group reader hides them
   * from it (hidePageIndex.ts), or fetches this span if it cannot.
   */
  readonly pageIndex: ByteSpan | null;
}

export interface ByteSpan {
  /** Inclusive. */
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

export interface ReadFooterOptions {
  /**
   * How many tail bytes the first GET reads. A footer that fits costs one request; a larger
   * one costs a second for the rest. Default 64 KiB (a few dozen row groups of a wide table).
   */
  readonly tailBytes?: number;
  /** The footer length from an earlier read: fetch exactly the footer, in one request. */
  readonly footerLength?: number;
}

export const DEFAULT_TAIL_BYTES = 64 * 1024;

const MAGIC = 0x31524150; // "PAR1" read as u32 LE
const MAGIC_ENCRYPTED = 0x45524150; // "PARE": encrypted footer
/** Leading magic, metadata length, trailing magic. */
const MIN_FILE_SIZE = 12;

export function corruptFile(uri: string, reason: string): DataError {
  return new DataError('CORRUPT_FILE', `Corrupt Parquet object ${uri}: ${reason}`);
}

export async function readFooter(store: ObjectStore, uri: string, size: number, opts: ReadFooterOptions = {}): Promise<ParquetFooter> {
  if (!Number.isSafeInteger(size) || size < 0) throw corruptFile(uri, `invalid object size ${size}`);
  if (size < MIN_FILE_SIZE) throw corruptFile(uri, `${size} bytes is too small for a Parquet file (at least ${MIN_FILE_SIZE})`);
  const wanted = opts.footerLength ?? opts.tailBytes ?? DEFAULT_TAIL_BYTES;
  const tailLength = Math.min(size, Math.max(MIN_FILE_SIZE - 4, Math.floor(wanted)));
  const tail = await store.getRange(uri, size - tailLength, size);
  if (tail.length !== tailLength) throw corruptFile(uri, `read ${tail.length} tail bytes, expected ${tailLength} (object changed size?)`);

  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  const magic = view.getUint32(tailLength - 4, true);
  if (magic === MAGIC_ENCRYPTED) {
    throw new DataError('NOT_SUPPORTED', `Parquet object ${uri} has an encrypted footer, which is not supported`);
  }
  if (magic !== MAGIC) throw corruptFile(uri, 'missing PAR1 magic at the end (not a Parquet file, or truncated)');
  const metadataLength = view.getUint32(tailLength - 8, true);
  const footerLength = metadataLength + 8;
  if (footerLength + 4 > size) {
    throw corruptFile(uri, `footer length ${metadataLength} exceeds the ${size}-byte object`);
  }

  // One buffer holding exactly the footer, so the (larger) tail read can be garbage collected.
  const bytes = new Uint8Array(footerLength);
  if (footerLength <= tailLength) {
    bytes.set(tail.subarray(tailLength - footerLength));
  } else {
    const head = await store.getRange(uri, size - footerLength, size - tailLength);
    if (head.length !== footerLength - tailLength) throw corruptFile(uri, 'short read of the footer (object changed size?)');
    bytes.set(head, 0);
    bytes.set(tail, footerLength - tailLength);
  }
  // When the tail read covered the whole object, its leading magic costs nothing to check.
  if (tailLength === size && view.getUint32(0, true) !== MAGIC) throw corruptFile(uri, 'missing PAR1 magic at the start');
  return parseFooter(uri, size, bytes);
}

/** Decode and validate footer bytes (the last `bytes.length` bytes of a `size`-byte object). */
export function parseFooter(uri: string, size: number, bytes: Uint8Array): ParquetFooter {
  let metadata: FileMetaData;
  try {
    // An ArrayBuffer of exactly the footer: hyparquet reads the length and magic from its end.
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    metadata = parquetMetadata(copy as ArrayBuffer, { geoparquet: false });
  } catch (err) {
    throw corruptFile(uri, `cannot decode the footer metadata (${errorText(err)})`);
  }
  try {
    return validate(uri, size, bytes, metadata);
  } catch (err) {
    if (err instanceof DataError) throw err;
    // hyparquet decodes whatever the thrift says; a damaged footer shows up as missing fields.
    throw corruptFile(uri, `invalid footer metadata (${errorText(err)})`);
  }
}

function validate(uri: string, size: number, bytes: Uint8Array, metadata: FileMetaData): ParquetFooter {
  if (!Array.isArray(metadata.schema) || !Array.isArray(metadata.row_groups)) {
    throw corruptFile(uri, 'footer has no schema or row group list');
  }
  let mapped: ReturnType<typeof mapParquetSchema>;
  try {
    mapped = mapParquetSchema(metadata.schema);
  } catch (err) {
    if (err instanceof MalformedSchemaError) throw corruptFile(uri, `malformed schema: ${err.message}`);
    throw err;
  }
  const footerLength = bytes.length;
  let totalRows = 0;
  const rowGroups: RowGroupInfo[] = metadata.row_groups.map((rg, i) => {
    const numRows = toSafeNumber(rg.num_rows);
    if (numRows === null) throw corruptFile(uri, `row group ${i} has an invalid row count`);
    if (!Array.isArray(rg.columns) || rg.columns.length !== mapped.leafCount) {
      throw corruptFile(uri, `row group ${i} has ${Array.isArray(rg.columns) ? rg.columns.length : 0} column chunks, the schema has ${mapped.leafCount} columns`);
    }
    let compressedBytes = 0;
    rg.columns.forEach((chunk, c) => {
      if (chunk.file_path !== undefined) {
        throw new DataError('NOT_SUPPORTED', `Parquet object ${uri} keeps column chunks in other files (file_path), which is not supported`);
      }
      const span = chunkSpan(chunk, size, footerLength);
      if (typeof span === 'string') throw corruptFile(uri, `row group ${i}, column ${c}: ${span}`);
      compressedBytes += span.end - span.start;
    });
    totalRows += numRows;
    return { numRows, compressedBytes };
  });
  const pageIndex = pageIndexSpan(uri, size, footerLength, metadata);
  const numRows = toSafeNumber(metadata.num_rows);
  if (numRows === null || numRows !== totalRows) {
    throw corruptFile(uri, `footer row count ${String(metadata.num_rows)} does not match its row groups' total ${totalRows}`);
  }
  return {
    uri,
    size,
    footerLength,
    bytes,
    metadata,
    numRows,
    rowGroups,
    columns: mapped.columns,
    createdBy: typeof metadata.created_by === 'string' ? metadata.created_by : null,
    pageIndex,
  };
}

function pageIndexSpan(uri: string, size: number, footerLength: number, metadata: FileMetaData): ByteSpan | null {
  let start = Number.POSITIVE_INFINITY;
  let end = 0;
  for (const rg of metadata.row_groups) {
    for (const chunk of rg.columns) {
      const spans: [bigint | undefined, number | undefined][] = [
        [chunk.column_index_offset, chunk.column_index_length],
        [chunk.offset_index_offset, chunk.offset_index_length],
      ];
      for (const [offset, length] of spans) {
        if (offset === undefined || length === undefined) continue;
        const a = toSafeNumber(offset);
        const n = toSafeNumber(length);
        if (a === null || n === null || a < 4 || a + n > size - footerLength) {
          throw corruptFile(uri, `a page index at ${String(offset)} (${String(length)} bytes) lies outside the data region`);
        }
        start = Math.min(start, a);
        end = Math.max(end, a + n);
      }
    }
  }
  return end > 0 ? { start, end } : null;
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
