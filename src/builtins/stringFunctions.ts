/**
 * String functions, counting in code points: length, lower, upper, reverse, strpos,
 * starts_with, replace, concat (and the `||` operator `$concat`), chr, codepoint.
 * concat is NULL when any argument is NULL, as in Trino.
 */
import { BIGINT, BOOLEAN, INTEGER, VARCHAR, varchar, type SqlType } from '../types/sqlType.ts';
import type { NonNullValue } from '../types/value.ts';
import { ExecError } from '../errors.ts';
import { codePointsBefore, countCodePoints, mapCodePoints } from './codePoints.ts';
import { lift1, lift2, liftN } from './kernel.ts';
import { bindParams, defineFunction, mismatch, overload } from './signature.ts';
import type { ScalarFunctionDef } from './types.ts';

const str = (v: NonNullValue): string => v as string;
const sameVarchar = (args: readonly SqlType[]): SqlType => args[0]!;

export const LENGTH = defineFunction({
  name: 'length',
  signatures: ['length(varchar(x)) → bigint'],
  overloads: [overload(['varchar'], BIGINT, () => lift1(BIGINT, (s) => countCodePoints(str(s))))],
});

export const LOWER = defineFunction({
  name: 'lower',
  signatures: ['lower(varchar(x)) → varchar(x)'],
  overloads: [overload(['varchar'], sameVarchar, (sig) => lift1(sig.returnType, (s) => mapCodePoints(str(s), false)))],
});

export const UPPER = defineFunction({
  name: 'upper',
  signatures: ['upper(varchar(x)) → varchar(x)'],
  overloads: [overload(['varchar'], sameVarchar, (sig) => lift1(sig.returnType, (s) => mapCodePoints(str(s), true)))],
});

export const REVERSE = defineFunction({
  name: 'reverse',
  signatures: ['reverse(varchar(x)) → varchar(x)'],
  overloads: [overload(['varchar'], sameVarchar, (sig) => lift1(sig.returnType, (s) => [...str(s)].reverse().join('')))],
});

/** Code point position (1-based) of the n-th occurrence of sub, counting from the end when n < 0. */
function strpos(s: string, sub: string, instance: number): bigint {
  if (instance === 0) throw new ExecError('INVALID_FUNCTION_ARGUMENT', "'instance' must be a positive or negative number.");
  if (sub === '') return 1n;
  let found = -1;
  if (instance > 0) {
    let from = 0;
    for (let n = 0; n < instance; n++) {
      found = s.indexOf(sub, from);
      if (found < 0) return 0n;
      from = found + 1;
    }
  } else {
    let from = s.length;
    for (let n = 0; n < -instance; n++) {
      found = from < 0 ? -1 : s.lastIndexOf(sub, from);
      if (found < 0) return 0n;
      from = found - 1;
    }
  }
  return BigInt(codePointsBefore(s, found) + 1);
}

export const STRPOS = defineFunction({
  name: 'strpos',
  signatures: ['strpos(varchar, varchar) → bigint', 'strpos(varchar, varchar, bigint) → bigint'],
  overloads: [
    overload(['varchar', 'varchar'], BIGINT, () => lift2(BIGINT, (s, sub) => strpos(str(s), str(sub), 1))),
    overload(['varchar', 'varchar', BIGINT], BIGINT, () => liftN(BIGINT, ([s, sub, n]) => strpos(str(s!), str(sub!), Number(n)))),
  ],
});

export const STARTS_WITH = defineFunction({
  name: 'starts_with',
  signatures: ['starts_with(varchar, varchar) → boolean'],
  overloads: [overload(['varchar', 'varchar'], BOOLEAN, () => lift2(BOOLEAN, (s, p) => str(s).startsWith(str(p))))],
});

/** Trino's replace: an empty search string inserts the replacement around every code point. */
function replaceAll(s: string, search: string, replacement: string): string {
  if (search === '') {
    let out = replacement;
    for (const ch of s) out += ch + replacement;
    return out;
  }
  return s.split(search).join(replacement);
}

export const REPLACE = defineFunction({
  name: 'replace',
  signatures: ['replace(varchar, varchar) → varchar', 'replace(varchar, varchar, varchar) → varchar'],
  overloads: [
    overload(['varchar', 'varchar'], VARCHAR, () => lift2(VARCHAR, (s, f) => replaceAll(str(s), str(f), ''))),
    overload(['varchar', 'varchar', 'varchar'], VARCHAR, () =>
      liftN(VARCHAR, ([s, f, t]) => replaceAll(str(s!), str(f!), str(t!))),
    ),
  ],
});

function concatType(args: readonly SqlType[]): SqlType {
  let total = 0;
  for (const a of args) {
    if (a.kind !== 'varchar' || a.length === null) return VARCHAR;
    total += a.length;
  }
  return total > 2147483647 ? VARCHAR : varchar(total);
}

function concatDef(name: string, minArgs: number): ScalarFunctionDef {
  const signatures = [`${name}(varchar(x1), varchar(x2), …) → varchar(x1 + x2 + …)`];
  return {
    name,
    signatures,
    deterministic: true,
    resolve(argTypes) {
      if (argTypes.length < minArgs) return { error: 'There must be two or more concatenation arguments' };
      const bound = bindParams(argTypes.map(() => 'varchar' as const), argTypes);
      if (bound === null) return mismatch(name, argTypes, signatures);
      return { argTypes: bound, returnType: concatType(bound) };
    },
    kernel: (sig) => liftN(sig.returnType, (parts) => parts.join('')),
  };
}

export const CONCAT = concatDef('concat', 2);
export const CONCAT_OPERATOR = concatDef('$concat', 2);

export const CHR = defineFunction({
  name: 'chr',
  signatures: ['chr(bigint) → varchar(1)'],
  overloads: [
    overload([BIGINT], varchar(1), () =>
      lift1(varchar(1), (n) => {
        const cp = Number(n);
        if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
          throw new ExecError('INVALID_FUNCTION_ARGUMENT', `Not a valid Unicode code point: ${cp}`);
        }
        return String.fromCodePoint(cp);
      }),
    ),
  ],
});

export const CODEPOINT = defineFunction({
  name: 'codepoint',
  signatures: ['codepoint(varchar(1)) → integer'],
  overloads: [
    overload(['varchar'], INTEGER, () =>
      lift1(INTEGER, (s) => {
        const cps = [...str(s)];
        if (cps.length !== 1) throw new ExecError('INVALID_FUNCTION_ARGUMENT', 'Input string must be a single character string');
        return cps[0]!.codePointAt(0)!;
      }),
    ),
  ],
});
