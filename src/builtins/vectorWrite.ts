/**
 * Writing kernel results at arbitrary row positions (a kernel defines only the rows of its
 * selection). Exact types start in a Float64Array and move to bigint[] the first time a value
 * does not fit in ±(2^53-1), as the storage rules in vector.ts require.
 */
import type { SqlType } from '../types/sqlType.ts';
import type { Value } from '../types/value.ts';
import { MAX_EXACT_F64, primitiveStorage, VectorBuilder, type Vector } from '../types/vector.ts';

const MAX_EXACT_BIG = BigInt(MAX_EXACT_F64);

export class ResultWriter {
  private readonly type: SqlType;
  private readonly length: number;
  private nulls: Uint8Array | null = null;
  private bool: Uint8Array | null = null;
  private i32: Int32Array | null = null;
  private f64: Float64Array | null = null;
  private big: bigint[] | null = null;
  private str: string[] | null = null;
  private objects: Value[] | null = null;
  private readonly exact: boolean;

  constructor(type: SqlType, length: number) {
    this.type = type;
    this.length = length;
    this.exact = type.kind === 'bigint' || type.kind === 'decimal';
    const storage = primitiveStorage(type);
    if (storage === 'bool') this.bool = new Uint8Array(length);
    else if (storage === 'i32') this.i32 = new Int32Array(length);
    else if (storage === 'f64') this.f64 = new Float64Array(length);
    else if (type.kind === 'varchar') this.str = new Array<string>(length).fill('');
    else this.objects = new Array<Value>(length).fill(null);
  }

  setNull(i: number): void {
    if (this.nulls === null) this.nulls = new Uint8Array(this.length);
    this.nulls[i] = 1;
  }

  set(i: number, v: Value): void {
    if (v === null) {
      this.setNull(i);
      return;
    }
    if (this.bool !== null) this.bool[i] = v ? 1 : 0;
    else if (this.i32 !== null) this.i32[i] = v as number;
    else if (this.str !== null) this.str[i] = v as string;
    else if (this.exact) {
      if (typeof v === 'number' && v <= MAX_EXACT_F64 && v >= -MAX_EXACT_F64) this.setExactNumber(i, v);
      else this.setExact(i, typeof v === 'bigint' ? v : BigInt(v as number));
    }
    else if (this.f64 !== null) this.f64[i] = v as number;
    else this.objects![i] = v;
  }

  /** An exact value (bigint, decimal unscaled) as bigint. */
  setExact(i: number, v: bigint): void {
    if (this.big !== null) {
      this.big[i] = v;
      return;
    }
    if (v > MAX_EXACT_BIG || v < -MAX_EXACT_BIG) {
      this.switchToBig();
      this.big![i] = v;
      return;
    }
    this.f64![i] = Number(v);
  }

  /** An exact value known to be an integer within ±(2^53-1). */
  setExactNumber(i: number, v: number): void {
    if (this.big !== null) this.big[i] = BigInt(v);
    else this.f64![i] = v;
  }

  private switchToBig(): void {
    const f = this.f64!;
    const big = new Array<bigint>(this.length);
    for (let k = 0; k < this.length; k++) big[k] = BigInt(f[k]!);
    this.big = big;
    this.f64 = null;
  }

  finish(): Vector {
    const { type, length, nulls } = this;
    if (this.bool !== null) return { storage: 'bool', type, length, nulls, values: this.bool };
    if (this.i32 !== null) return { storage: 'i32', type, length, nulls, values: this.i32 };
    if (this.big !== null) return { storage: 'big', type, length, nulls, values: this.big };
    if (this.f64 !== null) return { storage: 'f64', type, length, nulls, values: this.f64 };
    if (this.str !== null) return { storage: 'str', type, length, nulls, values: this.str };
    const b = new VectorBuilder(type, length);
    const objects = this.objects!;
    for (let k = 0; k < length; k++) b.append(nulls !== null && nulls[k] === 1 ? null : objects[k]!);
    return b.finish();
  }
}

/** Whether an exact bigint fits the f64 storage rule. */
export function fitsF64(v: bigint): boolean {
  return v <= MAX_EXACT_BIG && v >= -MAX_EXACT_BIG;
}
