/**
 * avg: integral → double, decimal(p,s) → decimal(p,s) (the exact mean rounded HALF_UP, as
 * Trino; DuckDB would give a double), real → real, double → double. NULL for an empty group.
 * State: [sum, count] with sum double (decimal(38,s) for decimals) and count bigint.
 */
import { divRoundHalfUp } from '../../types/decimal.ts';
import { BIGINT, DOUBLE, REAL, decimal, isIntegral, type SqlType } from '../../types/sqlType.ts';
import type { Selection, Vector } from '../../types/vector.ts';
import type { AggregateSignature, GroupedAccumulator } from '../types.ts';
import { makeNumberReader } from '../vectorRead.ts';
import { ResultWriter } from '../vectorWrite.ts';
import { aggregateMismatch, defineAggregate } from './defineAggregate.ts';
import { ExactSumAccumulator, DoubleSumAccumulator } from './sum.ts';
import { flatInput, growF64 } from './groupArrays.ts';

class AvgAccumulator implements GroupedAccumulator {
  private counts = new Float64Array(0);
  private readonly sums: ExactSumAccumulator | DoubleSumAccumulator;
  private readonly resultType: SqlType;

  constructor(resultType: SqlType, sumType: SqlType) {
    this.resultType = resultType;
    this.sums = sumType.kind === 'decimal' ? new ExactSumAccumulator(sumType) : new DoubleSumAccumulator(DOUBLE);
  }

  ensureGroups(groupCount: number): void {
    this.sums.ensureGroups(groupCount);
    this.counts = growF64(this.counts, groupCount);
  }

  update(groupIds: Int32Array, args: readonly Vector[], sel: Selection): void {
    const v = flatInput(args[0]!, sel);
    this.sums.update(groupIds, [v], sel);
    if (v.storage === 'const') {
      if (v.value !== null) for (let k = 0; k < sel.length; k++) this.counts[groupIds[sel[k]!]!]!++;
      return;
    }
    const nulls = v.nulls;
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      if (nulls === null || nulls[i] !== 1) this.counts[groupIds[i]!]!++;
    }
  }

  updateGroup(group: number, args: readonly Vector[], sel: Selection): void {
    const v = flatInput(args[0]!, sel);
    this.sums.updateGroup(group, [v], sel);
    if (v.storage === 'const') {
      if (v.value !== null) this.counts[group]! += sel.length;
      return;
    }
    const nulls = v.nulls;
    if (nulls === null) {
      this.counts[group]! += sel.length;
      return;
    }
    let c = 0;
    for (let k = 0; k < sel.length; k++) if (nulls[sel[k]!] !== 1) c++;
    this.counts[group]! += c;
  }

  merge(groupIds: Int32Array, states: readonly Vector[], sel: Selection): void {
    this.sums.merge(groupIds, [states[0]!], sel);
    const c = flatInput(states[1]!, sel);
    const read = makeNumberReader(c);
    const nulls = c.nulls;
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      if (nulls === null || nulls[i] !== 1) this.counts[groupIds[i]!]! += read(i);
    }
  }

  states(groupCount: number): Vector[] {
    const counts: Vector = { storage: 'f64', type: BIGINT, length: groupCount, nulls: null, values: this.counts.slice(0, groupCount) };
    return [...this.sums.states(groupCount), counts];
  }

  finish(groupCount: number): Vector {
    const sums = this.sums.finish(groupCount);
    const counts = this.counts;
    if (this.resultType.kind !== 'decimal') {
      const s = sums as Extract<Vector, { storage: 'f64' }>;
      const out = new Float64Array(groupCount);
      for (let g = 0; g < groupCount; g++) out[g] = counts[g] === 0 ? 0 : s.values[g]! / counts[g]!;
      if (this.resultType.kind === 'real') for (let g = 0; g < groupCount; g++) out[g] = Math.fround(out[g]!);
      return { storage: 'f64', type: this.resultType, length: groupCount, nulls: s.nulls, values: out };
    }
    const w = new ResultWriter(this.resultType, groupCount);
    for (let g = 0; g < groupCount; g++) {
      if (sums.nulls !== null && sums.nulls[g] === 1) {
        w.setNull(g);
        continue;
      }
      const n = counts[g]!;
      if (sums.storage === 'f64') {
        // Exact HALF_UP on doubles: fmod is exact, and (sum - rem) / n is an exact quotient.
        const sum = sums.values[g]!;
        const rem = sum % n;
        let q = (sum - rem) / n;
        if (2 * Math.abs(rem) >= n) q += sum < 0 ? -1 : 1;
        w.setExactNumber(g, q === 0 ? 0 : q);
      } else {
        const sum = (sums as Extract<Vector, { storage: 'big' }>).values[g]!;
        w.setExact(g, divRoundHalfUp(sum, BigInt(n)));
      }
    }
    return w.finish();
  }
}

const SIGNATURES = ['avg(bigint) → double', 'avg(decimal(p,s)) → decimal(p,s)', 'avg(real) → real', 'avg(double) → double'];

export const AVG = defineAggregate({
  name: 'avg',
  signatures: SIGNATURES,
  resolve(argTypes) {
    if (argTypes.length !== 1) return aggregateMismatch('avg', argTypes, SIGNATURES);
    const t = argTypes[0]!.kind === 'unknown' ? DOUBLE : argTypes[0]!;
    if (isIntegral(t) || t.kind === 'double') return { argTypes: [t], returnType: DOUBLE, stateTypes: [DOUBLE, BIGINT] };
    if (t.kind === 'real') return { argTypes: [t], returnType: REAL, stateTypes: [DOUBLE, BIGINT] };
    if (t.kind === 'decimal') return { argTypes: [t], returnType: t, stateTypes: [decimal(38, t.scale), BIGINT] };
    return aggregateMismatch('avg', argTypes, SIGNATURES);
  },
  accumulator(sig: AggregateSignature) {
    return new AvgAccumulator(sig.returnType, sig.stateTypes[0]!);
  },
});
