/**
 * Identifiers and qualified names. Unquoted names are lower-cased, as Trino does; quoted names
 * keep their case.
 */
import type { Identifier, QualifiedName } from './ast.ts';
import { isReserved } from './keywords.ts';
import type { TokenCursor } from './tokenCursor.ts';

/** Table names have at most three parts: catalog.schema.table. */
const MAX_TABLE_NAME_PARTS = 3;

/**
 * Reserved words that, where a name was expected, point to a misplaced clause or a stray comma
 * (`WITH a AS (...), SELECT`) rather than to a column named like a keyword; quoting advice
 * would mislead there.
 */
const STRUCTURAL_KEYWORDS: ReadonlySet<string> = new Set([
  'AND', 'AS', 'BETWEEN', 'BY', 'DISTINCT', 'ELSE', 'EXCEPT', 'EXISTS', 'FALSE', 'FOR', 'FROM',
  'HAVING', 'IN', 'INTERSECT', 'INTO', 'IS', 'JOIN', 'LIKE', 'NOT', 'NULL', 'ON', 'OR', 'SELECT',
  'THEN', 'TRUE', 'UNION', 'USING', 'WHEN', 'WHERE', 'WITH',
]);

export function parseIdentifier(c: TokenCursor): Identifier {
  const token = c.peek();
  if (token.kind === 'quoted') {
    c.next();
    return { kind: 'Identifier', value: token.value, quoted: true, span: token.span };
  }
  if (token.kind === 'word' && !isReserved(token.value)) {
    c.next();
    return { kind: 'Identifier', value: token.text.toLowerCase(), quoted: false, span: token.span };
  }
  // Often a column named like a keyword (`order`, `group`); say how to write it.
  const hint =
    token.kind === 'word' && !STRUCTURAL_KEYWORDS.has(token.value)
      ? ` (${token.value} is a reserved keyword; write "${token.text.toLowerCase()}" to use it as a name)`
      : '';
  return c.fail(['<identifier>'], hint);
}

export function parseQualifiedName(c: TokenCursor): QualifiedName {
  const parts = [parseIdentifier(c)];
  while (c.eat('.')) parts.push(parseIdentifier(c));
  return { kind: 'QualifiedName', parts, span: parts[0]!.span };
}

export function parseTableName(c: TokenCursor): QualifiedName {
  const start = c.peek();
  const name = parseQualifiedName(c);
  if (name.parts.length > MAX_TABLE_NAME_PARTS) {
    c.error(`too many dots in table name: ${name.parts.map((p) => p.value).join('.')}`, start);
  }
  return name;
}

/** `(a, b, c)`: column aliases and `USING` lists. */
export function parseIdentifierList(c: TokenCursor): Identifier[] {
  c.expect('(');
  const names = [parseIdentifier(c)];
  while (c.accept(',')) names.push(parseIdentifier(c));
  c.expect(')');
  return names;
}
