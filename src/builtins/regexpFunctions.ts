/**
 * regexp_like, regexp_extract, regexp_replace, regexp_count, regexp_position. Trino uses Java
 * regular expression syntax (via Joni); JS RegExp agrees on the common subset. Translated here:
 * leading inline flags such as `(?i)` become RegExp flags, `\A` and `\z`/`\Z` become `^`/`$`,
 * possessive quantifiers (`a*+`) become greedy ones, and Java replacement strings (`$1`,
 * `${name}`, `\$`) are interpreted as Java does. Not supported: POSIX classes like
 * `\p{Alpha}`, class intersection `[a-z&&[^aeiou]]`, inline flags in the middle of a pattern.
 */
import { ExecError } from '../errors.ts';
import { BIGINT, BOOLEAN, VARCHAR, type SqlType } from '../types/sqlType.ts';
import type { NonNullValue } from '../types/value.ts';
import { codePointsBefore } from './codePoints.ts';
import { liftN } from './kernel.ts';
import { defineFunction, overload } from './signature.ts';
import type { ScalarKernel } from './types.ts';

const str = (v: NonNullValue): string => v as string;

function invalid(message: string): ExecError {
  return new ExecError('INVALID_FUNCTION_ARGUMENT', message);
}

/** The JS RegExp for a Java pattern (non-global; callers add 'g' when they iterate). */
export function compileJavaRegex(pattern: string, global = false): RegExp {
  let source = pattern;
  let flags = '';
  const lead = /^\(\?([imsx]+)\)/.exec(source);
  if (lead !== null) {
    for (const f of lead[1]!) if (f !== 'x' && !flags.includes(f)) flags += f;
    source = source.slice(lead[0].length);
  }
  source = source
    .replace(/\\A/g, '^')
    .replace(/\\[zZ]/g, '$')
    .replace(/([*+?}])\+/g, '$1');
  if (global) flags += 'g';
  try {
    return new RegExp(source, `${flags}u`);
  } catch {
    try {
      return new RegExp(source, flags);
    } catch (e) {
      throw invalid(`Invalid regular expression: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

function regexCache(global: boolean): (pattern: string) => RegExp {
  const cache = new Map<string, RegExp>();
  return (pattern) => {
    let re = cache.get(pattern);
    if (re === undefined) {
      re = compileJavaRegex(pattern, global);
      if (cache.size > 256) cache.clear();
      cache.set(pattern, re);
    }
    re.lastIndex = 0;
    return re;
  };
}

function groupCount(re: RegExp): number {
  return new RegExp(`${re.source}|`, re.flags.replace('g', '')).exec('')!.length - 1;
}

/** A Java replacement string as a function of one match. */
function javaReplacement(replacement: string): (match: string, groups: readonly (string | undefined)[], named: Record<string, string> | undefined) => string {
  type Part = string | number | { name: string };
  const parts: Part[] = [];
  let lit = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === '\\') {
      i++;
      if (i >= replacement.length) throw invalid('character to be escaped is missing');
      lit += replacement[i]!;
    } else if (c === '$') {
      if (lit !== '') parts.push(lit);
      lit = '';
      if (replacement[i + 1] === '{') {
        const end = replacement.indexOf('}', i + 2);
        if (end < 0) throw invalid("named capturing group is missing trailing '}'");
        parts.push({ name: replacement.slice(i + 2, end) });
        i = end;
      } else {
        const m = /^\d+/.exec(replacement.slice(i + 1));
        if (m === null) throw invalid('Illegal group reference');
        parts.push(Number(m[0]));
        i += m[0].length;
      }
    } else lit += c;
  }
  if (lit !== '') parts.push(lit);
  return (match, groups, named) => {
    let out = '';
    for (const p of parts) {
      if (typeof p === 'string') out += p;
      else if (typeof p === 'number') {
        if (p === 0) out += match;
        else if (p > groups.length) throw invalid(`No group ${p}`);
        else out += groups[p - 1] ?? '';
      } else {
        if (named === undefined || !(p.name in named)) throw invalid(`No group with name {${p.name}}`);
        out += named[p.name] ?? '';
      }
    }
    return out;
  };
}

function regexKernel(ret: SqlType, global: boolean, fn: (s: string, re: RegExp, rest: NonNullValue[]) => NonNullValue | null): ScalarKernel {
  const compile = regexCache(global);
  return liftN(ret, (args) => fn(str(args[0]!), compile(str(args[1]!)), args.slice(2)));
}

export const REGEXP_LIKE = defineFunction({
  name: 'regexp_like',
  signatures: ['regexp_like(varchar, varchar) → boolean'],
  overloads: [overload(['varchar', 'varchar'], BOOLEAN, () => regexKernel(BOOLEAN, false, (s, re) => re.test(s)))],
});

function extract(s: string, re: RegExp, group: number): string | null {
  const groups = groupCount(re);
  if (group < 0 || group > groups) throw invalid(`Pattern has ${groups} groups. Cannot access group ${group}`);
  const m = re.exec(s);
  return m === null ? null : (m[group] ?? null);
}

export const REGEXP_EXTRACT = defineFunction({
  name: 'regexp_extract',
  signatures: ['regexp_extract(varchar, varchar) → varchar', 'regexp_extract(varchar, varchar, bigint) → varchar'],
  overloads: [
    overload(['varchar', 'varchar'], VARCHAR, () => regexKernel(VARCHAR, false, (s, re) => extract(s, re, 0))),
    overload(['varchar', 'varchar', BIGINT], VARCHAR, () => regexKernel(VARCHAR, false, (s, re, [g]) => extract(s, re, Number(g)))),
  ],
});

function replace(s: string, re: RegExp, replacement: string): string {
  const build = javaReplacement(replacement);
  return s.replace(re, (match: string, ...rest: unknown[]) => {
    const last = rest[rest.length - 1];
    const named = typeof last === 'object' && last !== null ? (last as Record<string, string>) : undefined;
    const groups = rest.slice(0, named === undefined ? -2 : -3) as (string | undefined)[];
    return build(match, groups, named);
  });
}

export const REGEXP_REPLACE = defineFunction({
  name: 'regexp_replace',
  signatures: ['regexp_replace(varchar, varchar) → varchar', 'regexp_replace(varchar, varchar, varchar) → varchar'],
  overloads: [
    overload(['varchar', 'varchar'], VARCHAR, () => regexKernel(VARCHAR, true, (s, re) => s.replace(re, ''))),
    overload(['varchar', 'varchar', 'varchar'], VARCHAR, () => regexKernel(VARCHAR, true, (s, re, [r]) => replace(s, re, str(r!)))),
  ],
});

export const REGEXP_COUNT = defineFunction({
  name: 'regexp_count',
  signatures: ['regexp_count(varchar, varchar) → bigint'],
  overloads: [
    overload(['varchar', 'varchar'], BIGINT, () =>
      regexKernel(BIGINT, true, (s, re) => {
        let n = 0;
        for (const m of s.matchAll(re)) if (m[0] !== undefined) n++;
        return n;
      }),
    ),
  ],
});

export const REGEXP_POSITION = defineFunction({
  name: 'regexp_position',
  signatures: ['regexp_position(varchar, varchar) → integer'],
  overloads: [
    overload(['varchar', 'varchar'], { kind: 'integer' }, () =>
      regexKernel({ kind: 'integer' }, false, (s, re) => {
        const m = re.exec(s);
        return m === null ? -1 : codePointsBefore(s, m.index) + 1;
      }),
    ),
  ],
});
