/**
 * Math functions with Trino's overloads and result types: abs, sign, mod, power, sqrt, cbrt,
 * exp, ln, log2, log10, log, pi, e, nan, infinity, is_nan, is_finite, is_infinite, random.
 * Rounding functions (round, floor, ceil, truncate) are in roundFunctions.ts.
 */
import { BIGINT, BOOLEAN, DOUBLE, INTEGER, REAL, SMALLINT, TINYINT, decimal, type SqlType } from '../types/sqlType.ts';
import type { NonNullValue } from '../types/value.ts';
import { arithmeticKernel, resolveArithmetic } from './arithmetic.ts';
import { lift1, lift2, prepareKernel } from './kernel.ts';
import { outOfRange } from './numericArgs.ts';
import { defineFunction, overload, type Overload } from './signature.ts';
import type { ScalarFunctionDef, ScalarKernel } from './types.ts';

const INT64_MIN = -(2n ** 63n);

const MIN_OF: Record<string, number> = { tinyint: -128, smallint: -32768, integer: -2147483648 };

const num = (v: NonNullValue): number => v as number;
const big = (v: NonNullValue): bigint => (typeof v === 'bigint' ? v : BigInt(v as number));

/** One overload per numeric type, each with its own kernel builder. */
function numericOverloads(
  build: (t: SqlType) => { ret: SqlType | ((args: readonly SqlType[]) => SqlType); kernel: (ret: SqlType) => ScalarKernel },
  types: readonly (SqlType | 'decimal')[] = [TINYINT, SMALLINT, INTEGER, BIGINT, 'decimal', REAL, DOUBLE],
): Overload[] {
  return types.map((t) => {
    const probe = t === 'decimal' ? decimal(1, 0) : t;
    const b = build(probe);
    return overload([t], b.ret, (sig) => build(sig.argTypes[0]!).kernel(sig.returnType));
  });
}

export const ABS = defineFunction({
  name: 'abs',
  signatures: ['abs(tinyint|smallint|integer|bigint|real|double) → same type', 'abs(decimal(p,s)) → decimal(p,s)'],
  overloads: numericOverloads((t) => ({
    ret: t.kind === 'decimal' ? (args) => args[0]! : t,
    kernel: (ret) => {
      if (t.kind === 'bigint') {
        return lift1(ret, (v) => {
          const x = big(v);
          if (x === INT64_MIN) throw outOfRange('Value -9223372036854775808 is out of range for abs(bigint)');
          return x < 0n ? -x : x;
        });
      }
      if (t.kind === 'decimal') return lift1(ret, (v) => (big(v) < 0n ? -big(v) : big(v)));
      const min = MIN_OF[t.kind];
      return lift1(ret, (v) => {
        if (min !== undefined && num(v) === min) throw outOfRange(`Value ${min} is out of range for abs(${t.kind})`);
        return Math.abs(num(v));
      });
    },
  })),
});

export const SIGN = defineFunction({
  name: 'sign',
  signatures: ['sign(tinyint|smallint|integer|bigint|real|double) → same type', 'sign(decimal(p,s)) → decimal(1,0)'],
  overloads: numericOverloads((t) => ({
    ret: t.kind === 'decimal' ? decimal(1, 0) : t,
    kernel: (ret) => {
      if (t.kind === 'bigint' || t.kind === 'decimal') return lift1(ret, (v) => (big(v) > 0n ? 1n : big(v) < 0n ? -1n : 0n));
      return lift1(ret, (v) => (Number.isNaN(num(v)) ? Number.NaN : Math.sign(num(v))));
    },
  })),
});

function doubleFunction(name: string, fn: (x: number) => number): ScalarFunctionDef {
  return defineFunction({
    name,
    signatures: [`${name}(double) → double`],
    overloads: [overload([DOUBLE], DOUBLE, () => lift1(DOUBLE, (v) => fn(num(v))))],
  });
}

export const SQRT = doubleFunction('sqrt', Math.sqrt);
export const CBRT = doubleFunction('cbrt', Math.cbrt);
export const EXP = doubleFunction('exp', Math.exp);
export const LN = doubleFunction('ln', Math.log);
export const LOG2 = doubleFunction('log2', Math.log2);
export const LOG10 = doubleFunction('log10', Math.log10);
export const DEGREES = doubleFunction('degrees', (x) => (x * 180) / Math.PI);
export const RADIANS = doubleFunction('radians', (x) => (x / 180) * Math.PI);
export const SIN = doubleFunction('sin', Math.sin);
export const COS = doubleFunction('cos', Math.cos);
export const TAN = doubleFunction('tan', Math.tan);
export const ASIN = doubleFunction('asin', Math.asin);
export const ACOS = doubleFunction('acos', Math.acos);
export const ATAN = doubleFunction('atan', Math.atan);

export const POWER = defineFunction({
  name: 'power',
  signatures: ['power(double, double) → double'],
  overloads: [overload([DOUBLE, DOUBLE], DOUBLE, () => lift2(DOUBLE, (a, b) => Math.pow(num(a), num(b))))],
});

export const LOG = defineFunction({
  name: 'log',
  signatures: ['log(double base, double x) → double'],
  overloads: [overload([DOUBLE, DOUBLE], DOUBLE, () => lift2(DOUBLE, (b, x) => Math.log(num(x)) / Math.log(num(b))))],
});

export const ATAN2 = defineFunction({
  name: 'atan2',
  signatures: ['atan2(double, double) → double'],
  overloads: [overload([DOUBLE, DOUBLE], DOUBLE, () => lift2(DOUBLE, (y, x) => Math.atan2(num(y), num(x))))],
});

/** mod(a, b) is the % operator under a function name (same types, same errors). */
export const MOD: ScalarFunctionDef = {
  name: 'mod',
  signatures: ['mod(T, T) → T for T numeric', 'mod(decimal(p1,s1), decimal(p2,s2)) → decimal(p,s)'],
  deterministic: true,
  resolve: (argTypes) => {
    const r = resolveArithmetic('modulo', argTypes);
    if ('error' in r) return { error: `Unexpected parameters for function mod: ${r.error}` };
    return r;
  },
  kernel: (sig) => arithmeticKernel('modulo', sig),
};

function constant(name: string, value: number): ScalarFunctionDef {
  return defineFunction({
    name,
    signatures: [`${name}() → double`],
    overloads: [
      {
        match: (args) => (args.length === 0 ? { argTypes: [], returnType: DOUBLE } : null),
        kernel: () => (_args, _sel, length) => ({ storage: 'const', type: DOUBLE, length, nulls: null, value }),
      },
    ],
  });
}

export const PI = constant('pi', Math.PI);
export const E = constant('e', Math.E);
export const NAN = constant('nan', Number.NaN);
export const INFINITY = constant('infinity', Number.POSITIVE_INFINITY);

function doublePredicate(name: string, fn: (x: number) => boolean): ScalarFunctionDef {
  return defineFunction({
    name,
    signatures: [`${name}(double) → boolean`],
    overloads: [overload([DOUBLE], BOOLEAN, () => lift1(BOOLEAN, (v) => fn(num(v))))],
  });
}

export const IS_NAN = doublePredicate('is_nan', Number.isNaN);
export const IS_FINITE = doublePredicate('is_finite', Number.isFinite);
export const IS_INFINITE = doublePredicate('is_infinite', (x) => x === Number.POSITIVE_INFINITY || x === Number.NEGATIVE_INFINITY);

export const RANDOM = defineFunction({
  name: 'random',
  signatures: ['random() → double'],
  deterministic: false,
  overloads: [
    {
      match: (args) => (args.length === 0 ? { argTypes: [], returnType: DOUBLE } : null),
      kernel: () =>
        prepareKernel(
          DOUBLE,
          (_args, sel, length) => {
            const out = new Float64Array(length);
            for (let k = 0; k < sel.length; k++) out[sel[k]!] = Math.random();
            return { storage: 'f64', type: DOUBLE, length, nulls: null, values: out };
          },
          { deterministic: false },
        ),
    },
  ],
});
