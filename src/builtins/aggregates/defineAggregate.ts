/**
 * Building an AggregateFunctionDef from its plain form: the DISTINCT form of a one-argument
 * aggregate comes for free (state array(T), see distinct.ts).
 */
import { formatType, type SqlType } from '../../types/sqlType.ts';
import type { AggregateFunctionDef, AggregateSignature, GroupedAccumulator } from '../types.ts';
import { DistinctAccumulator, distinctStateTypes } from './distinct.ts';

export interface PlainAggregate {
  readonly name: string;
  readonly signatures: readonly string[];
  resolve(argTypes: readonly SqlType[]): AggregateSignature | { readonly error: string };
  accumulator(sig: AggregateSignature): GroupedAccumulator;
}

export function defineAggregate(plain: PlainAggregate): AggregateFunctionDef {
  return {
    name: plain.name,
    signatures: plain.signatures,
    resolve(argTypes, distinct) {
      const sig = plain.resolve(argTypes);
      if ('error' in sig || !distinct) return sig;
      if (sig.argTypes.length !== 1) return { error: `${plain.name}(DISTINCT …) takes exactly one argument` };
      return { ...sig, stateTypes: distinctStateTypes(sig.argTypes[0]!) };
    },
    accumulator(sig, distinct) {
      if (!distinct) return plain.accumulator(sig);
      const plainSig = plain.resolve(sig.argTypes);
      if ('error' in plainSig) throw new Error(plainSig.error);
      return new DistinctAccumulator(sig, () => plain.accumulator(plainSig));
    },
  };
}

export function aggregateMismatch(name: string, argTypes: readonly SqlType[], signatures: readonly string[]): { readonly error: string } {
  return {
    error: `Unexpected parameters (${argTypes.map(formatType).join(', ')}) for function ${name}. Expected: ${signatures.join(', ')}`,
  };
}
