/**
 * Keyword classes of the Trino dialect. Only reserved words need quoting to be used as names;
 * every other keyword (DATE, YEAR, LIMIT, FIRST, SHOW, ...) is also an ordinary identifier, and
 * the parser tells the two uses apart by what follows.
 */

/**
 * Trino's reserved words, from the "Keywords and identifiers" page of the Trino 480 docs, so a
 * query that parses in Trino parses here. Two words are deliberately left out: DESCRIBE, because
 * `describe` is a plausible column name and the statement needs no reservation to be recognized,
 * and AUTO, reserved only since Trino 480 and used by nothing Squall parses.
 */
export const RESERVED_KEYWORDS: ReadonlySet<string> = new Set([
  'ALTER', 'AND', 'AS', 'BETWEEN', 'BY', 'CASE', 'CAST', 'CONSTRAINT', 'CREATE', 'CROSS',
  'CUBE', 'CURRENT_CATALOG', 'CURRENT_DATE', 'CURRENT_PATH', 'CURRENT_ROLE', 'CURRENT_SCHEMA',
  'CURRENT_TIME', 'CURRENT_TIMESTAMP', 'CURRENT_USER', 'DEALLOCATE', 'DELETE', 'DISTINCT', 'DROP',
  'ELSE', 'END', 'ESCAPE', 'EXCEPT', 'EXECUTE', 'EXISTS', 'EXTRACT', 'FALSE',
  'FOR', 'FROM', 'FULL', 'GROUP', 'GROUPING', 'HAVING', 'IN', 'INNER', 'INSERT', 'INTERSECT',
  'INTO', 'IS', 'JOIN', 'JSON_ARRAY', 'JSON_EXISTS', 'JSON_OBJECT', 'JSON_QUERY', 'JSON_TABLE',
  'JSON_VALUE', 'LEFT', 'LIKE', 'LISTAGG', 'LOCALTIME', 'LOCALTIMESTAMP', 'NATURAL', 'NORMALIZE',
  'NOT', 'NULL', 'ON', 'OR', 'ORDER', 'OUTER', 'PREPARE', 'RECURSIVE', 'RIGHT', 'ROLLUP', 'SELECT',
  'SKIP', 'TABLE', 'THEN', 'TRIM', 'TRUE', 'UESCAPE', 'UNION', 'UNNEST', 'USING', 'VALUES', 'WHEN',
  'WHERE', 'WITH',
]);

/** `word` is the upper-cased form the lexer gives unquoted words. */
export function isReserved(word: string): boolean {
  return RESERVED_KEYWORDS.has(word);
}

/**
 * Reserved words that begin an expression (`CASE ...`, `NOT x`, `CURRENT_DATE`). With the
 * non-reserved words they decide whether an optional `ALL` is a set quantifier or a column.
 */
export const EXPRESSION_KEYWORDS: ReadonlySet<string> = new Set([
  'CASE', 'CAST', 'CURRENT_CATALOG', 'CURRENT_DATE', 'CURRENT_SCHEMA', 'CURRENT_TIME',
  'CURRENT_TIMESTAMP', 'CURRENT_USER', 'EXISTS', 'EXTRACT', 'FALSE', 'LOCALTIME', 'LOCALTIMESTAMP',
  'NOT', 'NULL', 'TRIM', 'TRUE',
]);

/**
 * Built-in type names that form a typed literal when a string follows: `DATE '2020-01-01'`.
 * Any other word before a string is left as a name, so `x 'a'` is an error rather than a
 * literal of an unknown type.
 */
export const LITERAL_TYPE_NAMES: ReadonlySet<string> = new Set([
  'BIGINT', 'BOOLEAN', 'CHAR', 'DATE', 'DECIMAL', 'DOUBLE', 'INT', 'INTEGER', 'IPADDRESS', 'JSON',
  'REAL', 'SMALLINT', 'TIME', 'TIMESTAMP', 'TINYINT', 'UUID', 'VARBINARY', 'VARCHAR',
]);

export const INTERVAL_FIELDS = ['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND'] as const;
