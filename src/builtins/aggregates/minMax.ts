/**
 * min and max over any orderable type (state and result T, NULL for an empty group). Number
 * valued types (integers, real, double, date, timestamp, intervals) keep a Float64Array per
 * group; other types keep Values and compare in Trino's order (strings by code point). NaN is
 * ignored unless a group has only NaNs, as in Trino (its max treats a NaN current value as
 * smaller than anything; its min orders NaN last). DuckDB's max would return NaN instead.
 */
import { formatType, isOrderable, type SqlType } from '../../types/sqlType.ts';
import type { NonNullValue, Value } from '../../types/value.ts';
import type { Selection, Vector } from '../../types/vector.ts';
import { comparatorFor, type ValueComparator } from '../compareValues.ts';
import type { AggregateSignature, GroupedAccumulator } from '../types.ts';
import { makeNullTest, makeNumberReader, makeReader } from '../vectorRead.ts';
import { ResultWriter } from '../vectorWrite.ts';
import { aggregateMismatch, defineAggregate } from './defineAggregate.ts';
import { flatInput, growF64, growU8, nullsWhereMissing } from './groupArrays.ts';

const NUMBER_KINDS = new Set([
  'tinyint',
  'smallint',
  'integer',
  'real',
  'double',
  'date',
  'timestamp',
  'interval day to second',
  'interval year to month',
]);

class NumberExtremeAccumulator implements GroupedAccumulator {
  private best = new Float64Array(0);
  private has = new Uint8Array(0);
  private readonly type: SqlType;
  private readonly max: boolean;

  constructor(type: SqlType, max: boolean) {
    this.type = type;
    this.max = max;
  }

  ensureGroups(groupCount: number): void {
    this.best = growF64(this.best, groupCount);
    this.has = growU8(this.has, groupCount);
  }

  update(groupIds: Int32Array, args: readonly Vector[], sel: Selection): void {
    const v = flatInput(args[0]!, sel);
    if (v.storage === 'const' && v.value === null) return;
    const best = this.best;
    const has = this.has;
    const nulls = v.nulls;
    const max = this.max;
    const read = v.storage === 'f64' || v.storage === 'i32' ? null : makeNumberReader(v);
    const vals = v.storage === 'f64' || v.storage === 'i32' ? v.values : null;
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      if (nulls !== null && nulls[i] === 1) continue;
      const g = groupIds[i]!;
      const x = vals !== null ? vals[i]! : read!(i);
      if (has[g] === 0) {
        best[g] = x;
        has[g] = 1;
      } else {
        const b = best[g]!;
        // NaN loses to any number (b !== b is replaced; x !== x never replaces).
        if (b !== b || (max ? x > b : x < b)) best[g] = x;
      }
    }
  }

  merge(groupIds: Int32Array, states: readonly Vector[], sel: Selection): void {
    this.update(groupIds, states, sel);
  }

  states(groupCount: number): Vector[] {
    return [this.finish(groupCount)];
  }

  finish(groupCount: number): Vector {
    const nulls = nullsWhereMissing(this.has, groupCount);
    const t = this.type;
    if (t.kind === 'tinyint' || t.kind === 'smallint' || t.kind === 'integer' || t.kind === 'date') {
      return { storage: 'i32', type: t, length: groupCount, nulls, values: Int32Array.from(this.best.subarray(0, groupCount)) };
    }
    return { storage: 'f64', type: t, length: groupCount, nulls, values: this.best.slice(0, groupCount) };
  }
}

class ValueExtremeAccumulator implements GroupedAccumulator {
  private best: Value[] = [];
  private readonly type: SqlType;
  private readonly cmp: ValueComparator;
  private readonly sign: number;

  constructor(type: SqlType, max: boolean) {
    this.type = type;
    this.cmp = comparatorFor(type);
    this.sign = max ? 1 : -1;
  }

  ensureGroups(groupCount: number): void {
    while (this.best.length < groupCount) this.best.push(null);
  }

  update(groupIds: Int32Array, args: readonly Vector[], sel: Selection): void {
    const v = flatInput(args[0]!, sel);
    // Exact values held as doubles compare fine as numbers (and against bigints): no boxing.
    const read = v.storage === 'f64' ? (i: number): Value => v.values[i]! : makeReader(v);
    const isNull = makeNullTest(v);
    const best = this.best;
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      if (isNull !== null && isNull(i)) continue;
      const g = groupIds[i]!;
      const x = read(i) as NonNullValue;
      const b = best[g];
      if (b === null || b === undefined || this.cmp(x, b) * this.sign > 0) best[g] = x;
    }
  }

  merge(groupIds: Int32Array, states: readonly Vector[], sel: Selection): void {
    this.update(groupIds, states, sel);
  }

  states(groupCount: number): Vector[] {
    return [this.finish(groupCount)];
  }

  finish(groupCount: number): Vector {
    const w = new ResultWriter(this.type, groupCount);
    for (let g = 0; g < groupCount; g++) w.set(g, this.best[g] ?? null);
    return w.finish();
  }
}

function define(name: 'min' | 'max') {
  const signatures = [`${name}(T) → T (T orderable)`];
  return defineAggregate({
    name,
    signatures,
    resolve(argTypes) {
      if (argTypes.length !== 1) return aggregateMismatch(name, argTypes, signatures);
      const t = argTypes[0]!;
      if (t.kind !== 'unknown' && !isOrderable(t)) return { error: `${name}(${formatType(t)}) is not supported: type is not orderable` };
      return { argTypes: [t], returnType: t, stateTypes: [t] };
    },
    accumulator(sig: AggregateSignature) {
      const t = sig.argTypes[0]!;
      const max = name === 'max';
      return NUMBER_KINDS.has(t.kind) ? new NumberExtremeAccumulator(t, max) : new ValueExtremeAccumulator(t, max);
    },
  });
}

export const MIN = define('min');
export const MAX = define('max');
