/**
 * The parser's view of the token list: lookahead, consumption, and Trino-style error messages.
 *
 * "Expecting" lists are built from two sources: what the failing rule wanted, and what optional
 * rules checked for at the same token before giving up (`accept` notes those). That way
 * `SELECT a b c FROM t` can say it expected `','` or `FROM` after `b` without each rule knowing
 * who called it.
 */
import { ParseError } from '../errors.ts';
import type { Expr, QueryBody } from './ast.ts';
import { EXPRESSION_KEYWORDS, isReserved } from './keywords.ts';
import type { Token } from './lexer.ts';

const MAX_EXPECTING = 6;
const MAX_TOKEN_DISPLAY = 40;
/** Deep enough for any hand-written query, shallow enough to stay far from the JS stack limit. */
export const MAX_NESTING = 200;

export class TokenCursor {
  private pos = 0;
  private noted: string[] = [];
  private notedAt = -1;
  private depth = 0;

  /**
   * An already-parsed operand the next primary-expression parse must return instead of reading
   * tokens. Lets `((SELECT 1) + 2)` and `position(a, b)` decide late what they are parsing.
   */
  seedExpr: Expr | null = null;
  /** Likewise for a query primary: `((SELECT 1) UNION (SELECT 2))`. */
  seedBody: QueryBody | null = null;

  constructor(private readonly tokens: readonly Token[]) {}

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)]!;
  }

  /** The last token consumed, if any. */
  previous(): Token | null {
    return this.pos > 0 ? this.tokens[this.pos - 1]! : null;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind === 'error') throw new ParseError(token.value, token.span);
    if (token.kind !== 'eof') this.pos += 1;
    return token;
  }

  /** True when the token `ahead` is the keyword or operator `text` (keywords in upper case). */
  is(text: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return (token.kind === 'word' || token.kind === 'op') && token.value === text;
  }

  isAny(texts: readonly string[], ahead = 0): boolean {
    return texts.some((t) => this.is(t, ahead));
  }

  /** Consumes `text` if present; otherwise remembers it as a possible continuation here. */
  accept(text: string): Token | null {
    if (this.is(text)) return this.next();
    this.note(`'${text}'`);
    return null;
  }

  /** Consumes `text` if present, without offering it in error messages. */
  eat(text: string): Token | null {
    return this.is(text) ? this.next() : null;
  }

  expect(text: string): Token {
    if (this.is(text)) return this.next();
    return this.fail([`'${text}'`]);
  }

  note(label: string): void {
    if (this.notedAt !== this.pos) {
      this.noted = [];
      this.notedAt = this.pos;
    }
    if (!this.noted.includes(label)) this.noted.push(label);
  }

  /** Throws `mismatched input '<token>'. Expecting: ...` at the current token. */
  fail(expected: readonly string[], hint = ''): never {
    const token = this.peek();
    if (token.kind === 'error') throw new ParseError(token.value, token.span);
    const labels = [...expected];
    if (this.notedAt === this.pos) {
      for (const label of this.noted) if (!labels.includes(label)) labels.push(label);
    }
    const shown = labels.slice(0, MAX_EXPECTING).sort(compareLabels);
    const expecting = shown.length > 0 ? `. Expecting: ${shown.join(', ')}` : '';
    throw new ParseError(`mismatched input '${describeToken(token)}'${expecting}${hint}`, token.span);
  }

  /** Throws `message` at `token` (the current one by default), unless a lexer error is due first. */
  error(message: string, token: Token = this.peek()): never {
    if (token.kind === 'error') throw new ParseError(token.value, token.span);
    throw new ParseError(message, token.span);
  }

  notSupported(what: string, token: Token = this.peek()): never {
    return this.error(`${what} is not supported`, token);
  }

  enter(): void {
    this.depth += 1;
    if (this.depth > MAX_NESTING) {
      this.error(`statement is nested too deeply (more than ${MAX_NESTING} levels)`);
    }
  }

  leave(): void {
    this.depth -= 1;
  }

  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }
}

export function describeToken(token: Token): string {
  if (token.kind === 'eof') return '<EOF>';
  const text = token.text;
  return text.length > MAX_TOKEN_DISPLAY ? `${text.slice(0, MAX_TOKEN_DISPLAY - 3)}...` : text;
}

/** Quoted tokens first, alphabetically, then categories such as `<expression>` and `<EOF>`. */
function compareLabels(a: string, b: string): number {
  if (a === b) return 0;
  const aCategory = a.startsWith('<');
  const bCategory = b.startsWith('<');
  if (aCategory !== bCategory) return aCategory ? 1 : -1;
  if (a === '<EOF>' || b === '<EOF>') return a === '<EOF>' ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A name: an unquoted non-reserved word or a quoted identifier. */
export function isIdentifierToken(token: Token): boolean {
  return token.kind === 'quoted' || (token.kind === 'word' && !isReserved(token.value));
}

/**
 * Whether `token` can begin an expression. Decides whether `ALL` (non-reserved in Trino) is a set
 * quantifier or a column, and whether `TRIM(LEADING ...)` names a trim side or a column.
 */
export function startsExpression(token: Token): boolean {
  switch (token.kind) {
    case 'word':
      return !isReserved(token.value) || EXPRESSION_KEYWORDS.has(token.value);
    case 'quoted':
    case 'string':
    case 'integer':
    case 'decimal':
    case 'double':
      return true;
    case 'op':
      return token.value === '(' || token.value === '+' || token.value === '-';
    case 'eof':
    case 'error':
      return false;
    default: {
      const unreachable: never = token.kind;
      return unreachable;
    }
  }
}

/** Whether the next token starts a query without parentheses: SELECT, WITH or VALUES. */
export function startsQuery(c: TokenCursor): boolean {
  return c.is('SELECT') || c.is('WITH') || c.is('VALUES');
}
