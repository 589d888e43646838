/**
 * Where each column chunk lives in the file: the byte ranges a scan fetches, and nothing else.
 */
import type { ColumnChunk } from 'hyparquet';
import { DataError, InternalError } from '../../errors.ts';
import type { ParquetFooter } from './footer.ts';
import { findColumn } from './schema.ts';

export interface ColumnChunkRange {
  readonly rowGroup: number;
  readonly column: string;
  /** Inclusive. */
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

/** Leading magic: no column chunk can start before it. */
const MAGIC_LENGTH = 4;

/**
 * The byte span of one chunk: from its dictionary page if it has one (the dictionary precedes
 * the data pages), else from its first data page, for total_compressed_size bytes (which covers
 * every page header and page). Returns a reason string instead when the metadata is unusable,
 * so the footer reader can name it in a CORRUPT_FILE error.
 */
export function chunkSpan(chunk: ColumnChunk, fileSize: number, footerLength: number): { start: number; end: number } | string {
  const md = chunk.meta_data;
  if (md === undefined) return 'a column chunk has no metadata';
  const dict = md.dictionary_page_offset;
  // Some writers store 0 for "no dictionary page": offset 0 is the magic, never a page.
  const start = toSafeNumber(dict !== undefined && dict > 0n ? dict : md.data_page_offset);
  const length = toSafeNumber(md.total_compressed_size);
  if (start === null || length === null) return 'a column chunk offset or size is not a valid number';
  const end = start + length;
  const dataEnd = fileSize - footerLength;
  if (start < MAGIC_LENGTH || length <= 0 || end > dataEnd) {
    return `column chunk [${start}, ${end}) lies outside the data region [${MAGIC_LENGTH}, ${dataEnd}) of the ${fileSize}-byte file`;
  }
  return { start, end };
}

/** A non-negative bigint as a number, or null if negative or beyond 2^53. */
export function toSafeNumber(v: bigint | number | undefined): number | null {
  if (v === undefined) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/**
 * The chunk ranges of `columns` in each of `rowGroups`, row group by row group, columns in the
 * order given. Unknown or unreadable columns are DataErrors naming the file; a row group index
 * out of range is a bug in the caller (it planned from this footer).
 */
export function columnChunkRanges(footer: ParquetFooter, rowGroups: readonly number[], columns: readonly string[]): ColumnChunkRange[] {
  const leaves = columns.map((name) => readableLeafIndex(footer, name));
  const out: ColumnChunkRange[] = [];
  for (const rg of rowGroups) {
    const group = footer.metadata.row_groups[rg];
    if (!Number.isInteger(rg) || group === undefined) {
      throw new InternalError(`row group ${rg} out of range: ${footer.uri} has ${footer.rowGroups.length}`);
    }
    columns.forEach((name, i) => {
      const chunk = group.columns[leaves[i]!];
      // footer.ts validated every chunk, so a failure here means the footer object was altered.
      const span = chunk === undefined ? 'missing chunk' : chunkSpan(chunk, footer.size, footer.footerLength);
      if (typeof span === 'string') throw new InternalError(`unvalidated chunk for ${name} in row group ${rg} of ${footer.uri}: ${span}`);
      out.push({ rowGroup: rg, column: name, start: span.start, end: span.end });
    });
  }
  return out;
}

/** The leaf index of a column a scan can read, or a DataError saying why it cannot. */
export function readableLeafIndex(footer: ParquetFooter, name: string): number {
  const col = findColumn(footer.columns, name);
  if (col === undefined) {
    throw new DataError('SCHEMA_MISMATCH', `Column "${name}" does not exist in Parquet object ${footer.uri}`);
  }
  if (col.unsupported !== null || col.leafIndex === null) {
    throw new DataError('NOT_SUPPORTED', `Column "${name}" of Parquet object ${footer.uri} is ${col.unsupported ?? 'not readable'}, which is not supported`);
  }
  return col.leafIndex;
}
