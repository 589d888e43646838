/**
 * Which schemas and tables a query over an information_schema view can see rows of, read off
 * its WHERE clause before planning: schema browsers ask for one table's columns
 * (`WHERE table_schema = 'x' AND table_name = 'y'`), and describing only that table saves a
 * listing and a footer read per table of the catalog. The WHERE clause still filters the rows;
 * the scope only leaves out rows it would drop.
 */
import type { Expr, QualifiedName, QuerySpecification, Relation, Statement } from '../../sql/ast.ts';

/** Allowed values of table_schema / table_name; null: any. */
export interface InformationSchemaScope {
  readonly schemas: ReadonlySet<string> | null;
  readonly tables: ReadonlySet<string> | null;
}

export const ANY_SCOPE: InformationSchemaScope = { schemas: null, tables: null };

/** Column names that hold a schema or a table name, per view. */
const SCHEMA_COLUMNS = new Set(['table_schema', 'schema_name']);
const TABLE_COLUMNS = new Set(['table_name']);

/**
 * The scope of every reference the statement makes to the view `isView` accepts. A reference
 * narrows only as the sole FROM item of a query whose WHERE is a conjunction; any other
 * reference (a join, a subquery's correlated use) sees everything, and so does the union.
 */
export function informationSchemaScope(stmt: Statement, isView: (name: QualifiedName) => boolean): InformationSchemaScope {
  const scopes: InformationSchemaScope[] = [];
  let references = 0;
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) {
      for (const y of x) visit(y);
      return;
    }
    if (x === null || typeof x !== 'object') return;
    const node = x as { kind?: unknown };
    if (node.kind === 'Table' && isView((x as Extract<Relation, { kind: 'Table' }>).name)) references++;
    if (node.kind === 'QuerySpecification') {
      const q = x as QuerySpecification;
      const only = q.from.length === 1 ? q.from[0]! : null;
      if (only?.kind === 'Table' && isView(only.name)) scopes.push(whereScope(q.where, only.alias?.value ?? only.name.parts.at(-1)!.value));
    }
    for (const v of Object.values(x)) if (typeof v === 'object') visit(v);
  };
  visit(stmt);
  if (scopes.length === 0 || scopes.length !== references) return ANY_SCOPE;
  return scopes.reduce(union);
}

function union(a: InformationSchemaScope, b: InformationSchemaScope): InformationSchemaScope {
  const merge = (x: ReadonlySet<string> | null, y: ReadonlySet<string> | null): ReadonlySet<string> | null => (x === null || y === null ? null : new Set([...x, ...y]));
  return { schemas: merge(a.schemas, b.schemas), tables: merge(a.tables, b.tables) };
}

function whereScope(where: Expr | null, qualifier: string): InformationSchemaScope {
  let schemas: Set<string> | null = null;
  let tables: Set<string> | null = null;
  const conjuncts = where === null ? [] : where.kind === 'Logical' && where.op === 'AND' ? where.terms : [where];
  const narrow = (current: Set<string> | null, values: readonly string[]): Set<string> =>
    new Set(current === null ? values : values.filter((v) => current.has(v)));
  for (const c of conjuncts) {
    const found = nameEquality(c, qualifier);
    if (found === null) continue;
    if (SCHEMA_COLUMNS.has(found.column)) schemas = narrow(schemas, found.values);
    else if (TABLE_COLUMNS.has(found.column)) tables = narrow(tables, found.values);
  }
  return { schemas, tables };
}

/** `column = 'v'`, `'v' = column` or `column IN ('v', …)`: the column and the values. */
function nameEquality(e: Expr, qualifier: string): { column: string; values: string[] } | null {
  if (e.kind === 'Comparison' && e.op === '=') {
    const column = columnName(e.left, qualifier) ?? columnName(e.right, qualifier);
    const value = stringValue(e.right) ?? stringValue(e.left);
    return column !== null && value !== null ? { column, values: [value] } : null;
  }
  if (e.kind === 'InList' && !e.not) {
    const column = columnName(e.value, qualifier);
    const values = e.list.map(stringValue);
    return column !== null && values.every((v) => v !== null) ? { column, values: values as string[] } : null;
  }
  return null;
}

/** A column of the view itself: unqualified, or qualified by its alias or name. */
function columnName(e: Expr, qualifier: string): string | null {
  if (e.kind !== 'ColumnRef') return null;
  if (e.parts.length === 1) return e.parts[0]!.value;
  if (e.parts.length === 2 && e.parts[0]!.value === qualifier) return e.parts[1]!.value;
  return null;
}

function stringValue(e: Expr): string | null {
  return e.kind === 'Literal' && e.literal === 'string' ? e.value : null;
}
