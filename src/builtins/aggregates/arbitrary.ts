/**
 * arbitrary(x) / any_value(x): some non-NULL value of the group (the first one seen), NULL for
 * a group with no non-NULL input. State: that value (type T).
 */
import type { SqlType } from '../../types/sqlType.ts';
import type { Value } from '../../types/value.ts';
import type { Selection, Vector } from '../../types/vector.ts';
import type { AggregateSignature, GroupedAccumulator } from '../types.ts';
import { makeNullTest, makeReader } from '../vectorRead.ts';
import { ResultWriter } from '../vectorWrite.ts';
import { aggregateMismatch, defineAggregate } from './defineAggregate.ts';
import { flatInput, growU8 } from './groupArrays.ts';

class ArbitraryAccumulator implements GroupedAccumulator {
  private values: Value[] = [];
  private has = new Uint8Array(0);
  private readonly type: SqlType;

  constructor(type: SqlType) {
    this.type = type;
  }

  ensureGroups(groupCount: number): void {
    this.has = growU8(this.has, groupCount);
    while (this.values.length < groupCount) this.values.push(null);
  }

  update(groupIds: Int32Array, args: readonly Vector[], sel: Selection): void {
    const v = flatInput(args[0]!, sel);
    const isNull = makeNullTest(v);
    const read = makeReader(v);
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      const g = groupIds[i]!;
      if (this.has[g] === 1 || (isNull !== null && isNull(i))) continue;
      this.values[g] = read(i);
      this.has[g] = 1;
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
    for (let g = 0; g < groupCount; g++) w.set(g, this.has[g] === 1 ? this.values[g]! : null);
    return w.finish();
  }
}

const SIGNATURES = ['arbitrary(T) → T'];

export const ARBITRARY = defineAggregate({
  name: 'arbitrary',
  signatures: SIGNATURES,
  resolve(argTypes: readonly SqlType[]) {
    if (argTypes.length !== 1) return aggregateMismatch('arbitrary', argTypes, SIGNATURES);
    return { argTypes, returnType: argTypes[0]!, stateTypes: [argTypes[0]!] };
  },
  accumulator: (sig: AggregateSignature) => new ArbitraryAccumulator(sig.argTypes[0]!),
});
