/**
 * Resolving operators and scalar functions against the builtin library, with implicit
 * coercions made explicit as casts and Trino's wording for mismatches.
 */
import { resolveCast } from '../../builtins/cast.ts';
import { getAggregateFunction, getScalarFunction, scalarFunctionNames, aggregateFunctionNames } from '../../builtins/registry.ts';
import { isResolved } from '../../builtins/types.ts';
import { BindError, type Span } from '../../errors.ts';
import { formatType, typesEqual, type SqlType } from '../../types/sqlType.ts';
import { literal, type BoundExpr } from '../expr.ts';
import { OPERATOR_SYMBOLS } from '../operatorSymbols.ts';
import { closestName } from './suggest.ts';


/** Coerce `e` to `type` (no-op when equal; NULL literals simply take the type). */
export function coerce(e: BoundExpr, type: SqlType): BoundExpr {
  if (typesEqual(e.type, type)) return e;
  if (e.kind === 'literal' && e.value === null) return literal(null, type);
  // varchar(n) → varchar(m) needs no conversion: same values, only the declared bound differs.
  if (e.type.kind === 'varchar' && type.kind === 'varchar') return e;
  return { kind: 'cast', operand: e, type, safe: false };
}

/** An operator or scalar function call, arguments coerced to the resolved signature. */
export function resolveScalarCall(name: string, args: readonly BoundExpr[], span: Span): BoundExpr {
  const def = getScalarFunction(name);
  if (def === undefined) {
    if (getAggregateFunction(name) !== undefined) {
      throw new BindError('EXPRESSION_NOT_AGGREGATE', `Aggregate function '${name}' is not allowed here`, span);
    }
    const hint = closestName(name, [...scalarFunctionNames(), ...aggregateFunctionNames()].filter((n) => !n.startsWith('$')));
    throw new BindError('FUNCTION_NOT_FOUND', `Function '${name}' not registered${hint ? ` (did you mean '${hint}'?)` : ''}`, span);
  }
  const argTypes = args.map((a) => a.type);
  const sig = def.resolve(argTypes);
  if (!isResolved(sig)) throw mismatch(name, argTypes, def.signatures, span);
  return {
    kind: 'call',
    name: def.name,
    args: args.map((a, i) => coerce(a, sig.argTypes[i]!)),
    type: sig.returnType,
  };
}

function mismatch(name: string, argTypes: readonly SqlType[], signatures: readonly string[], span: Span): BindError {
  const symbol = OPERATOR_SYMBOLS[name];
  const types = argTypes.map(formatType);
  if (symbol !== undefined) {
    const text = types.length === 1 ? `${symbol}${types[0]}` : `${types[0]} ${symbol} ${types.slice(1).join(', ')}`;
    return new BindError('TYPE_MISMATCH', `Cannot apply operator: ${text}`, span);
  }
  return new BindError(
    'TYPE_MISMATCH',
    `Unexpected parameters (${types.join(', ')}) for function ${name}. Expected: ${signatures.join(', ')}`,
    span,
  );
}

export function checkCast(from: SqlType, to: SqlType, span: Span): void {
  const ok = resolveCast(from, to);
  if (ok !== true) throw new BindError('TYPE_MISMATCH', `Cannot cast ${formatType(from)} to ${formatType(to)}`, span);
}
