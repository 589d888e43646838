/**
 * Calling builtins in tests: resolve by name and argument types, coerce arguments to the
 * resolved types with the cast kernels (as the binder would), and run the kernel over vectors
 * of a chosen storage kind.
 */
import { castKernel } from '../../../src/builtins/cast.ts';
import { getAggregateFunction, getScalarFunction } from '../../../src/builtins/registry.ts';
import { isResolved, type AggregateSignature, type GroupedAccumulator } from '../../../src/builtins/types.ts';
import { SquallError } from '../../../src/errors.ts';
import { typesEqual, type SqlType } from '../../../src/types/sqlType.ts';
import type { Value } from '../../../src/types/value.ts';
import {
  allRows,
  constVector,
  encodeUtf8,
  vectorFromValues,
  vectorValues,
  type Vector,
} from '../../../src/types/vector.ts';

export type StorageKind = 'natural' | 'f64' | 'big' | 'i32' | 'str' | 'binary' | 'dict' | 'const';

/** A vector of `values` in the requested storage (where the type allows it). */
export function vectorOf(type: SqlType, values: readonly Value[], storage: StorageKind = 'natural'): Vector {
  const n = values.length;
  const nulls = values.some((v) => v === null) ? Uint8Array.from(values, (v) => (v === null ? 1 : 0)) : null;
  switch (storage) {
    case 'natural':
    case 'f64':
    case 'i32':
      return vectorFromValues(type, values);
    case 'big':
      return { storage: 'big', type, length: n, nulls, values: values.map((v) => (v === null ? 0n : BigInt(v as number | bigint))) };
    case 'str':
      return { storage: 'str', type, length: n, nulls, values: values.map((v) => (v === null ? '' : (v as string))) };
    case 'binary': {
      const parts = values.map((v) => (v === null ? new Uint8Array(0) : encodeUtf8(v as string)));
      const offsets = new Int32Array(n + 1);
      parts.forEach((p, i) => (offsets[i + 1] = offsets[i]! + p.length));
      const bytes = new Uint8Array(offsets[n]!);
      parts.forEach((p, i) => bytes.set(p, offsets[i]!));
      return { storage: 'binary', type, length: n, nulls, offsets, bytes };
    }
    case 'dict': {
      // Distinct non-null values in a dictionary, NULL rows marked at row level.
      const keyOf = (v: Value): string => (typeof v === 'bigint' ? `${v}n` : JSON.stringify(v));
      const distinct: Value[] = [];
      const index = new Map<string, number>();
      const codes = new Int32Array(n);
      values.forEach((v, i) => {
        if (v === null) return;
        const k = keyOf(v);
        let c = index.get(k);
        if (c === undefined) {
          c = distinct.length;
          distinct.push(v);
          index.set(k, c);
        }
        codes[i] = c;
      });
      if (distinct.length === 0) distinct.push(null);
      return { storage: 'dict', type, length: n, nulls, codes, dictionary: vectorFromValues(type, distinct) };
    }
    case 'const':
      if (new Set(values.map((v) => (typeof v === 'bigint' ? `${v}n` : JSON.stringify(v)))).size !== 1) {
        throw new Error('const storage needs equal values');
      }
      return constVector(type, values[0]!, n);
  }
}

export interface Arg {
  readonly type: SqlType;
  readonly value: Value;
}

export interface CallResult {
  readonly type: SqlType;
  readonly values: Value[];
}

/** Call a scalar function on columns (one array of values per argument). */
export function callColumns(name: string, types: readonly SqlType[], columns: readonly (readonly Value[])[], storages?: readonly StorageKind[]): CallResult {
  const def = getScalarFunction(name);
  if (def === undefined) throw new Error(`no function ${name}`);
  const sig = def.resolve(types);
  if (!isResolved(sig)) throw new Error(sig.error);
  const length = columns[0]?.length ?? 1;
  const sel = allRows(length);
  const args = columns.map((col, a) => {
    const v = vectorOf(types[a]!, col, storages?.[a] ?? 'natural');
    const to = sig.argTypes[a]!;
    return typesEqual(types[a]!, to) ? v : castKernel(types[a]!, to, false)([v], sel, length);
  });
  const out = def.kernel(sig)(args, sel, length);
  return { type: sig.returnType, values: vectorValues(out).slice(0, length) };
}

/** Call a scalar function on single values. */
export function call(name: string, ...args: Arg[]): { type: SqlType; value: Value } {
  const r = callColumns(
    name,
    args.map((a) => a.type),
    args.map((a) => [a.value]),
  );
  return { type: r.type, value: r.values[0]! };
}

/** The error a call throws, as `CODE: message`. */
export function callError(name: string, ...args: Arg[]): string {
  try {
    call(name, ...args);
  } catch (e) {
    if (e instanceof SquallError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'no error';
}

export function resolveError(name: string, ...types: SqlType[]): string | null {
  const r = getScalarFunction(name)!.resolve(types);
  return isResolved(r) ? null : r.error;
}

export function castValue(from: SqlType, to: SqlType, value: Value, safe = false): Value {
  const out = castKernel(from, to, safe)([vectorOf(from, [value])], allRows(1), 1);
  return vectorValues(out)[0]!;
}

export function castErrorOf(from: SqlType, to: SqlType, value: Value): string {
  try {
    castValue(from, to, value);
  } catch (e) {
    if (e instanceof SquallError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'no error';
}

export function aggregateOf(name: string, argTypes: readonly SqlType[], distinct = false): { sig: AggregateSignature; make: () => GroupedAccumulator } {
  const def = getAggregateFunction(name);
  if (def === undefined) throw new Error(`no aggregate ${name}`);
  const sig = def.resolve(argTypes, distinct);
  if (!isResolved(sig)) throw new Error(sig.error);
  return { sig, make: () => def.accumulator(sig, distinct) };
}

/** Single-pass aggregation of rows (values of the one argument) into groups. */
export function aggregate(name: string, argTypes: readonly SqlType[], columns: readonly (readonly Value[])[], groups: readonly number[], distinct = false): Value[] {
  const { sig, make } = aggregateOf(name, argTypes, distinct);
  const acc = make();
  const groupCount = groups.reduce((m, g) => Math.max(m, g + 1), 1);
  acc.ensureGroups(groupCount);
  const n = groups.length;
  acc.update(
    Int32Array.from(groups),
    columns.map((c, a) => vectorOf(sig.argTypes[a]!, c)),
    allRows(n),
  );
  return vectorValues(acc.finish(groupCount));
}

/** A seeded PRNG (mulberry32) for property tests. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
