/**
 * Reading chosen row groups and columns of one Parquet object as Batches, one row group at a
 * time: ranged GETs of exactly the needed column chunks (the next row group's fetched while
 * the current one decodes), parquet-wasm decoding from those bytes only, and a copy out of wasm
 * memory into our Vectors before the wasm side is freed. Wasm memory stays at about one row
 * group's decoded size, whatever the file size.
 */
import type { Table as ArrowTable, Vector as ArrowVector } from 'apache-arrow';
import { DataError, ExecError, InternalError } from '../../errors.ts';
import type { ObjectStore } from '../../storage/objectStore.ts';
import { readRanges, type ReadRangesOptions } from '../../storage/rangeReader.ts';
import { VectorBuilder, type Batch, type LazyBatch, type Vector } from '../../types/vector.ts';
import type { IntegerSource } from './arrowIntegers.ts';
import { arrowToVector } from './arrowToVector.ts';
import { columnChunkRanges, readableLeafIndex } from './columnChunks.ts';
import { corruptFile, type ByteSpan, type ParquetFooter } from './footer.ts';
import { hidePageIndex } from './hidePageIndex.ts';
import { PrefetchedBytes } from './prefetchedBytes.ts';
import { findColumn, type ParquetColumn } from './schema.ts';
import { WASM_OOM_THRESHOLD_BYTES, WasmTrap, closeParquetFile, decodeRowGroup, openParquetFile, type WasmParquetFile } from './wasmDecoder.ts';

export interface ReadRowGroupsOptions {
  readonly store: ObjectStore;
  readonly uri: string;
  /** Object size; must be the size the footer was read with. */
  readonly size: number;
  readonly footer: ParquetFooter;
  /** Row group indexes, read and yielded in this order. */
  readonly rowGroups: readonly number[];
  /** Column names; each batch has one vector per name, in this order. */
  readonly columns: readonly string[];
  /** Row groups fetched ahead of the one being decoded. Default 1; 0 fetches on demand. */
  readonly prefetch?: number;
  /** How column chunk ranges are coalesced into GETs. */
  readonly ranges?: ReadRangesOptions;
}

export interface RowGroupBatch {
  readonly rowGroup: number;
  readonly batch: Batch;
}

const FOOTER_TAG = 'footer';

/** Every row group as a Batch copied out of the decoder (all rows of every column). */
export async function* readRowGroups(opts: ReadRowGroupsOptions): AsyncGenerator<RowGroupBatch, void, undefined> {
  for await (const { rowGroup, value } of decodedRowGroups(opts, (rg, numRows, columns, table, slot) => {
    const vectors =
      table === null
        ? columns.map((c) => new VectorBuilder(c.type, 0).finish())
        : columns.map((c) => arrowToVector(childOf(table, c, rg, opts.uri).data, c.type, describe(c, opts.uri), { source: integerSource(c) }));
    return { columns: slot.map((i) => vectors[i]!), length: numRows };
  })) {
    yield { rowGroup, batch: value };
  }
}

/**
 * Hand each row group, while its decoded data is alive, to `consume` as a lazy batch whose
 * integer and decimal columns convert only the rows asked for; `consume` returns false to stop
 * reading. The scan pipeline runs inside it, so a selective filter spares the conversion of the
 * columns it reads after filtering.
 */
export async function scanRowGroups(opts: ReadRowGroupsOptions, consume: (rowGroup: number, batch: LazyBatch) => boolean): Promise<void> {
  const loop = decodedRowGroups(opts, (rg, numRows, columns, table, slot) => {
    const made = new Map<number, Vector>();
    const batch: LazyBatch = {
      length: numRows,
      width: slot.length,
      column(index, sel) {
        const i = slot[index]!;
        let v = made.get(i);
        if (v === undefined) {
          const c = columns[i]!;
          v =
            table === null
              ? new VectorBuilder(c.type, 0).finish()
              : arrowToVector(childOf(table, c, rg, opts.uri).data, c.type, describe(c, opts.uri), { sel, source: integerSource(c) });
          made.set(i, v);
        }
        return v;
      },
    };
    try {
      return consume(rg, batch);
    } catch (err) {
      throw new ConsumerError(err);
    }
  });
  try {
    for await (const { value: more } of loop) if (!more) break;
  } catch (err) {
    throw err instanceof ConsumerError ? err.inner : err;
  }
}

/** An error of the consumer's own, carried through the decoder's failure handling untouched. */
class ConsumerError extends Error {
  constructor(readonly inner: unknown) {
    super('consumer failed');
  }
}

function describe(c: ParquetColumn, uri: string): string {
  return `column "${c.name}" of ${uri}`;
}

function integerSource(c: ParquetColumn): IntegerSource {
  return { fromInt64: c.physical.type === 'INT32' || c.physical.type === 'INT64' };
}

function childOf(table: ArrowTable, c: ParquetColumn, rg: number, uri: string): ArrowVector {
  const child = table.getChild(c.name);
  if (child === null) throw new InternalError(`parquet-wasm returned no column "${c.name}" for row group ${rg} of ${uri}`);
  return child;
}

type RowGroupHandler<T> = (rowGroup: number, numRows: number, columns: readonly ParquetColumn[], table: ArrowTable | null, slot: readonly number[]) => T;

async function* decodedRowGroups<T>(opts: ReadRowGroupsOptions, handle: RowGroupHandler<T>): AsyncGenerator<{ rowGroup: number; value: T }, void, undefined> {
  const { store, uri, size, footer, rowGroups } = opts;
  if (footer.size !== size || footer.uri !== uri) {
    throw new InternalError(`footer of ${footer.uri} (${footer.size} bytes) used to read ${uri} (${size} bytes)`);
  }
  for (const rg of rowGroups) {
    if (!Number.isInteger(rg) || footer.rowGroups[rg] === undefined) {
      throw new InternalError(`row group ${rg} out of range: ${uri} has ${footer.rowGroups.length}`);
    }
  }
  // Decode each distinct column once; repeated names share the vector.
  const names = [...new Set(opts.columns)];
  const columns = names.map((name) => {
    readableLeafIndex(footer, name);
    return findColumn(footer.columns, name)!;
  });
  const slot = opts.columns.map((name) => names.indexOf(name));

  if (names.length === 0) {
    // count(*): the footer knows every row group's size; nothing to fetch or decode.
    for (const rg of rowGroups) yield { rowGroup: rg, value: handle(rg, footer.rowGroups[rg]!.numRows, columns, null, slot) };
    return;
  }

  const prefetch = Math.max(0, Math.floor(opts.prefetch ?? 1));
  const fetchRowGroup = (rg: number, withPageIndex: boolean): Promise<FetchedChunks> => {
    // An empty row group decodes to nothing: fetch none of its chunks.
    const ranges: ByteSpan[] = footer.rowGroups[rg]!.numRows === 0 ? [] : columnChunkRanges(footer, [rg], names);
    if (withPageIndex && footer.pageIndex !== null) ranges.push(footer.pageIndex);
    const fetched = readRanges(store, uri, ranges, opts.ranges).then((buffers) => ({ rowGroup: rg, ranges, buffers }));
    // Awaited later, in order; until then a failure must not count as unhandled.
    fetched.catch(() => undefined);
    return fetched;
  };
  // parquet-wasm reads every page index when it opens a file, though decoding whole chunks
  // never uses them. Serve it a footer that does not mention them; if that footer cannot be
  // made, fetch the page indexes with the first row group's chunks (they sit next to the last
  // row group, so often in the same GET).
  const servedFooter = footer.pageIndex === null ? footer.bytes : hidePageIndex(footer.bytes);
  const inFlight: Promise<FetchedChunks>[] = [];
  let nextFetch = 0;
  const topUp = (upto: number): void => {
    while (nextFetch < rowGroups.length && nextFetch <= upto) {
      inFlight.push(fetchRowGroup(rowGroups[nextFetch]!, nextFetch === 0 && servedFooter === null));
      nextFetch++;
    }
  };

  const blob = new PrefetchedBytes(uri, size);
  blob.add(size - footer.footerLength, servedFooter ?? footer.bytes, FOOTER_TAG);
  let file: WasmParquetFile | null = null;
  let poisoned = false;
  try {
    topUp(prefetch);
    for (let k = 0; k < rowGroups.length; k++) {
      const rg = rowGroups[k]!;
      const numRows = footer.rowGroups[rg]!.numRows;
      const fetched = await inFlight.shift()!;
      topUp(k + 1 + prefetch);
      const tag = `rg${rg}`;
      fetched.ranges.forEach((r, i) => blob.add(r.start, fetched.buffers[i]!, r === footer.pageIndex ? FOOTER_TAG : tag));
      let value: T;
      try {
        if (numRows === 0) value = handle(rg, 0, columns, null, slot);
        else {
          file ??= await open(blob, uri);
          value = await decodeRowGroup(file, rg, names, numRows, (table) => {
            if (table.numRows !== numRows) {
              throw corruptFile(uri, `row group ${rg} decoded to ${table.numRows} rows, its metadata says ${numRows}`);
            }
            return handle(rg, numRows, columns, table, slot);
          });
        }
      } catch (err) {
        if (err instanceof ConsumerError) throw err;
        if (err instanceof WasmTrap) poisoned = true;
        throw await explainFailure(err, blob, uri, rg, numRows, columns);
      } finally {
        blob.drop(tag);
      }
      yield { rowGroup: rg, value };
    }
  } finally {
    if (file !== null && !poisoned) closeParquetFile(file);
  }
}

interface FetchedChunks {
  readonly rowGroup: number;
  readonly ranges: readonly ByteSpan[];
  readonly buffers: readonly Uint8Array[];
}

async function open(blob: PrefetchedBytes, uri: string): Promise<WasmParquetFile> {
  try {
    return await openParquetFile(blob);
  } catch (err) {
    if (blob.violation !== null) throw blob.violation;
    if (err instanceof WasmTrap) throw corruptFile(uri, 'the footer cannot be read by the Parquet decoder');
    throw corruptFile(uri, `the footer cannot be read by the Parquet decoder (${messageOf(err)})`);
  }
}

/**
 * The error to report for a failed decode: our own bug if parquet-wasm wanted bytes we did not
 * prefetch, resources if wasm memory is exhausted, else the corrupt column, found by decoding
 * the columns one at a time (only on this failure path).
 */
async function explainFailure(
  err: unknown,
  blob: PrefetchedBytes,
  uri: string,
  rg: number,
  numRows: number,
  columns: readonly ParquetColumn[],
): Promise<unknown> {
  if (blob.violation !== null) return blob.violation;
  if (err instanceof WasmTrap && err.memoryBytes >= WASM_OOM_THRESHOLD_BYTES) {
    return new ExecError(
      'EXCEEDED_MEMORY_LIMIT',
      `Decoding row group ${rg} of ${uri} exhausted the Parquet decoder's 4 GiB memory (${(err.memoryBytes / 2 ** 20).toFixed(0)} MiB in use)`,
    );
  }
  if (!(err instanceof WasmTrap) && (err instanceof DataError || err instanceof InternalError || err instanceof ExecError)) return err;
  const culprit = columns.length > 1 ? await firstFailingColumn(blob, rg, numRows, columns) : columns[0];
  const which = culprit === undefined ? `columns ${columns.map((c) => `"${c.name}"`).join(', ')}` : `column "${culprit.name}"`;
  const detail = err instanceof WasmTrap ? 'damaged or truncated pages' : messageOf(err);
  return corruptFile(uri, `row group ${rg}, ${which} cannot be decoded (${detail})`);
}

async function firstFailingColumn(blob: PrefetchedBytes, rg: number, numRows: number, columns: readonly ParquetColumn[]): Promise<ParquetColumn | undefined> {
  for (const c of columns) {
    let file: WasmParquetFile;
    try {
      file = await openParquetFile(blob);
    } catch {
      return undefined;
    }
    try {
      await decodeRowGroup(file, rg, [c.name], numRows, () => null);
    } catch {
      // A trapped handle is left unfreed (see closeParquetFile).
      return c;
    }
    closeParquetFile(file);
  }
  return undefined;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
