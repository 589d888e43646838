/**
 * sum: integral → bigint (overflow is an error), decimal(p,s) → decimal(38,s), real → real,
 * double → double. NULL for a group with no non-NULL input, so the state is NULL until the
 * first value (distinguishing "no input" from a sum of 0).
 *
 * Exact sums keep a Float64Array per group while exact and spill to bigint (groupArrays.ts):
 * TPC-H Q1's sums of decimal(38,6) products pass 2^53 and stay exact.
 */
import { fitsPrecision } from '../../types/decimal.ts';
import { BIGINT, DOUBLE, REAL, decimal, isIntegral, type SqlType } from '../../types/sqlType.ts';
import type { Selection, Vector } from '../../types/vector.ts';
import { decimalOverflow, outOfRange } from '../numericArgs.ts';
import type { AggregateSignature, GroupedAccumulator } from '../types.ts';
import { makeNumberReader } from '../vectorRead.ts';
import { ResultWriter } from '../vectorWrite.ts';
import { aggregateMismatch, defineAggregate } from './defineAggregate.ts';
import { ExactSums, flatInput, growF64, growU8, nullsWhereMissing } from './groupArrays.ts';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Sums of bigint or decimal values. */
export class ExactSumAccumulator implements GroupedAccumulator {
  private readonly sums = new ExactSums();
  private readonly type: SqlType;

  constructor(resultType: SqlType) {
    this.type = resultType;
  }

  ensureGroups(groupCount: number): void {
    this.sums.ensure(groupCount);
  }

  update(groupIds: Int32Array, args: readonly Vector[], sel: Selection): void {
    this.sums.addVector(groupIds, flatInput(args[0]!, sel), sel);
  }

  updateGroup(group: number, args: readonly Vector[], sel: Selection): void {
    this.sums.addVectorToGroup(group, flatInput(args[0]!, sel), sel);
  }

  merge(groupIds: Int32Array, states: readonly Vector[], sel: Selection): void {
    this.sums.addVector(groupIds, flatInput(states[0]!, sel), sel);
  }

  states(groupCount: number): Vector[] {
    return [this.finish(groupCount)];
  }

  finish(groupCount: number): Vector {
    const w = new ResultWriter(this.type, groupCount);
    const { has, big, f64 } = this.sums;
    for (let g = 0; g < groupCount; g++) {
      if (has[g] !== 1) w.setNull(g);
      else if (big[g] === undefined) w.setExactNumber(g, f64[g]!);
      else {
        const v = big[g]! + BigInt(f64[g]!);
        if (this.type.kind === 'bigint' && (v > INT64_MAX || v < INT64_MIN)) throw outOfRange(`bigint addition overflow: ${v}`);
        if (this.type.kind === 'decimal' && !fitsPrecision(v, this.type.precision)) throw decimalOverflow();
        w.setExact(g, v);
      }
    }
    return w.finish();
  }
}

/** Sums of doubles (and of reals, accumulated as doubles and rounded at the end). */
export class DoubleSumAccumulator implements GroupedAccumulator {
  private sums = new Float64Array(0);
  private has = new Uint8Array(0);
  private readonly type: SqlType;

  constructor(resultType: SqlType) {
    this.type = resultType;
  }

  ensureGroups(groupCount: number): void {
    this.sums = growF64(this.sums, groupCount);
    this.has = growU8(this.has, groupCount);
  }

  update(groupIds: Int32Array, args: readonly Vector[], sel: Selection): void {
    const v = flatInput(args[0]!, sel);
    const sums = this.sums;
    const has = this.has;
    const nulls = v.nulls;
    if (v.storage === 'f64') {
      const vals = v.values;
      for (let k = 0; k < sel.length; k++) {
        const i = sel[k]!;
        if (nulls !== null && nulls[i] === 1) continue;
        const g = groupIds[i]!;
        sums[g]! += vals[i]!;
        has[g] = 1;
      }
      return;
    }
    if (v.storage === 'const' && v.value === null) return;
    const read = makeNumberReader(v);
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      if (nulls !== null && nulls[i] === 1) continue;
      const g = groupIds[i]!;
      sums[g]! += read(i);
      has[g] = 1;
    }
  }

  updateGroup(group: number, args: readonly Vector[], sel: Selection): void {
    const v = flatInput(args[0]!, sel);
    const nulls = v.nulls;
    if (v.storage === 'const' && v.value === null) return;
    const read = v.storage === 'f64' ? null : makeNumberReader(v);
    let s = this.sums[group]!;
    let any = false;
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      if (nulls !== null && nulls[i] === 1) continue;
      s += read === null ? (v as Extract<Vector, { storage: 'f64' }>).values[i]! : read(i);
      any = true;
    }
    this.sums[group] = s;
    if (any) this.has[group] = 1;
  }

  merge(groupIds: Int32Array, states: readonly Vector[], sel: Selection): void {
    this.update(groupIds, states, sel);
  }

  states(groupCount: number): Vector[] {
    return [this.output(groupCount, DOUBLE, false)];
  }

  finish(groupCount: number): Vector {
    return this.output(groupCount, this.type, this.type.kind === 'real');
  }

  private output(groupCount: number, type: SqlType, round: boolean): Vector {
    const values = this.sums.slice(0, groupCount);
    if (round) for (let g = 0; g < groupCount; g++) values[g] = Math.fround(values[g]!);
    const nulls = nullsWhereMissing(this.has, groupCount);
    return { storage: 'f64', type, length: groupCount, nulls, values };
  }
}

const SIGNATURES = ['sum(bigint) → bigint', 'sum(decimal(p,s)) → decimal(38,s)', 'sum(real) → real', 'sum(double) → double'];

export const SUM = defineAggregate({
  name: 'sum',
  signatures: SIGNATURES,
  resolve(argTypes) {
    if (argTypes.length !== 1) return aggregateMismatch('sum', argTypes, SIGNATURES);
    const t = argTypes[0]!.kind === 'unknown' ? BIGINT : argTypes[0]!;
    if (isIntegral(t)) return { argTypes: [t], returnType: BIGINT, stateTypes: [BIGINT] };
    if (t.kind === 'decimal') {
      const r = decimal(38, t.scale);
      return { argTypes: [t], returnType: r, stateTypes: [r] };
    }
    if (t.kind === 'real') return { argTypes: [t], returnType: REAL, stateTypes: [DOUBLE] };
    if (t.kind === 'double') return { argTypes: [t], returnType: DOUBLE, stateTypes: [DOUBLE] };
    return aggregateMismatch('sum', argTypes, SIGNATURES);
  },
  accumulator(sig: AggregateSignature) {
    const r = sig.returnType;
    return r.kind === 'real' || r.kind === 'double' ? new DoubleSumAccumulator(r) : new ExactSumAccumulator(r);
  },
});
