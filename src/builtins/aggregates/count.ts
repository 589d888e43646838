/**
 * count(*), count(x) (non-NULL rows), count_if(b) (true rows) and approx_distinct(x): bigint,
 * 0 for an empty group. The state is the partial count (bigint); merging adds counts.
 */
import { BIGINT, BOOLEAN, type SqlType } from '../../types/sqlType.ts';
import type { Selection, Vector } from '../../types/vector.ts';
import type { AggregateFunctionDef, AggregateSignature, GroupedAccumulator } from '../types.ts';
import { makeNumberReader } from '../vectorRead.ts';
import { aggregateMismatch, defineAggregate } from './defineAggregate.ts';
import { DistinctAccumulator, distinctStateTypes } from './distinct.ts';
import { flatInput, growF64 } from './groupArrays.ts';

type Mode = 'rows' | 'nonNull' | 'true';

class CountAccumulator implements GroupedAccumulator {
  private counts = new Float64Array(0);
  private readonly mode: Mode;

  constructor(mode: Mode) {
    this.mode = mode;
  }

  ensureGroups(groupCount: number): void {
    this.counts = growF64(this.counts, groupCount);
  }

  update(groupIds: Int32Array, args: readonly Vector[], sel: Selection): void {
    const counts = this.counts;
    const n = sel.length;
    if (this.mode === 'rows') {
      for (let k = 0; k < n; k++) counts[groupIds[sel[k]!]!]!++;
      return;
    }
    const v = flatInput(args[0]!, sel);
    if (v.storage === 'const') {
      if (v.value === null || (this.mode === 'true' && v.value !== true)) return;
      for (let k = 0; k < n; k++) counts[groupIds[sel[k]!]!]!++;
      return;
    }
    const nulls = v.nulls;
    if (this.mode === 'true') {
      const vals = (v as Extract<Vector, { storage: 'bool' }>).values;
      for (let k = 0; k < n; k++) {
        const i = sel[k]!;
        if (vals[i] === 1 && (nulls === null || nulls[i] !== 1)) counts[groupIds[i]!]!++;
      }
      return;
    }
    if (nulls === null) for (let k = 0; k < n; k++) counts[groupIds[sel[k]!]!]!++;
    else {
      for (let k = 0; k < n; k++) {
        const i = sel[k]!;
        if (nulls[i] !== 1) counts[groupIds[i]!]!++;
      }
    }
  }

  updateGroup(group: number, args: readonly Vector[], sel: Selection): void {
    if (this.mode === 'rows') {
      this.counts[group]! += sel.length;
      return;
    }
    const v = flatInput(args[0]!, sel);
    if (v.storage === 'const') {
      if (v.value !== null && (this.mode !== 'true' || v.value === true)) this.counts[group]! += sel.length;
      return;
    }
    const nulls = v.nulls;
    let c = 0;
    if (this.mode === 'true') {
      const vals = (v as Extract<Vector, { storage: 'bool' }>).values;
      for (let k = 0; k < sel.length; k++) {
        const i = sel[k]!;
        if (vals[i] === 1 && (nulls === null || nulls[i] !== 1)) c++;
      }
    } else if (nulls === null) c = sel.length;
    else for (let k = 0; k < sel.length; k++) if (nulls[sel[k]!] !== 1) c++;
    this.counts[group]! += c;
  }

  merge(groupIds: Int32Array, states: readonly Vector[], sel: Selection): void {
    const s = flatInput(states[0]!, sel);
    const read = makeNumberReader(s);
    const nulls = s.nulls;
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      if (nulls !== null && nulls[i] === 1) continue;
      this.counts[groupIds[i]!]! += read(i);
    }
  }

  states(groupCount: number): Vector[] {
    return [this.finish(groupCount)];
  }

  finish(groupCount: number): Vector {
    return { storage: 'f64', type: BIGINT, length: groupCount, nulls: null, values: this.counts.slice(0, groupCount) };
  }
}

const COUNT_SIGNATURES = ['count(*) → bigint', 'count(T) → bigint'];

export const COUNT = defineAggregate({
  name: 'count',
  signatures: COUNT_SIGNATURES,
  resolve(argTypes: readonly SqlType[]) {
    if (argTypes.length > 1) return aggregateMismatch('count', argTypes, COUNT_SIGNATURES);
    return { argTypes, returnType: BIGINT, stateTypes: [BIGINT] };
  },
  accumulator: (sig: AggregateSignature) => new CountAccumulator(sig.argTypes.length === 0 ? 'rows' : 'nonNull'),
});

const COUNT_IF_SIGNATURES = ['count_if(boolean) → bigint'];

export const COUNT_IF = defineAggregate({
  name: 'count_if',
  signatures: COUNT_IF_SIGNATURES,
  resolve(argTypes) {
    if (argTypes.length !== 1 || (argTypes[0]!.kind !== 'boolean' && argTypes[0]!.kind !== 'unknown')) {
      return aggregateMismatch('count_if', argTypes, COUNT_IF_SIGNATURES);
    }
    return { argTypes: [BOOLEAN], returnType: BIGINT, stateTypes: [BIGINT] };
  },
  accumulator: () => new CountAccumulator('true'),
});

const APPROX_DISTINCT_SIGNATURES = ['approx_distinct(T) → bigint'];

/**
 * approx_distinct(x): computed exactly (the distinct set per group), which is within any error
 * bound Trino's HyperLogLog estimate allows and costs little at Squall's scales.
 */
export const APPROX_DISTINCT: AggregateFunctionDef = {
  name: 'approx_distinct',
  signatures: APPROX_DISTINCT_SIGNATURES,
  resolve(argTypes) {
    if (argTypes.length !== 1) return aggregateMismatch('approx_distinct', argTypes, APPROX_DISTINCT_SIGNATURES);
    return { argTypes, returnType: BIGINT, stateTypes: distinctStateTypes(argTypes[0]!) };
  },
  accumulator: (sig) => new DistinctAccumulator(sig, () => new CountAccumulator('nonNull')),
};
