/**
 * Type names as written in CAST and typed literals. The parser only normalizes spelling
 * (lower case, single spaces, `int` = `integer`, `double precision` = `double`); whether the
 * type exists is the binder's question.
 */
import type { IntervalField, TypeSyntax } from './ast.ts';
import { INTERVAL_FIELDS, isReserved } from './keywords.ts';
import type { TokenCursor } from './tokenCursor.ts';

const INTERVAL_FIELD_LABELS = INTERVAL_FIELDS.map((f) => `'${f}'`);

export function parseIntervalField(c: TokenCursor): IntervalField {
  const field = INTERVAL_FIELDS.find((f) => c.is(f));
  if (!field) return c.fail(INTERVAL_FIELD_LABELS);
  c.next();
  return field;
}

/** The spelling the AST uses for a built-in name written as `word`. */
export function canonicalTypeName(word: string): string {
  const lower = word.toLowerCase();
  return lower === 'int' ? 'integer' : lower;
}

export function parseTypeSyntax(c: TokenCursor): TypeSyntax {
  const start = c.peek();
  if (start.kind === 'quoted') {
    c.next();
    const name = start.value.toLowerCase();
    return { kind: 'TypeSyntax', name, params: parseTypeParams(c), span: start.span };
  }
  if (start.kind !== 'word' || isReserved(start.value)) return c.fail(['<type>']);
  c.next();
  const span = start.span;

  switch (start.value) {
    case 'INTERVAL': {
      const from = parseIntervalField(c);
      const to = c.eat('TO') ? parseIntervalField(c) : null;
      const name = to ? `interval ${from} to ${to}` : `interval ${from}`;
      return { kind: 'TypeSyntax', name: name.toLowerCase(), params: [], span };
    }
    case 'TIME':
    case 'TIMESTAMP': {
      const params = parseTypeParams(c);
      let name = start.value.toLowerCase();
      if (c.accept('WITH')) {
        c.expect('TIME');
        c.expect('ZONE');
        name += ' with time zone';
      } else if (c.accept('WITHOUT')) {
        c.expect('TIME');
        c.expect('ZONE');
      }
      return { kind: 'TypeSyntax', name, params, span };
    }
    case 'DOUBLE':
      c.eat('PRECISION');
      return { kind: 'TypeSyntax', name: 'double', params: [], span };
    case 'ARRAY':
    case 'MAP':
    case 'ROW':
      // Their parameters are types, which TypeSyntax cannot hold.
      if (c.is('(') || c.is('<')) c.notSupported(`type ${start.value}`, start);
      break;
    default:
      break;
  }
  return { kind: 'TypeSyntax', name: canonicalTypeName(start.text), params: parseTypeParams(c), span };
}

/** `(p[, s])` after a type name, or none. */
function parseTypeParams(c: TokenCursor): number[] {
  if (!c.eat('(')) return [];
  const params = [parseTypeParam(c)];
  while (c.accept(',')) params.push(parseTypeParam(c));
  c.expect(')');
  return params;
}

function parseTypeParam(c: TokenCursor): number {
  const token = c.peek();
  if (token.kind !== 'integer') return c.fail(['<integer>']);
  c.next();
  return Number(token.text);
}
