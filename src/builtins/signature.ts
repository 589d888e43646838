/**
 * Overload resolution for function definitions: each overload says whether it accepts the
 * argument types (after implicit coercion, with a cost) and builds its kernel. The cheapest
 * match wins; ties go to the overload declared first, so declare the narrow types first.
 */
import {
  canCoerce,
  formatType,
  isIntegral,
  typesEqual,
  type SqlType,
} from '../types/sqlType.ts';
import type { ResolvedSignature, ScalarFunctionDef, ScalarKernel } from './types.ts';

export type Resolution = ResolvedSignature | { readonly error: string };

export interface Overload {
  /** The signature for these argument types, or null when this overload does not apply. */
  match(argTypes: readonly SqlType[]): ResolvedSignature | null;
  kernel(sig: ResolvedSignature): ScalarKernel;
}

/** A parameter pattern: a concrete type (matched by implicit coercion) or a type family. */
export type Param = SqlType | 'varchar' | 'decimal' | 'any';

/** The number of arguments that need a coercion, or -1 when one cannot be coerced. */
export function coercionCost(actual: readonly SqlType[], wanted: readonly SqlType[]): number {
  if (actual.length !== wanted.length) return -1;
  let cost = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const w = wanted[i]!;
    if (typesEqual(a, w)) continue;
    if (!canCoerce(a, w)) return -1;
    cost++;
  }
  return cost;
}

/**
 * Concrete types for a parameter list given the actual types: `varchar` keeps the actual
 * varchar(n) (unknown → varchar), `decimal` keeps the actual decimal (an integral type becomes
 * its decimal equivalent, unknown → decimal(1,0)), `any` keeps the actual type.
 */
export function bindParams(params: readonly Param[], actual: readonly SqlType[]): SqlType[] | null {
  if (params.length !== actual.length) return null;
  const out: SqlType[] = [];
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    const a = actual[i]!;
    if (p === 'any') out.push(a);
    else if (p === 'varchar') {
      if (a.kind === 'varchar') out.push(a);
      else if (a.kind === 'unknown') out.push({ kind: 'varchar', length: null });
      else return null;
    } else if (p === 'decimal') {
      if (a.kind === 'decimal') out.push(a);
      else if (a.kind === 'unknown') out.push({ kind: 'decimal', precision: 1, scale: 0 });
      else if (isIntegral(a)) out.push(integralDecimal(a));
      else return null;
    } else out.push(p);
  }
  return coercionCost(actual, out) < 0 ? null : out;
}

function integralDecimal(t: SqlType): SqlType {
  const precision = t.kind === 'tinyint' ? 3 : t.kind === 'smallint' ? 5 : t.kind === 'integer' ? 10 : 19;
  return { kind: 'decimal', precision, scale: 0 };
}

/** An overload with a parameter pattern and a return type computed from the bound types. */
export function overload(
  params: readonly Param[],
  ret: SqlType | ((args: readonly SqlType[]) => SqlType),
  kernel: (sig: ResolvedSignature) => ScalarKernel,
): Overload {
  return {
    match(argTypes) {
      const bound = bindParams(params, argTypes);
      if (bound === null) return null;
      return { argTypes: bound, returnType: typeof ret === 'function' ? ret(bound) : ret };
    },
    kernel,
  };
}

export function mismatch(name: string, argTypes: readonly SqlType[], signatures: readonly string[]): { readonly error: string } {
  const actual = argTypes.map(formatType).join(', ');
  return { error: `Unexpected parameters (${actual}) for function ${name}. Expected: ${signatures.join(', ')}` };
}

export interface FunctionSpec {
  readonly name: string;
  readonly signatures: readonly string[];
  readonly overloads: readonly Overload[];
  readonly deterministic?: boolean;
}

/** A scalar function from overloads: resolve picks the cheapest match; kernel re-finds it. */
export function defineFunction(spec: FunctionSpec): ScalarFunctionDef {
  const pick = (argTypes: readonly SqlType[]): { o: Overload; sig: ResolvedSignature } | null => {
    let best: { o: Overload; sig: ResolvedSignature } | null = null;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const o of spec.overloads) {
      const sig = o.match(argTypes);
      if (sig === null) continue;
      const cost = coercionCost(argTypes, sig.argTypes);
      if (cost >= 0 && cost < bestCost) {
        best = { o, sig };
        bestCost = cost;
      }
    }
    return best;
  };
  return {
    name: spec.name,
    signatures: spec.signatures,
    deterministic: spec.deterministic ?? true,
    resolve(argTypes) {
      const found = pick(argTypes);
      return found === null ? mismatch(spec.name, argTypes, spec.signatures) : found.sig;
    },
    kernel(sig) {
      const found = pick(sig.argTypes);
      if (found === null) throw new Error(`${spec.name}: no overload for (${sig.argTypes.map(formatType).join(', ')})`);
      return found.o.kernel(sig);
    },
  };
}
