/**
 * greatest(x, …) and least(x, …) over any orderable type: arguments meet at their common super
 * type; the result is NULL when any argument is NULL. NaN loses to any number (Trino's min/max
 * comparison), so the result is NaN only when every argument is.
 */
import { commonSuperType, formatType, isOrderable, type SqlType } from '../types/sqlType.ts';
import type { NonNullValue } from '../types/value.ts';
import { comparatorFor } from './compareValues.ts';
import { liftN } from './kernel.ts';
import type { ScalarFunctionDef } from './types.ts';

function define(name: 'greatest' | 'least'): ScalarFunctionDef {
  const sign = name === 'greatest' ? 1 : -1;
  return {
    name,
    signatures: [`${name}(T, T, …) → T (T orderable)`],
    deterministic: true,
    resolve(argTypes) {
      if (argTypes.length === 0) return { error: `${name}() requires at least one argument` };
      let t: SqlType | null = argTypes[0]!;
      for (const a of argTypes.slice(1)) {
        t = commonSuperType(t, a);
        if (t === null) return { error: `All ${name}() arguments must be of the same type: ${argTypes.map(formatType).join(', ')}` };
      }
      if (t.kind === 'unknown') t = { kind: 'boolean' };
      if (!isOrderable(t)) return { error: `${formatType(t)} is not orderable` };
      return { argTypes: argTypes.map(() => t), returnType: t };
    },
    kernel(sig) {
      const t = sig.returnType;
      const cmp = comparatorFor(t);
      const floating = t.kind === 'double' || t.kind === 'real';
      return liftN(t, (args: NonNullValue[]) => {
        let best = args[0]!;
        for (let a = 1; a < args.length; a++) {
          const v = args[a]!;
          if (floating && (Number.isNaN(v as number) || Number.isNaN(best as number))) {
            if (Number.isNaN(best as number)) best = v;
          } else if (cmp(v, best) * sign > 0) best = v;
        }
        return best;
      });
    },
  };
}

export const GREATEST = define('greatest');
export const LEAST = define('least');
