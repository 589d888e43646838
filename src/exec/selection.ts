/** Selections from boolean vectors: which rows pass a filter. */
import { InternalError } from '../errors.ts';
import type { BoolVector, Selection, Vector } from '../types/vector.ts';

/** A boolean vector as bool storage (const and dict forms expanded at the rows of sel). */
export function boolView(v: Vector, sel: Selection, length: number): BoolVector {
  if (v.storage === 'bool') return v;
  if (v.storage === 'const') {
    const values = new Uint8Array(length);
    const isNull = v.value === null;
    if (!isNull && v.value === true) values.fill(1);
    const nulls = isNull ? new Uint8Array(length).fill(1) : null;
    return { storage: 'bool', type: v.type, length, nulls, values };
  }
  if (v.storage === 'dict') {
    const dict = boolView(v.dictionary, allIndices(v.dictionary.length), v.dictionary.length);
    const values = new Uint8Array(length);
    let nulls: Uint8Array | null = v.nulls === null ? null : new Uint8Array(v.nulls);
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      const c = v.codes[i]!;
      values[i] = dict.values[c]!;
      if (dict.nulls !== null && dict.nulls[c] === 1) (nulls ??= new Uint8Array(length))[i] = 1;
    }
    return { storage: 'bool', type: v.type, length, nulls, values };
  }
  throw new InternalError(`expected a boolean vector, got ${v.storage} storage`);
}

function allIndices(n: number): Selection {
  const s = new Int32Array(n);
  for (let i = 0; i < n; i++) s[i] = i;
  return s;
}

/** Rows of sel where v is TRUE (wantTrue) or where it is FALSE or NULL (!wantTrue). */
export function selectWhere(v: Vector, sel: Selection, wantTrue: boolean): Selection {
  if (v.storage === 'const') {
    const isTrue = v.value === true;
    return isTrue === wantTrue ? sel : new Int32Array(0);
  }
  const b = boolView(v, sel, v.length);
  const values = b.values;
  const nulls = b.nulls;
  const out = new Int32Array(sel.length);
  let m = 0;
  if (nulls === null) {
    const want = wantTrue ? 1 : 0;
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      if (values[i] === want) out[m++] = i;
    }
  } else {
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      const isTrue = values[i] === 1 && nulls[i] !== 1;
      if (isTrue === wantTrue) out[m++] = i;
    }
  }
  return m === sel.length ? sel : out.subarray(0, m);
}
