/**
 * The arithmetic operators `$add $subtract $multiply $divide $modulo $negate`: resolution with
 * Trino's coercions, then dispatch to the integral/floating, decimal or temporal kernels.
 *
 * Numeric operands meet at their common super type, except decimals, which keep their own
 * shapes (an integral operand becomes decimal(3|5|10|19, 0)) because the result shape depends
 * on both: decimal(15,2) * decimal(10,0) → decimal(25,2).
 */
import {
  addResultShape,
  divideResultShape,
  moduloResultShape,
  multiplyResultShape,
  type DecimalShape,
} from '../types/decimal.ts';
import {
  commonSuperType,
  decimal,
  formatType,
  INTEGER,
  integralAsDecimal,
  isInterval,
  isIntegral,
  isNumeric,
  MAX_DECIMAL_PRECISION,
  type SqlType,
} from '../types/sqlType.ts';
import { decimalKernel } from './decimalArithmetic.ts';
import { bigintKernel, floatingKernel, negateKernel, smallIntegralKernel, type ArithOp } from './numericArithmetic.ts';
import type { Resolution } from './signature.ts';
import { resolveTemporal, temporalKernel } from './temporalArithmetic.ts';
import type { ResolvedSignature, ScalarFunctionDef, ScalarKernel } from './types.ts';

const SYMBOLS: Record<ArithOp, string> = { add: '+', subtract: '-', multiply: '*', divide: '/', modulo: '%' };

const SHAPES: Record<ArithOp, (a: DecimalShape, b: DecimalShape) => DecimalShape> = {
  add: addResultShape,
  subtract: addResultShape,
  multiply: multiplyResultShape,
  divide: divideResultShape,
  modulo: moduloResultShape,
};

function asShape(t: SqlType): DecimalShape {
  const d = integralAsDecimal(t) as { precision: number; scale: number };
  return { precision: d.precision, scale: d.scale };
}

export function resolveArithmetic(op: ArithOp, argTypes: readonly SqlType[]): Resolution {
  if (argTypes.length !== 2) return { error: `'${SYMBOLS[op]}' takes two arguments` };
  let [a, b] = argTypes as [SqlType, SqlType];
  if (a.kind === 'unknown' && b.kind === 'unknown') a = b = INTEGER;
  else if (a.kind === 'unknown') a = unknownPartner(op, b);
  else if (b.kind === 'unknown') b = unknownPartner(op, a);
  const temporal = resolveTemporal(op, a, b);
  if (temporal !== null) return temporal;
  const common = isNumeric(a) && isNumeric(b) ? commonSuperType(a, b) : null;
  if (common === null) {
    return { error: `Cannot apply operator: ${formatType(a)} ${SYMBOLS[op]} ${formatType(b)}` };
  }
  if (common.kind === 'decimal') {
    const da = a.kind === 'decimal' ? a : integralAsDecimal(a);
    const db = b.kind === 'decimal' ? b : integralAsDecimal(b);
    const shape = SHAPES[op](asShape(da), asShape(db));
    if (shape.scale > MAX_DECIMAL_PRECISION || shape.scale > shape.precision) {
      return { error: `DECIMAL scale must be in range [0, precision]: ${formatType(da)} ${SYMBOLS[op]} ${formatType(db)}` };
    }
    return { argTypes: [da, db], returnType: decimal(shape.precision, shape.scale) };
  }
  return { argTypes: [common, common], returnType: common };
}

/** A NULL literal's type next to `other`: the same numeric type, or the interval a date needs. */
function unknownPartner(op: ArithOp, other: SqlType): SqlType {
  if (other.kind === 'date' || other.kind === 'timestamp') return op === 'subtract' ? other : { kind: 'interval day to second' };
  return other;
}

export function arithmeticKernel(op: ArithOp, sig: ResolvedSignature): ScalarKernel {
  const [a, b] = sig.argTypes as [SqlType, SqlType];
  const r = sig.returnType;
  if (resolveTemporal(op, a, b) !== null) return temporalKernel(op, sig);
  if (r.kind === 'decimal') return decimalKernel(op, a, b, r);
  if (r.kind === 'bigint') return bigintKernel(op, r);
  if (isIntegral(r)) return smallIntegralKernel(op, r);
  return floatingKernel(op, r);
}

function binaryOperator(name: string, op: ArithOp, signatures: readonly string[]): ScalarFunctionDef {
  return {
    name,
    signatures,
    deterministic: true,
    resolve: (argTypes) => resolveArithmetic(op, argTypes),
    kernel: (sig) => arithmeticKernel(op, sig),
  };
}

const NUMERIC_SIGS = (sym: string): string[] => [
  `tinyint ${sym} tinyint → tinyint`,
  `smallint ${sym} smallint → smallint`,
  `integer ${sym} integer → integer`,
  `bigint ${sym} bigint → bigint`,
  `real ${sym} real → real`,
  `double ${sym} double → double`,
  `decimal(p1,s1) ${sym} decimal(p2,s2) → decimal(p,s)`,
];

export const ADD = binaryOperator('$add', 'add', [
  ...NUMERIC_SIGS('+'),
  'date + interval → date',
  'timestamp(p) + interval → timestamp(p)',
  'interval + interval → interval',
]);
export const SUBTRACT = binaryOperator('$subtract', 'subtract', [
  ...NUMERIC_SIGS('-'),
  'date - interval → date',
  'timestamp(p) - interval → timestamp(p)',
  'timestamp(p) - timestamp(p) → interval day to second',
  'interval - interval → interval',
]);
export const MULTIPLY = binaryOperator('$multiply', 'multiply', [...NUMERIC_SIGS('*'), 'interval * bigint|double → interval']);
export const DIVIDE = binaryOperator('$divide', 'divide', [...NUMERIC_SIGS('/'), 'interval / bigint|double → interval']);
export const MODULO = binaryOperator('$modulo', 'modulo', NUMERIC_SIGS('%'));

export const NEGATE: ScalarFunctionDef = {
  name: '$negate',
  signatures: ['-tinyint|smallint|integer|bigint|real|double|decimal(p,s)|interval → same type'],
  deterministic: true,
  resolve(argTypes) {
    if (argTypes.length !== 1) return { error: "'-' takes one argument" };
    const t = argTypes[0]!.kind === 'unknown' ? INTEGER : argTypes[0]!;
    if (!isNumeric(t) && !isInterval(t)) return { error: `Cannot negate ${formatType(t)}` };
    return { argTypes: [t], returnType: t };
  },
  kernel: (sig) => negateKernel(sig.returnType),
};
