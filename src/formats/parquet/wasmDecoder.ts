/**
 * The one door to parquet-wasm: opening a file and decoding a row group, one call at a time,
 * with Rust panics turned into errors.
 *
 * Why this exists: parquet-wasm reports nearly every decoding problem (corrupt page, bad
 * compressed stream, a read callback that failed, a row group index out of range) as a Rust
 * panic, i.e. a wasm trap. Its async methods run on wasm-bindgen-futures, which polls them
 * from `queueMicrotask` callbacks, so the trap is thrown from a microtask: it escapes every
 * try/catch as an uncaughtException (crashing the process, or failing a vitest run), and the
 * promise the caller awaits never settles. We measured 100% of byte flips that parquet-wasm
 * detects surfacing this way, none as a rejected promise.
 *
 * So while a call is in flight, `queueMicrotask` is wrapped: a WebAssembly.RuntimeError thrown
 * by a callback is caught and rejects that call instead. Calls are serialized (wasm is
 * single-threaded anyway; callers prefetch bytes so a call never waits on I/O), which makes the
 * trap attributable to exactly one call. After a trap the wasm instance keeps working (tested)
 * but leaks what the aborted call held; `wasmTrapCount()` lets a long-lived process decide to
 * recycle itself.
 */
import { parseTable } from 'arrow-js-ffi';
import type { Table as ArrowTable } from 'apache-arrow';
import * as pw from 'parquet-wasm';

export type WasmParquetFile = pw.ParquetFile;

/** A wasm trap (Rust panic) raised while parquet-wasm served one call. */
export class WasmTrap extends Error {
  /** wasm memory size when it happened: near 4 GiB means allocation failure, not bad data. */
  readonly memoryBytes: number;
  constructor(cause: unknown, memoryBytes: number) {
    super(`parquet-wasm panicked: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'WasmTrap';
    this.memoryBytes = memoryBytes;
  }
}

/** wasm32 memory cannot grow past 4 GiB; a trap near it is taken as out-of-memory. */
export const WASM_OOM_THRESHOLD_BYTES = 3.75 * 1024 ** 3;

let traps = 0;
let leakedHandles = 0;
let queue: Promise<void> = Promise.resolve();
let onTrap: ((err: unknown) => void) | null = null;
let delegate: ((cb: () => void) => void) | null = null;

function guardedQueueMicrotask(cb: () => void): void {
  const next = delegate ?? queueMicrotaskOriginal;
  next(() => {
    try {
      cb();
    } catch (err) {
      if (isWasmTrap(err) && onTrap !== null) onTrap(err);
      else throw err;
    }
  });
}

const queueMicrotaskOriginal = globalThis.queueMicrotask.bind(globalThis);

// Our TypeScript libs (no DOM) do not declare the WebAssembly namespace's values.
const wasmRuntimeError: unknown = (globalThis as unknown as { WebAssembly: { RuntimeError: unknown } }).WebAssembly.RuntimeError;

function isWasmTrap(err: unknown): boolean {
  return typeof wasmRuntimeError === 'function' && err instanceof wasmRuntimeError;
}

export function wasmTrapCount(): number {
  return traps;
}

export function wasmMemoryBytes(): number {
  return pw.wasmMemory().buffer.byteLength;
}

/**
 * Run `fn` alone against parquet-wasm. A trap during it (thrown synchronously or from a
 * microtask) rejects with WasmTrap; `fn`'s own promise may then never settle and is abandoned.
 * Every async use of parquet-wasm in the process (the writer too) should go through this, so
 * that calls cannot interleave and a trap is blamed on the right one.
 */
export async function withParquetWasm<T>(fn: () => Promise<T>): Promise<T> {
  const previous = queue;
  let release!: () => void;
  queue = new Promise<void>((resolve) => (release = resolve));
  await previous;
  const installed = globalThis.queueMicrotask !== guardedQueueMicrotask;
  if (installed) {
    delegate = globalThis.queueMicrotask.bind(globalThis);
    globalThis.queueMicrotask = guardedQueueMicrotask;
  }
  try {
    const trapped = new Promise<never>((_, reject) => {
      onTrap = (err) => reject(err);
    });
    let work: Promise<T>;
    try {
      work = fn();
    } catch (err) {
      work = Promise.reject(err);
    }
    return await Promise.race([work, trapped]);
  } catch (err) {
    if (isWasmTrap(err)) {
      traps++;
      throw new WasmTrap(err, wasmMemoryBytes());
    }
    throw err;
  } finally {
    onTrap = null;
    // Leave a wrapper someone installed on top of ours alone; ours is inert without onTrap.
    if (installed && globalThis.queueMicrotask === guardedQueueMicrotask) {
      globalThis.queueMicrotask = delegate ?? queueMicrotaskOriginal;
      delegate = null;
    }
    release();
  }
}

/** Anything `ParquetFile.fromFile` accepts: it only calls `size` and `slice(a, b).arrayBuffer()`. */
export interface BlobLike {
  readonly size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

export async function openParquetFile(blob: BlobLike): Promise<WasmParquetFile> {
  // parquet-wasm declares a DOM Blob, but reads only what BlobLike describes.
  return withParquetWasm(() => pw.ParquetFile.fromFile(blob as unknown as Blob));
}

/**
 * Decode `columns` of one row group and hand the Arrow table (zero-copy views into wasm memory)
 * to `convert`, which must copy out what it keeps: the views are freed right after it returns.
 */
export async function decodeRowGroup<T>(
  file: WasmParquetFile,
  rowGroup: number,
  columns: readonly string[],
  batchSize: number,
  convert: (table: ArrowTable) => T,
): Promise<T> {
  return withParquetWasm(async () => {
    const table = await file.read({ rowGroups: [rowGroup], columns: [...columns], batchSize: Math.max(1, batchSize) });
    // From here to drop() nothing may yield: another call could grow wasm memory and detach
    // the buffer our views point into.
    const ffi = table.intoFFI();
    try {
      const arrow = parseTable(pw.wasmMemory().buffer, ffi.arrayAddrs(), ffi.schemaAddr(), false);
      return convert(arrow);
    } finally {
      ffi.drop();
    }
  });
}

/**
 * Free a file handle (not after a trap: the aborted call may still hold it borrowed). Called
 * from `finally` blocks, so it never throws: a failure here must not hide the error that is
 * already propagating, and the only cost of not freeing is a small leak.
 */
export function closeParquetFile(file: WasmParquetFile): void {
  try {
    file.free();
  } catch {
    leakedHandles++;
  }
}

/** File handles that could not be freed (diagnostics, next to wasmTrapCount). */
export function wasmLeakedHandles(): number {
  return leakedHandles;
}
