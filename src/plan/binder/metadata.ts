/**
 * What the binder needs to know about tables. Tables are resolved (listed, footers read) before
 * binding, asynchronously; the binder then looks them up synchronously.
 */
import { BindError, type Span } from '../../errors.ts';
import type { QualifiedName, Statement } from '../../sql/ast.ts';
import type { Value } from '../../types/value.ts';
import type { ScanColumn, TableRef } from '../logical.ts';

export interface TableSchema {
  readonly ref: TableRef;
  readonly columns: readonly ScanColumn[];
  /** A table known by its rows at planning time (information_schema): no scan, literal rows. */
  readonly rows?: readonly (readonly Value[])[];
}

export interface Metadata {
  readonly defaultCatalog: string | null;
  readonly defaultSchema: string | null;
  /** The resolved table; throws the error its resolution produced (e.g. TABLE_NOT_FOUND). */
  table(ref: TableRef, span: Span): TableSchema;
}

export interface NameDefaults {
  readonly defaultCatalog: string | null;
  readonly defaultSchema: string | null;
}

/** `t`, `s.t` or `c.s.t` completed with the session's default catalog and schema. */
export function qualifyTableName(parts: readonly string[], defaults: NameDefaults, span: Span): TableRef {
  const lower = parts.map((p) => p.toLowerCase());
  if (lower.length > 3) throw new BindError('TABLE_NOT_FOUND', `Too many dots in table name: ${parts.join('.')}`, span);
  const table = lower[lower.length - 1]!;
  const schema = lower.length >= 2 ? lower[lower.length - 2]! : defaults.defaultSchema;
  const catalog = lower.length === 3 ? lower[0]! : defaults.defaultCatalog;
  if (catalog === null) throw new BindError('CATALOG_NOT_FOUND', 'Catalog must be specified when session catalog is not set', span);
  if (schema === null) throw new BindError('SCHEMA_NOT_FOUND', 'Schema must be specified when session schema is not set', span);
  return { catalog, schema, table };
}

/**
 * Every table name a statement mentions (CTE names included: resolving them as tables fails
 * harmlessly, and the binder never asks for them).
 */
export function tableNamesIn(stmt: Statement): QualifiedName[] {
  const out: QualifiedName[] = [];
  // Tables hide anywhere a query can: FROM, WITH, set operations, and subqueries inside any
  // expression, so walk the whole tree (it is plain data).
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) {
      for (const y of x) visit(y);
      return;
    }
    if (x === null || typeof x !== 'object') return;
    const node = x as { kind?: unknown; name?: { kind?: unknown } };
    if (node.kind === 'Table' && node.name?.kind === 'QualifiedName') out.push(node.name as QualifiedName);
    for (const v of Object.values(x)) if (typeof v === 'object') visit(v);
  };
  visit(stmt);
  return out;
}
