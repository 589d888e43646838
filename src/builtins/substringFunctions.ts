/**
 * Functions that cut or pad strings by code point: substr/substring (1-based; a negative start
 * counts from the end; start 0 gives ''), trim/ltrim/rtrim (Java whitespace, or the given
 * characters), lpad/rpad (truncating when the string is longer), split_part (NULL past the
 * last field).
 */
import { ExecError } from '../errors.ts';
import { BIGINT, VARCHAR, type SqlType } from '../types/sqlType.ts';
import type { NonNullValue } from '../types/value.ts';
import { countCodePoints, isJavaWhitespace, sliceCodePoints } from './codePoints.ts';
import { lift1, lift2, liftN } from './kernel.ts';
import { defineFunction, overload } from './signature.ts';

const str = (v: NonNullValue): string => v as string;
const sameVarchar = (args: readonly SqlType[]): SqlType => args[0]!;

/** Trino's substr with an optional length (code points). */
export function substr(s: string, start: number, length: number = Number.POSITIVE_INFINITY): string {
  if (start === 0 || length <= 0 || s.length === 0) return '';
  const n = countCodePoints(s);
  const from = start > 0 ? start - 1 : n + start;
  if (from < 0 || from >= n) return '';
  const to = Math.min(n, from + length);
  return sliceCodePoints(s, from, to);
}

const SUBSTR_SIGNATURES = ['substr(varchar(x), bigint) → varchar(x)', 'substr(varchar(x), bigint, bigint) → varchar(x)'];

export const SUBSTR = defineFunction({
  name: 'substr',
  signatures: SUBSTR_SIGNATURES,
  overloads: [
    overload(['varchar', BIGINT], sameVarchar, (sig) => lift2(sig.returnType, (s, start) => substr(str(s), Number(start)))),
    overload(['varchar', BIGINT, BIGINT], sameVarchar, (sig) =>
      liftN(sig.returnType, ([s, start, len]) => substr(str(s!), Number(start), Number(len))),
    ),
  ],
});

type TrimSide = 'both' | 'left' | 'right';

function trimWith(s: string, side: TrimSide, strip: (cp: number) => boolean): string {
  const cps = [...s];
  let a = 0;
  let b = cps.length;
  if (side !== 'right') while (a < b && strip(cps[a]!.codePointAt(0)!)) a++;
  if (side !== 'left') while (b > a && strip(cps[b - 1]!.codePointAt(0)!)) b--;
  return a === 0 && b === cps.length ? s : cps.slice(a, b).join('');
}

function trimDef(name: string, side: TrimSide) {
  return defineFunction({
    name,
    signatures: [`${name}(varchar(x)) → varchar(x)`, `${name}(varchar(x), varchar(y)) → varchar(x)`],
    overloads: [
      overload(['varchar'], sameVarchar, (sig) => lift1(sig.returnType, (s) => trimWith(str(s), side, isJavaWhitespace))),
      overload(['varchar', 'varchar'], sameVarchar, (sig) =>
        lift2(sig.returnType, (s, chars) => {
          const set = new Set([...str(chars)].map((c) => c.codePointAt(0)!));
          return trimWith(str(s), side, (cp) => set.has(cp));
        }),
      ),
    ],
  });
}

export const TRIM = trimDef('trim', 'both');
export const LTRIM = trimDef('ltrim', 'left');
export const RTRIM = trimDef('rtrim', 'right');

function pad(s: string, size: number, padding: string, left: boolean): string {
  if (!(size >= 0 && size <= 2147483647)) {
    throw new ExecError('INVALID_FUNCTION_ARGUMENT', 'Target length must be in the range [0..2147483647]');
  }
  if (padding === '') throw new ExecError('INVALID_FUNCTION_ARGUMENT', 'Padding string must not be empty');
  const n = countCodePoints(s);
  if (n === size) return s;
  if (n > size) return sliceCodePoints(s, 0, size);
  const padCps = [...padding];
  const fill: string[] = [];
  for (let k = 0; k < size - n; k++) fill.push(padCps[k % padCps.length]!);
  return left ? fill.join('') + s : s + fill.join('');
}

function padDef(name: string, left: boolean) {
  return defineFunction({
    name,
    signatures: [`${name}(varchar(x), bigint, varchar(y)) → varchar`],
    overloads: [
      overload(['varchar', BIGINT, 'varchar'], VARCHAR, () =>
        liftN(VARCHAR, ([s, size, p]) => pad(str(s!), Number(size), str(p!), left)),
      ),
    ],
  });
}

export const LPAD = padDef('lpad', true);
export const RPAD = padDef('rpad', false);

function splitPart(s: string, delimiter: string, index: number): string | null {
  if (index <= 0) throw new ExecError('INVALID_FUNCTION_ARGUMENT', 'Index must be greater than zero');
  if (delimiter === '') {
    const cps = [...s];
    return index <= cps.length ? cps[index - 1]! : null;
  }
  const parts = s.split(delimiter);
  return index <= parts.length ? parts[index - 1]! : null;
}

export const SPLIT_PART = defineFunction({
  name: 'split_part',
  signatures: ['split_part(varchar(x), varchar, bigint) → varchar(x)'],
  overloads: [
    overload(['varchar', 'varchar', BIGINT], sameVarchar, (sig) =>
      liftN(sig.returnType, ([s, d, i]) => splitPart(str(s!), str(d!), Number(i))),
    ),
  ],
});
