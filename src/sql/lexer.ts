/**
 * The SQL lexer: text to tokens, each with a 1-based line:column counted in characters (code
 * points), so positions match what an editor shows even for non-ASCII text.
 *
 * A malformed token does not throw here. Lexing stops and ends the list with an `error` token,
 * and the parser raises it only when it reaches that token; a syntax error earlier in the text
 * is therefore reported first, as in Trino.
 */
import type { Span } from '../errors.ts';

export type TokenKind =
  | 'word'
  | 'quoted'
  | 'string'
  | 'integer'
  | 'decimal'
  | 'double'
  | 'op'
  | 'eof'
  | 'error';

export interface Token {
  readonly kind: TokenKind;
  /** The token as written, for error messages. */
  readonly text: string;
  /**
   * `word`: upper-cased (ASCII letters only) for keyword matching; `quoted` and `string`: the
   * content with doubled quotes undone; numbers and `op`: the text; `error`: the message.
   */
  readonly value: string;
  readonly span: Span;
}

// Longest first, so `<=` is not read as `<` then `=`.
const OPERATORS = [
  '<>', '<=', '>=', '!=', '||',
  '=', '<', '>', '+', '-', '*', '/', '%', '(', ')', ',', '.', ';', '[', ']', '?',
] as const;

const WHITESPACE = /\s+/y;
const WORD = /[\p{L}_][\p{L}\p{M}\p{N}_]*/uy;
const NUMBER = /(?:\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/y;
const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;
const LINE_REST = /[^\r\n]*/y;

/**
 * Converts offsets to line:column. Tokens are produced left to right, so the cursor only moves
 * forward and the whole input is walked once.
 */
class PositionTracker {
  private offset = 0;
  private line = 1;
  private column = 1;

  constructor(private readonly text: string) {}

  at(target: number): Span {
    const { text } = this;
    while (this.offset < target) {
      const code = text.codePointAt(this.offset)!;
      if (code === 10 || (code === 13 && text.charCodeAt(this.offset + 1) !== 10)) {
        this.line += 1;
        this.column = 1;
      } else if (code !== 13) {
        // A `\r` before `\n` takes no column: the `\n` ends the line.
        this.column += 1;
      }
      this.offset += code > 0xffff ? 2 : 1;
    }
    return { line: this.line, column: this.column };
  }
}

function asciiUpper(text: string): string {
  // toUpperCase() maps some non-ASCII letters onto ASCII ('ſ' to 'S'), which would let
  // `ſelect` act as SELECT.
  return text.replace(/[a-z]+/g, (s) => s.toUpperCase());
}

function describeChar(code: number): string {
  if (code < 0x20 || code === 0x7f || (code >= 0xd800 && code <= 0xdfff)) {
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `'${String.fromCodePoint(code)}'`;
}

/** Reads a quoted token starting at `start`; null when the closing quote is missing. */
function scanQuoted(sql: string, start: number, quote: string): { end: number; value: string } | null {
  let value = '';
  let i = start + 1;
  for (;;) {
    const close = sql.indexOf(quote, i);
    if (close < 0) return null;
    value += sql.slice(i, close);
    if (sql[close + 1] === quote) {
      value += quote;
      i = close + 2;
    } else {
      return { end: close + 1, value };
    }
  }
}

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const positions = new PositionTracker(sql);
  let i = 0;

  const push = (kind: TokenKind, start: number, end: number, value: string): void => {
    tokens.push({ kind, text: sql.slice(start, end), value, span: positions.at(start) });
  };
  const stop = (start: number, message: string): Token[] => {
    tokens.push({ kind: 'error', text: '', value: message, span: positions.at(start) });
    return tokens;
  };

  for (;;) {
    WHITESPACE.lastIndex = i;
    if (WHITESPACE.test(sql)) i = WHITESPACE.lastIndex;
    if (i >= sql.length) break;

    const start = i;
    const ch = sql[i]!;
    const next = sql[i + 1];

    if (ch === '-' && next === '-') {
      LINE_REST.lastIndex = i;
      LINE_REST.test(sql);
      i = LINE_REST.lastIndex;
      continue;
    }
    if (ch === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) return stop(start, 'unterminated comment');
      i = close + 2;
      continue;
    }

    if (ch === "'" || ch === '"') {
      const scanned = scanQuoted(sql, i, ch);
      if (!scanned) {
        return stop(start, ch === "'" ? 'unterminated string literal' : 'unterminated quoted identifier');
      }
      if (ch === '"' && scanned.value === '') {
        return stop(start, 'zero-length delimited identifier not allowed');
      }
      push(ch === "'" ? 'string' : 'quoted', start, scanned.end, scanned.value);
      i = scanned.end;
      continue;
    }
    if (ch === '`') {
      return stop(start, 'backquoted identifiers are not supported; use double quotes to quote identifiers');
    }

    if ((ch >= '0' && ch <= '9') || (ch === '.' && next !== undefined && next >= '0' && next <= '9')) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(sql)!;
      const end = NUMBER.lastIndex;
      const isDouble = match[2] !== undefined;
      const isDecimal = !isDouble && match[0].includes('.');
      const after = end < sql.length ? String.fromCodePoint(sql.codePointAt(end)!) : '';
      // `12abc`, `1e`, `1.2.3`: one malformed number, not a number followed by something else.
      if (WORD_CHAR.test(after) || (after === '.' && (isDouble || isDecimal))) {
        return stop(start, 'invalid numeric literal');
      }
      push(isDouble ? 'double' : isDecimal ? 'decimal' : 'integer', start, end, match[0]);
      i = end;
      continue;
    }

    WORD.lastIndex = i;
    if (WORD.test(sql)) {
      const end = WORD.lastIndex;
      push('word', start, end, asciiUpper(sql.slice(start, end)));
      i = end;
      continue;
    }

    const op = OPERATORS.find((o) => sql.startsWith(o, i));
    if (op) {
      push('op', start, i + op.length, op);
      i += op.length;
      continue;
    }

    return stop(start, `unexpected character ${describeChar(sql.codePointAt(i)!)}`);
  }

  tokens.push({ kind: 'eof', text: '', value: '', span: positions.at(sql.length) });
  return tokens;
}
