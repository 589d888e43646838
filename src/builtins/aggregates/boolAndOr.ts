/**
 * bool_and (every) and bool_or: boolean, NULL for a group with no non-NULL input.
 * State: the partial result (boolean, NULL when no input yet).
 */
import { BOOLEAN } from '../../types/sqlType.ts';
import type { Selection, Vector } from '../../types/vector.ts';
import type { GroupedAccumulator } from '../types.ts';
import { makeNullTest, makeReader } from '../vectorRead.ts';
import { aggregateMismatch, defineAggregate } from './defineAggregate.ts';
import { flatInput, growU8, nullsWhereMissing } from './groupArrays.ts';

class BoolAccumulator implements GroupedAccumulator {
  private acc = new Uint8Array(0);
  private has = new Uint8Array(0);
  private readonly and: boolean;

  constructor(and: boolean) {
    this.and = and;
  }

  ensureGroups(groupCount: number): void {
    this.acc = growU8(this.acc, groupCount);
    this.has = growU8(this.has, groupCount);
  }

  update(groupIds: Int32Array, args: readonly Vector[], sel: Selection): void {
    const v = flatInput(args[0]!, sel);
    const isNull = makeNullTest(v);
    const read = v.storage === 'bool' ? null : makeReader(v);
    const vals = v.storage === 'bool' ? v.values : null;
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!;
      if (isNull !== null && isNull(i)) continue;
      const g = groupIds[i]!;
      const x = vals !== null ? vals[i]! : read!(i) === true ? 1 : 0;
      if (this.has[g] === 0) {
        this.acc[g] = x;
        this.has[g] = 1;
      } else this.acc[g] = this.and ? this.acc[g]! & x : this.acc[g]! | x;
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
    return { storage: 'bool', type: BOOLEAN, length: groupCount, nulls, values: this.acc.slice(0, groupCount) };
  }
}

function define(name: string, and: boolean) {
  const signatures = [`${name}(boolean) → boolean`];
  return defineAggregate({
    name,
    signatures,
    resolve(argTypes) {
      if (argTypes.length !== 1 || (argTypes[0]!.kind !== 'boolean' && argTypes[0]!.kind !== 'unknown')) {
        return aggregateMismatch(name, argTypes, signatures);
      }
      return { argTypes: [BOOLEAN], returnType: BOOLEAN, stateTypes: [BOOLEAN] };
    },
    accumulator: () => new BoolAccumulator(and),
  });
}

export const BOOL_AND = define('bool_and', true);
export const BOOL_OR = define('bool_or', false);
