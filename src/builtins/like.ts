/**
 * `$like(value, pattern[, escape])`. A constant pattern is compiled once per kernel; varying
 * patterns go through a small per-kernel cache. A dictionary-encoded value column is matched
 * once per distinct entry (prepareKernel).
 */
import { BOOLEAN, type SqlType } from '../types/sqlType.ts';
import type { Selection, Vector } from '../types/vector.ts';
import { prepareKernel } from './kernel.ts';
import { compileLike, escapeChar, type LikeMatcher } from './likePattern.ts';
import { unionNulls } from './numericArgs.ts';
import { bindParams, mismatch } from './signature.ts';
import type { ScalarFunctionDef, ScalarKernel } from './types.ts';
import { makeStringReader } from './vectorRead.ts';

const SIGNATURES = ['$like(varchar, varchar) → boolean', '$like(varchar, varchar, varchar) → boolean'];

function likeKernel(): ScalarKernel {
  const cache = new Map<string, LikeMatcher>();
  const matcherFor = (pattern: string, escape: string | null): LikeMatcher => {
    const key = escape === null ? `0${pattern}` : `1${escape}${pattern}`;
    let m = cache.get(key);
    if (m === undefined) {
      m = compileLike(pattern, escape === null ? null : escapeChar(escape));
      if (cache.size > 1000) cache.clear();
      cache.set(key, m);
    }
    return m;
  };
  return prepareKernel(BOOLEAN, (args, sel, length) => {
    const [value, pattern, escape] = args as [Vector, Vector, Vector | undefined];
    const nulls = unionNulls([value.nulls, pattern.nulls, escape?.nulls ?? null], sel, length);
    const out = new Uint8Array(length);
    const constPattern = pattern.storage === 'const' && (escape === undefined || escape.storage === 'const');
    if (constPattern) {
      const m = matcherFor(pattern.value as string, escape === undefined ? null : ((escape as { value: unknown }).value as string));
      matchAll(m, value, sel, nulls, out);
    } else {
      const rv = makeStringReader(value);
      const rp = makeStringReader(pattern);
      const re = escape === undefined ? null : makeStringReader(escape);
      for (let k = 0; k < sel.length; k++) {
        const i = sel[k]!;
        if (nulls !== null && nulls[i] === 1) continue;
        out[i] = matcherFor(rp(i), re === null ? null : re(i)).matchString(rv(i)) ? 1 : 0;
      }
    }
    return { storage: 'bool', type: BOOLEAN, length, nulls, values: out };
  });
}

function matchAll(m: LikeMatcher, value: Vector, sel: Selection, nulls: Uint8Array | null, out: Uint8Array): void {
  if (value.storage === 'binary') {
    const { offsets, bytes } = value;
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      if (nulls !== null && nulls[i] === 1) continue;
      out[i] = m.matchBytes(bytes, offsets[i]!, offsets[i + 1]!) ? 1 : 0;
    }
    return;
  }
  const rv = makeStringReader(value);
  for (let k = 0; k < sel.length; k++) {
    const i = sel[k]!;
    if (nulls !== null && nulls[i] === 1) continue;
    out[i] = m.matchString(rv(i)) ? 1 : 0;
  }
}

export const LIKE: ScalarFunctionDef = {
  name: '$like',
  signatures: SIGNATURES,
  deterministic: true,
  resolve(argTypes: readonly SqlType[]) {
    const params = argTypes.length === 2 ? (['varchar', 'varchar'] as const) : (['varchar', 'varchar', 'varchar'] as const);
    const bound = argTypes.length === 2 || argTypes.length === 3 ? bindParams(params, argTypes) : null;
    return bound === null ? mismatch('$like', argTypes, SIGNATURES) : { argTypes: bound, returnType: BOOLEAN };
  },
  kernel: () => likeKernel(),
};
