import { describe, expect, it } from 'vitest';
import { tokenize, type Token } from '../../../src/sql/lexer.ts';

/** `kind:value@line:column`, one string per token, for compact expectations. */
function render(tokens: readonly Token[]): string[] {
  return tokens.map((t) => `${t.kind}:${t.value}@${t.span.line}:${t.span.column}`);
}

describe('tokenize', () => {
  it('reads words, numbers, strings, quoted names and operators', () => {
    expect(render(tokenize(`Select "My ""Col""", 'it''s', 12, 1.5, .5, 3., 1e3, 2.5E-2 from t`))).toEqual([
      'word:SELECT@1:1',
      'quoted:My "Col"@1:8',
      'op:,@1:20',
      "string:it's@1:22",
      'op:,@1:29',
      'integer:12@1:31',
      'op:,@1:33',
      'decimal:1.5@1:35',
      'op:,@1:38',
      'decimal:.5@1:40',
      'op:,@1:42',
      'decimal:3.@1:44',
      'op:,@1:46',
      'double:1e3@1:48',
      'op:,@1:51',
      'double:2.5E-2@1:53',
      'word:FROM@1:60',
      'word:T@1:65',
      'eof:@1:66',
    ]);
  });

  it('keeps the written text of words for names', () => {
    const [word] = tokenize('MyTable');
    expect(word).toMatchObject({ kind: 'word', text: 'MyTable', value: 'MYTABLE' });
  });

  it('reads multi-character operators as one token', () => {
    expect(tokenize('<> <= >= != || = < > + - * / % ( ) , . ; [ ] ?').map((t) => t.value)).toEqual([
      '<>', '<=', '>=', '!=', '||', '=', '<', '>', '+', '-', '*', '/', '%', '(', ')', ',', '.', ';', '[', ']', '?', '',
    ]);
    expect(tokenize('a<=b').map((t) => t.value)).toEqual(['A', '<=', 'B', '']);
    expect(tokenize('a||b').map((t) => t.value)).toEqual(['A', '||', 'B', '']);
  });

  it('splits qualified names and leaves dots out of numbers that follow a name', () => {
    expect(render(tokenize('t.a s.t.*'))).toEqual([
      'word:T@1:1', 'op:.@1:2', 'word:A@1:3', 'word:S@1:5', 'op:.@1:6', 'word:T@1:7', 'op:.@1:8', 'op:*@1:9', 'eof:@1:10',
    ]);
  });

  it('skips line and block comments, including ones that span lines', () => {
    expect(render(tokenize('a -- one\n/* two\nthree */ b --'))).toEqual(['word:A@1:1', 'word:B@3:10', 'eof:@3:14']);
    expect(render(tokenize('a/**/b'))).toEqual(['word:A@1:1', 'word:B@1:6', 'eof:@1:7']);
    expect(render(tokenize('a--b\rc'))).toEqual(['word:A@1:1', 'word:C@2:1', 'eof:@2:2']);
  });

  it('counts lines for \\n, \\r\\n and \\r, and columns in characters', () => {
    expect(render(tokenize('a\r\nb\rc\n\td'))).toEqual(['word:A@1:1', 'word:B@2:1', 'word:C@3:1', 'word:D@4:2', 'eof:@4:3']);
    // The emoji is two UTF-16 units but one character.
    expect(render(tokenize("'😀' x"))).toEqual(['string:😀@1:1', 'word:X@1:5', 'eof:@1:6']);
    expect(render(tokenize("'a\nbc' x"))).toEqual(['string:a\nbc@1:1', 'word:X@2:5', 'eof:@2:6']);
  });

  it('reads non-ASCII letters as names without mapping them onto keywords', () => {
    expect(render(tokenize('größe ſelect'))).toEqual(['word:GRößE@1:1', 'word:ſELECT@1:7', 'eof:@1:13']);
  });

  it('reports an empty input as just the end', () => {
    expect(render(tokenize(''))).toEqual(['eof:@1:1']);
    expect(render(tokenize('  \n -- only a comment'))).toEqual(['eof:@2:19']);
  });

  it.each([
    ["SELECT 'abc", 'unterminated string literal', 1, 8],
    ["SELECT 'it''s", 'unterminated string literal', 1, 8],
    ['SELECT "abc', 'unterminated quoted identifier', 1, 8],
    ['SELECT ""', 'zero-length delimited identifier not allowed', 1, 8],
    ['SELECT `a`', 'backquoted identifiers are not supported; use double quotes to quote identifiers', 1, 8],
    ['SELECT 1 /* never closed', 'unterminated comment', 1, 10],
    ['SELECT 12abc', 'invalid numeric literal', 1, 8],
    ['SELECT 1e', 'invalid numeric literal', 1, 8],
    ['SELECT 1e+', 'invalid numeric literal', 1, 8],
    ['SELECT 1.2.3', 'invalid numeric literal', 1, 8],
    ['SELECT 1..2', 'invalid numeric literal', 1, 8],
    ['SELECT #', "unexpected character '#'", 1, 8],
    ['SELECT a !b', "unexpected character '!'", 1, 10],
    ['SELECT a | b', "unexpected character '|'", 1, 10],
    ['SELECT \u0001', 'unexpected character U+0001', 1, 8],
    ['SELECT\n  a,\n  $b', "unexpected character '$'", 3, 3],
  ])('ends with an error token for %j', (sql, message, line, column) => {
    const tokens = tokenize(sql);
    const last = tokens[tokens.length - 1]!;
    expect(last).toMatchObject({ kind: 'error', value: message, span: { line, column } });
    expect(tokens.filter((t) => t.kind === 'error')).toHaveLength(1);
  });
});
