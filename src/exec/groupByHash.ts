/**
 * Assigns dense group ids to key tuples. Each key column has its own dictionary (value → dense
 * code, NULL included); a tuple of codes maps to a group through a numeric key while the codes
 * fit in 52 bits, else through a string key. Dictionary-encoded inputs are mapped once per
 * distinct dictionary entry, so grouping Q1's flags costs a typed-array pass per batch.
 */
import type { SqlType } from '../types/sqlType.ts';
import type { Value } from '../types/value.ts';
import { decodeUtf8, valueAt, VectorBuilder, type DictVector, type Selection, type Vector } from '../types/vector.ts';
import { NumberCodeTable } from './numberCodeTable.ts';

const NULL_KEY = Symbol('null');
/** Largest product of key cardinalities mapped through a per-batch dense table. */
const DENSE_TABLE_CELLS = 1 << 14;
type KeyValue = number | bigint | string | boolean | typeof NULL_KEY;

/** Dense codes for the distinct values of one key column. */
class ColumnDictionary {
  /** Number keys (most keys), then everything else: strings, bigints beyond 2^53, NULL. */
  private readonly numbers = new NumberCodeTable();
  private readonly codes = new Map<KeyValue, number>();
  readonly values: Value[] = [];
  private readonly exact: boolean;

  constructor(type: SqlType) {
    this.exact = type.kind === 'bigint' || type.kind === 'decimal';
  }

  get size(): number {
    return this.values.length;
  }

  find(key: KeyValue): number {
    return typeof key === 'number' ? this.numbers.get(key) : (this.codes.get(key) ?? -1);
  }

  /** The code of a number key (bigint and decimal keys are stored back as bigints). */
  numberCode(x: number): number {
    const next = this.values.length;
    const c = this.numbers.getOrAdd(x, next);
    if (c === next) this.values.push(this.exact ? BigInt(x) : x);
    return c;
  }

  codeOf(key: KeyValue, value: () => Value): number {
    if (typeof key === 'number') {
      const next = this.values.length;
      const c = this.numbers.getOrAdd(key, next);
      if (c === next) this.values.push(value());
      return c;
    }
    let c = this.codes.get(key);
    if (c === undefined) {
      c = this.values.length;
      this.codes.set(key, c);
      this.values.push(key === NULL_KEY ? null : value());
    }
    return c;
  }

  /** Codes for rows `sel` of `v`, written at their row positions. */
  encode(v: Vector, sel: Selection, out: Int32Array): void {
    const nulls = v.storage === 'const' ? null : v.nulls;
    switch (v.storage) {
      case 'i32':
      case 'f64': {
        const values = v.values;
        for (let k = 0; k < sel.length; k++) {
          const i = sel[k]!;
          if (nulls !== null && nulls[i] === 1) out[i] = this.codeOf(NULL_KEY, nullValue);
          else out[i] = this.numberCode(values[i]! + 0); // -0 and 0 group together
        }
        return;
      }
      case 'dict': {
        const d = v.dictionary;
        const mapped = new Int32Array(d.length).fill(-1);
        for (let k = 0; k < sel.length; k++) {
          const i = sel[k]!;
          if (nulls !== null && nulls[i] === 1) {
            out[i] = this.codeOf(NULL_KEY, nullValue);
            continue;
          }
          const c = v.codes[i]!;
          let m = mapped[c]!;
          if (m < 0) {
            const x = valueAt(d, c);
            m = mapped[c] = this.codeOf(keyOf(x), () => x);
          }
          out[i] = m;
        }
        return;
      }
      case 'binary': {
        for (let k = 0; k < sel.length; k++) {
          const i = sel[k]!;
          if (nulls !== null && nulls[i] === 1) out[i] = this.codeOf(NULL_KEY, nullValue);
          else {
            const s = decodeUtf8(v.bytes, v.offsets[i]!, v.offsets[i + 1]!);
            out[i] = this.codeOf(s, () => s);
          }
        }
        return;
      }
      case 'const': {
        const key = keyOf(v.value);
        const c = this.codeOf(key, () => v.value);
        for (let k = 0; k < sel.length; k++) out[sel[k]!] = c;
        return;
      }
      default:
        for (let k = 0; k < sel.length; k++) {
          const i = sel[k]!;
          const x = valueAt(v, i);
          out[i] = this.codeOf(keyOf(x), () => x);
        }
    }
  }
}

/** Like `ColumnDictionary.encode` without adding values: -1 where the value is unknown or NULL. */
function findCodes(dict: ColumnDictionary, v: Vector, sel: Selection, out: Int32Array): void {
  const nulls = v.storage === 'const' ? null : v.nulls;
  switch (v.storage) {
    case 'i32':
    case 'f64': {
      const values = v.values;
      for (let k = 0; k < sel.length; k++) {
        const i = sel[k]!;
        out[i] = nulls !== null && nulls[i] === 1 ? -1 : dict.find(values[i]! + 0);
      }
      return;
    }
    case 'dict': {
      const d = v.dictionary;
      const mapped = new Int32Array(d.length).fill(-2);
      for (let k = 0; k < sel.length; k++) {
        const i = sel[k]!;
        if (nulls !== null && nulls[i] === 1) {
          out[i] = -1;
          continue;
        }
        const c = v.codes[i]!;
        let m = mapped[c]!;
        if (m === -2) {
          const x = valueAt(d, c);
          m = mapped[c] = x === null ? -1 : dict.find(keyOf(x));
        }
        out[i] = m;
      }
      return;
    }
    default:
      for (let k = 0; k < sel.length; k++) {
        const i = sel[k]!;
        const x = valueAt(v, i);
        out[i] = x === null ? -1 : dict.find(keyOf(x));
      }
  }
}

function nullValue(): Value {
  return null;
}

function keyOf(v: Value): KeyValue {
  if (v === null) return NULL_KEY;
  if (typeof v === 'bigint') return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (typeof v === 'number') return v + 0;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? Array.from(x) : x));
}

export class GroupByHash {
  private readonly dictionaries: ColumnDictionary[];
  /** Per group, the code of each key column (row-major: group g, column c at g * width + c). */
  private groupCodes = new Int32Array(64);
  private groups = 0;
  private readonly numericGroups = new Map<number, number>();
  private stringGroups: Map<string, number> | null = null;
  private readonly bitsPerColumn: number;

  constructor(private readonly keyTypes: readonly SqlType[]) {
    this.dictionaries = keyTypes.map((t) => new ColumnDictionary(t));
    this.bitsPerColumn = keyTypes.length === 0 ? 0 : Math.floor(52 / keyTypes.length);
  }

  get groupCount(): number {
    return this.keyTypes.length === 0 ? Math.max(this.groups, 1) : this.groups;
  }

  /** Group ids for rows `sel` of the key vectors, at their row positions in a length-`length` array. */
  groupIds(keys: readonly Vector[], sel: Selection, length: number): Int32Array {
    const ids = new Int32Array(length);
    const width = this.keyTypes.length;
    if (width === 0) {
      this.groups = 1;
      return ids;
    }
    if (keys.every((k) => k.storage === 'dict') && this.dictionaryBatch(keys as DictVector[], sel, ids)) return ids;
    if (width === 1) {
      // One key: the column's dense code is the group id.
      this.dictionaries[0]!.encode(keys[0]!, sel, ids);
      this.groups = this.dictionaries[0]!.size;
      return ids;
    }
    const codes = keys.map((k, c) => {
      const out = new Int32Array(length);
      this.dictionaries[c]!.encode(k, sel, out);
      return out;
    });
    if (this.denseBatch(codes, sel, ids)) return ids;
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      ids[i] = this.groupFor(codes, i);
    }
    return ids;
  }

  /**
   * All keys dictionary-encoded with small dictionaries (Q1's flags): one pass maps each row's
   * tuple of batch-local codes through a dense table; the hash map sees each distinct tuple once.
   */
  private dictionaryBatch(keys: readonly DictVector[], sel: Selection, ids: Int32Array): boolean {
    const radix = keys.map((k) => k.dictionary.length + 1); // + 1: the NULL code
    let cells = 1;
    for (const r of radix) {
      cells *= r;
      if (cells > DENSE_TABLE_CELLS) return false;
    }
    const table = new Int32Array(cells).fill(-1);
    const width = keys.length;
    const rowCodes = keys.map(() => new Int32Array(1));
    const slow = (i: number, cell: number): number => {
      for (let c = 0; c < width; c++) {
        const key = keys[c]!;
        const isNull = key.nulls !== null && key.nulls[i] === 1;
        const value = isNull ? null : valueAt(key.dictionary, key.codes[i]!);
        rowCodes[c]![0] = this.dictionaries[c]!.codeOf(keyOf(value), () => value);
      }
      const g = width === 1 ? rowCodes[0]![0]! : this.groupFor(rowCodes, 0);
      if (width === 1) this.groups = Math.max(this.groups, this.dictionaries[0]!.size);
      table[cell] = g;
      return g;
    };
    // The common shapes without NULLs, as straight loops over the code arrays.
    if (keys.every((k) => k.nulls === null) && width <= 2) {
      const c0 = keys[0]!.codes;
      if (width === 1) {
        for (let k = 0; k < sel.length; k++) {
          const i = sel[k]!;
          const cell = c0[i]!;
          const g = table[cell]!;
          ids[i] = g >= 0 ? g : slow(i, cell);
        }
      } else {
        const c1 = keys[1]!.codes;
        const r1 = radix[1]!;
        for (let k = 0; k < sel.length; k++) {
          const i = sel[k]!;
          const cell = c0[i]! * r1 + c1[i]!;
          const g = table[cell]!;
          ids[i] = g >= 0 ? g : slow(i, cell);
        }
      }
      return true;
    }
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      let cell = 0;
      for (let c = 0; c < width; c++) {
        const key = keys[c]!;
        const code = key.nulls !== null && key.nulls[i] === 1 ? radix[c]! - 1 : key.codes[i]!;
        cell = cell * radix[c]! + code;
      }
      let g = table[cell]!;
      if (g < 0) g = slow(i, cell);
      ids[i] = g;
    }
    return true;
  }

  /**
   * When the key columns have few distinct values so far, a batch maps each code tuple through
   * a small dense table, so the hash map is consulted once per distinct tuple, not per row.
   */
  private denseBatch(codes: readonly Int32Array[], sel: Selection, ids: Int32Array): boolean {
    let cells = 1;
    for (const d of this.dictionaries) {
      cells *= d.size;
      if (cells > DENSE_TABLE_CELLS) return false;
    }
    const table = new Int32Array(cells).fill(-1);
    const width = codes.length;
    const radix = this.dictionaries.map((d) => d.size);
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      let cell = 0;
      for (let c = 0; c < width; c++) cell = cell * radix[c]! + codes[c]![i]!;
      let g = table[cell]!;
      if (g < 0) g = table[cell] = this.groupFor(codes, i);
      ids[i] = g;
    }
    return true;
  }

  /** The group of row i's code tuple, created if new. */
  private groupFor(codes: readonly Int32Array[], i: number): number {
    const width = codes.length;
    if (this.stringGroups === null) {
      const limit = 2 ** this.bitsPerColumn;
      let key = 0;
      let fits = true;
      for (let c = 0; c < width; c++) {
        const code = codes[c]![i]!;
        if (code >= limit) fits = false;
        key = key * limit + code;
      }
      if (fits) {
        let g = this.numericGroups.get(key);
        if (g === undefined) {
          g = this.addGroup(codes, i);
          this.numericGroups.set(key, g);
        }
        return g;
      }
      this.switchToStringKeys();
    }
    let key = '';
    for (let c = 0; c < width; c++) key += `${codes[c]![i]!},`;
    let g = this.stringGroups!.get(key);
    if (g === undefined) {
      g = this.addGroup(codes, i);
      this.stringGroups!.set(key, g);
    }
    return g;
  }

  private addGroup(codes: readonly Int32Array[], row: number): number {
    const width = codes.length;
    const g = this.groups++;
    if ((g + 1) * width > this.groupCodes.length) {
      const grown = new Int32Array(Math.max(this.groupCodes.length * 2, (g + 1) * width));
      grown.set(this.groupCodes);
      this.groupCodes = grown;
    }
    for (let c = 0; c < width; c++) this.groupCodes[g * width + c] = codes[c]![row]!;
    return g;
  }

  private switchToStringKeys(): void {
    const width = this.keyTypes.length;
    const m = new Map<string, number>();
    for (let g = 0; g < this.groups; g++) {
      let key = '';
      for (let c = 0; c < width; c++) key += `${this.groupCodes[g * width + c]!},`;
      m.set(key, g);
    }
    this.stringGroups = m;
  }

  /**
   * The group of each row's key tuple without adding groups: -1 where the tuple is unknown or
   * holds a NULL (join probes: NULL never equals anything).
   */
  findIds(keys: readonly Vector[], sel: Selection, length: number): Int32Array {
    const width = this.keyTypes.length;
    const ids = new Int32Array(length);
    const codes = keys.map((k, c) => {
      const out = new Int32Array(length);
      findCodes(this.dictionaries[c]!, k, sel, out);
      return out;
    });
    if (width === 1) return codes[0]!;
    const limit = 2 ** this.bitsPerColumn;
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      let missing = false;
      let numeric = 0;
      let fits = true;
      for (let c = 0; c < width; c++) {
        const code = codes[c]![i]!;
        if (code < 0) {
          missing = true;
          break;
        }
        if (code >= limit) fits = false;
        numeric = numeric * limit + code;
      }
      if (missing) {
        ids[i] = -1;
        continue;
      }
      if (this.stringGroups === null) ids[i] = fits ? (this.numericGroups.get(numeric) ?? -1) : -1;
      else {
        let key = '';
        for (let c = 0; c < width; c++) key += `${codes[c]![i]!},`;
        ids[i] = this.stringGroups.get(key) ?? -1;
      }
    }
    return ids;
  }

  /** The key columns of groups 0..groupCount-1. */
  keyVectors(): Vector[] {
    const width = this.keyTypes.length;
    return this.keyTypes.map((type, c) => {
      const dict = this.dictionaries[c]!;
      const b = new VectorBuilder(type, this.groups);
      for (let g = 0; g < this.groups; g++) {
        const code = width === 1 ? g : this.groupCodes[g * width + c]!;
        b.append(dict.values[code]!);
      }
      return b.finish();
    });
  }
}
