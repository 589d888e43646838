import { describe, expect, it } from 'vitest';
import { BIGINT, BOOLEAN, INTEGER, VARCHAR, formatType, varchar, type SqlType } from '../../../src/types/sqlType.ts';
import type { Value } from '../../../src/types/value.ts';
import { call, callColumns, callError, resolveError, type Arg } from './helpers.ts';

const s = (value: string | null): Arg => ({ type: VARCHAR, value });
const n = (value: number | null): Arg => ({ type: BIGINT, value: value === null ? null : BigInt(value) });
const i = (value: number): Arg => ({ type: INTEGER, value });

describe('string functions', () => {
  const cases: Array<[string, Arg[], Value]> = [
    ['length', [s('hello')], 5n],
    ['length', [s('\u{1F600}a')], 2n],
    ['length', [s('')], 0n],
    ['lower', [s('HeLLo ÄÖ')], 'hello äö'],
    ['upper', [s('straße')], 'STRAßE'],
    ['upper', [s('abc')], 'ABC'],
    ['reverse', [s('a\u{1F600}b')], 'b\u{1F600}a'],
    ['substr', [s('hello'), n(2)], 'ello'],
    ['substr', [s('hello'), n(0)], ''],
    ['substr', [s('hello'), n(-3)], 'llo'],
    ['substr', [s('hello'), n(-10)], ''],
    ['substr', [s('hello'), n(9)], ''],
    ['substr', [s('hello'), n(2), n(3)], 'ell'],
    ['substr', [s('hello'), n(-3), n(2)], 'll'],
    ['substr', [s('hello'), n(2), n(0)], ''],
    ['substr', [s('hello'), n(4), n(100)], 'lo'],
    ['substring', [s('\u{1F600}abc'), n(2), n(2)], 'ab'],
    ['substr', [s('\u{1F600}abc'), n(1), n(1)], '\u{1F600}'],
    ['trim', [s(' \t hi \n')], 'hi'],
    ['ltrim', [s('  hi  ')], 'hi  '],
    ['rtrim', [s('  hi  ')], '  hi'],
    ['trim', [s('xxhixyx'), s('xy')], 'hi'],
    ['ltrim', [s('xxhix'), s('x')], 'hix'],
    ['trim', [s('\u00a0hi')], '\u00a0hi'],
    ['concat', [s('a'), s('b'), s('c')], 'abc'],
    ['concat', [s('a'), s(null)], null],
    ['$concat', [s('a'), s('b')], 'ab'],
    ['replace', [s('hello'), s('l')], 'heo'],
    ['replace', [s('hello'), s('l'), s('L')], 'heLLo'],
    ['replace', [s('ab'), s(''), s('-')], '-a-b-'],
    ['strpos', [s('hello'), s('l')], 3n],
    ['strpos', [s('hello'), s('z')], 0n],
    ['strpos', [s('hello'), s('')], 1n],
    ['strpos', [s('\u{1F600}hello'), s('h')], 2n],
    ['strpos', [s('hello'), s('l'), n(2)], 4n],
    ['strpos', [s('hello'), s('l'), n(-1)], 4n],
    ['strpos', [s('hello'), s('l'), n(3)], 0n],
    ['starts_with', [s('hello'), s('he')], true],
    ['starts_with', [s('hello'), s('lo')], false],
    ['lpad', [s('abc'), n(6), s('xy')], 'xyxabc'],
    ['rpad', [s('abc'), n(6), s('xy')], 'abcxyx'],
    ['lpad', [s('abcdef'), n(3), s('x')], 'abc'],
    ['rpad', [s(''), n(2), s('ab')], 'ab'],
    ['split_part', [s('a,b,c'), s(','), n(2)], 'b'],
    ['split_part', [s('a,b,c'), s(','), n(4)], null],
    ['split_part', [s('a,,c'), s(','), n(2)], ''],
    ['split_part', [s('abc'), s(''), n(2)], 'b'],
    ['split_part', [s('a::b'), s('::'), n(2)], 'b'],
    ['chr', [n(65)], 'A'],
    ['codepoint', [{ type: varchar(1), value: 'é' }], 233],
    ['regexp_like', [s('hello'), s('l+')], true],
    ['regexp_like', [s('hello'), s('^l')], false],
    ['regexp_like', [s('HELLO'), s('(?i)hello')], true],
    ['regexp_like', [s('ab'), s('\\Aab\\z')], true],
    ['regexp_extract', [s('1a 2b 14m'), s('\\d+')], '1'],
    ['regexp_extract', [s('1a 2b 14m'), s('(\\d+)([a-z]+)'), n(2)], 'a'],
    ['regexp_extract', [s('abc'), s('\\d+')], null],
    ['regexp_extract', [s('abc'), s('(x)?abc'), n(1)], null],
    ['regexp_replace', [s('1a 2b 14m'), s('\\d+[ab] ')], '14m'],
    ['regexp_replace', [s('1a 2b 14m'), s('(\\d+)([ab]) '), s('3c$2 ')], '3ca 3cb 14m'],
    ['regexp_replace', [s('abc'), s('b'), s('\\$')], 'a$c'],
    ['regexp_replace', [s('abc'), s('(?<x>b)'), s('[${x}]')], 'a[b]c'],
    ['regexp_count', [s('a1b22c333'), s('\\d+')], 3n],
    ['regexp_position', [s('\u{1F600}ab1'), s('\\d')], 4],
  ];
  it.each(cases)('%s(%o)', (name, args, expected) => {
    expect(call(name, ...args).value).toEqual(expected);
  });

  it('result types', () => {
    const typeOf = (name: string, ...args: Arg[]): string => formatType(call(name, ...args).type);
    expect(typeOf('substr', { type: varchar(7), value: 'abc' }, n(1))).toBe('varchar(7)');
    expect(typeOf('lower', { type: varchar(3), value: 'abc' })).toBe('varchar(3)');
    expect(typeOf('concat', { type: varchar(3), value: 'abc' }, { type: varchar(2), value: 'de' })).toBe('varchar(5)');
    expect(typeOf('concat', { type: varchar(3), value: 'abc' }, s('x'))).toBe('varchar');
    expect(typeOf('length', s('x'))).toBe('bigint');
    expect(typeOf('replace', { type: varchar(3), value: 'abc' }, s('a'))).toBe('varchar');
    expect(typeOf('starts_with', s('a'), s('a'))).toBe('boolean');
  });

  it('errors', () => {
    expect(callError('lpad', s('abc'), n(3), s(''))).toBe('INVALID_FUNCTION_ARGUMENT: Padding string must not be empty');
    expect(callError('rpad', s('abc'), n(-1), s('x'))).toBe('INVALID_FUNCTION_ARGUMENT: Target length must be in the range [0..2147483647]');
    expect(callError('split_part', s('abc'), s(','), n(0))).toBe('INVALID_FUNCTION_ARGUMENT: Index must be greater than zero');
    expect(callError('regexp_extract', s('abc'), s('(a)'), n(2))).toBe('INVALID_FUNCTION_ARGUMENT: Pattern has 1 groups. Cannot access group 2');
    expect(callError('regexp_like', s('abc'), s('('))).toMatch(/^INVALID_FUNCTION_ARGUMENT: Invalid regular expression/);
    expect(callError('chr', n(-1))).toBe('INVALID_FUNCTION_ARGUMENT: Not a valid Unicode code point: -1');
    expect(resolveError('concat', VARCHAR)).not.toBeNull();
    expect(resolveError('length', INTEGER)).toMatch(/Unexpected parameters \(integer\) for function length/);
  });

  it('propagates NULL and works on dictionary and binary columns', () => {
    const values: Value[] = ['Hello', null, 'wörld', 'Hello'];
    const expected = ['hello', null, 'wörld', 'hello'];
    for (const storage of ['natural', 'dict', 'binary'] as const) {
      expect(callColumns('lower', [VARCHAR], [values], [storage]).values).toEqual(expected);
      expect(
        callColumns('substr', [VARCHAR, BIGINT], [values, values.map(() => 2n)], [storage, 'const']).values,
      ).toEqual(['ello', null, 'örld', 'ello']);
    }
    expect(callColumns('starts_with', [VARCHAR, VARCHAR], [values, ['H', 'x', null, 'x']]).values).toEqual([true, null, null, false]);
  });

  it('accepts an integer where a bigint is expected', () => {
    expect(call('substr', s('hello'), i(2), i(2)).value).toBe('el');
    expect(call('substr', s('hello'), i(2)).type).toEqual(VARCHAR);
  });

  it('greatest and least', () => {
    const t = (name: string, types: SqlType[], values: Value[]): Value =>
      callColumns(name, types, values.map((v) => [v])).values[0]!;
    expect(t('greatest', [INTEGER, BIGINT, INTEGER], [1, 5n, 3])).toBe(5n);
    expect(t('least', [VARCHAR, VARCHAR], ['b', 'a'])).toBe('a');
    expect(t('greatest', [INTEGER, INTEGER], [1, null])).toBeNull();
    expect(t('least', [{ kind: 'double' }, { kind: 'double' }], [1, Number.NaN])).toBe(1);
    expect(t('greatest', [{ kind: 'double' }, { kind: 'double' }], [Number.NaN, 1])).toBe(1);
    expect(t('greatest', [{ kind: 'double' }, { kind: 'double' }], [Number.NaN, Number.NaN])).toBeNaN();
    expect(t('greatest', [{ kind: 'date' }, { kind: 'timestamp', precision: 3 }], [1, 1000])).toBe(86_400_000_000);
    expect(resolveError('greatest', INTEGER, VARCHAR)).not.toBeNull();
    expect(call('greatest', { type: BOOLEAN, value: true }, { type: BOOLEAN, value: false }).value).toBe(true);
  });
});
