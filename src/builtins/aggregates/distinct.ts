/**
 * The DISTINCT form of any one-argument aggregate, generically: the partial state of a group is
 * the set of its distinct non-NULL values (state type array(T)), merged by union, and finished
 * by feeding the distinct values through the plain aggregate. NaN counts once, and 0 = -0.
 */
import { arrayOf, type SqlType } from '../../types/sqlType.ts';
import type { Value } from '../../types/value.ts';
import { allRows, valueAt, VectorBuilder, type Selection, type Vector } from '../../types/vector.ts';
import type { AggregateSignature, GroupedAccumulator } from '../types.ts';
import { makeNullTest, makeReader } from '../vectorRead.ts';
import { flatInput } from './groupArrays.ts';

type Key = number | bigint | string | boolean;

/** A Map key that is equal exactly for equal SQL values of type t. */
function keyFunction(t: SqlType): (v: Value) => Key {
  switch (t.kind) {
    case 'bigint':
    case 'decimal':
      return (v) => {
        const b = typeof v === 'bigint' ? v : BigInt(v as number);
        return b <= BigInt(Number.MAX_SAFE_INTEGER) && b >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
      };
    case 'varbinary':
      return (v) => Buffer.from(v as Uint8Array).toString('hex');
    case 'array':
      return (v) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));
    default:
      return (v) => v as Key;
  }
}

export function distinctStateTypes(argType: SqlType): SqlType[] {
  return [arrayOf(argType)];
}

export class DistinctAccumulator implements GroupedAccumulator {
  private readonly sets: Map<Key, Value>[] = [];
  private readonly type: SqlType;
  private readonly key: (v: Value) => Key;
  private readonly plain: () => GroupedAccumulator;

  constructor(sig: AggregateSignature, plain: () => GroupedAccumulator) {
    this.type = sig.argTypes[0]!;
    this.key = keyFunction(this.type);
    this.plain = plain;
  }

  ensureGroups(groupCount: number): void {
    while (this.sets.length < groupCount) this.sets.push(new Map());
  }

  private add(g: number, v: Value): void {
    const k = this.key(v);
    const set = this.sets[g]!;
    if (!set.has(k)) set.set(k, v);
  }

  update(groupIds: Int32Array, args: readonly Vector[], sel: Selection): void {
    const v = flatInput(args[0]!, sel);
    const read = makeReader(v);
    const isNull = makeNullTest(v);
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      if (isNull !== null && isNull(i)) continue;
      this.add(groupIds[i]!, read(i));
    }
  }

  merge(groupIds: Int32Array, states: readonly Vector[], sel: Selection): void {
    const s = states[0]!;
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      const arr = valueAt(s, i) as Value[] | null;
      if (arr === null) continue;
      const g = groupIds[i]!;
      for (const v of arr) if (v !== null) this.add(g, v);
    }
  }

  states(groupCount: number): Vector[] {
    const b = new VectorBuilder(arrayOf(this.type), groupCount);
    for (let g = 0; g < groupCount; g++) b.append([...(this.sets[g]?.values() ?? [])]);
    return [b.finish()];
  }

  finish(groupCount: number): Vector {
    let total = 0;
    for (let g = 0; g < groupCount; g++) total += this.sets[g]?.size ?? 0;
    const values = new VectorBuilder(this.type, total);
    const groupIds = new Int32Array(total);
    let n = 0;
    for (let g = 0; g < groupCount; g++) {
      for (const v of this.sets[g]?.values() ?? []) {
        values.append(v);
        groupIds[n++] = g;
      }
    }
    const inner = this.plain();
    inner.ensureGroups(groupCount);
    inner.update(groupIds, [values.finish()], allRows(total));
    return inner.finish(groupCount);
  }
}
