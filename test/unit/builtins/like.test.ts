import { describe, expect, it } from 'vitest';
import { VARCHAR } from '../../../src/types/sqlType.ts';
import type { Value } from '../../../src/types/value.ts';
import { call, callColumns, callError, type StorageKind } from './helpers.ts';

const like = (value: string | null, pattern: string | null, escape?: string | null): Value => {
  const args = [
    { type: VARCHAR, value },
    { type: VARCHAR, value: pattern },
  ];
  if (escape !== undefined) args.push({ type: VARCHAR, value: escape });
  return call('$like', ...args).value;
};

describe('LIKE', () => {
  const cases: Array<[string, string, boolean]> = [
    ['hello', 'hello', true],
    ['hello', 'hell', false],
    ['hello', 'h%', true],
    ['hello', '%o', true],
    ['hello', '%ll%', true],
    ['hello', '%lx%', false],
    ['hello', 'h%l%o', true],
    ['hello', 'h%l%l%l%o', false],
    ['hello', '_ello', true],
    ['hello', 'h___o', true],
    ['hello', 'h__o', false],
    ['hello', '%', true],
    ['', '%', true],
    ['', '', true],
    ['', '_', false],
    ['a', 'a%a', false],
    ['aa', 'a%a', true],
    ['\u{1F600}', '_', true],
    ['\u{1F600}x', '_x', true],
    ['line\nbreak', 'line%break', true],
    ['line\nbreak', 'line_break', true],
    ['a.c', 'a.c', true],
    ['abc', 'a.c', false],
    ['a+b', 'a+%', true],
    ['special requests', '%special%requests%', true],
    ['requests special', '%special%requests%', false],
    ['(x)[y]{z}', '(x)[_]{%}', true],
  ];
  it.each(cases)('%o LIKE %o = %o', (v, p, r) => {
    expect(like(v, p)).toBe(r);
    for (const storage of ['binary', 'dict', 'str'] as StorageKind[]) {
      expect(callColumns('$like', [VARCHAR, VARCHAR], [[v], [p]], [storage, 'const']).values[0], storage).toBe(r);
    }
  });

  it('ESCAPE', () => {
    expect(like('10%', '10#%', '#')).toBe(true);
    expect(like('100', '10#%', '#')).toBe(false);
    expect(like('a_b', 'a#_b', '#')).toBe(true);
    expect(like('axb', 'a#_b', '#')).toBe(false);
    expect(like('a#b', 'a##b', '#')).toBe(true);
    expect(like('a%b', 'a\\%b', '\\')).toBe(true);
    expect(like('abc', 'abc', null)).toBeNull();
  });

  it('invalid escapes fail as in Trino', () => {
    const err = (p: string, e: string): string =>
      callError('$like', { type: VARCHAR, value: 'x' }, { type: VARCHAR, value: p }, { type: VARCHAR, value: e });
    expect(err('abc', '')).toBe('INVALID_FUNCTION_ARGUMENT: Escape string must be a single character');
    expect(err('abc', 'ab')).toBe('INVALID_FUNCTION_ARGUMENT: Escape string must be a single character');
    expect(err('a#', '#')).toBe("INVALID_FUNCTION_ARGUMENT: Escape character must be followed by '%', '_' or the escape character itself");
    expect(err('#a', '#')).toBe("INVALID_FUNCTION_ARGUMENT: Escape character must be followed by '%', '_' or the escape character itself");
  });

  it('NULL value or pattern gives NULL', () => {
    expect(like(null, '%')).toBeNull();
    expect(like('a', null)).toBeNull();
  });

  it('per-row patterns', () => {
    const r = callColumns('$like', [VARCHAR, VARCHAR], [['abc', 'abc', 'xyz', null], ['a%', '%d', 'x_z', 'a']]);
    expect(r.values).toEqual([true, false, true, null]);
  });
});
