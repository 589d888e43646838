/**
 * Name resolution for one relation's columns: `a`, `t.a`, `s.t.a`, `c.s.t.a`, case-insensitive
 * as in Trino.
 */
import { BindError, type Span } from '../../errors.ts';
import type { SqlType } from '../../types/sqlType.ts';
import { column, type ColumnExpr } from '../expr.ts';
import { closestName } from './suggest.ts';

export interface ScopeField {
  readonly name: string;
  readonly type: SqlType;
  /**
   * Qualifier paths that may prefix this column's name, most specific last: for an aliased
   * relation just [[alias]]; for a table [[table], [schema, table], [catalog, schema, table]].
   */
  readonly qualifiers: readonly (readonly string[])[];
}

export class Scope {
  readonly fields: readonly ScopeField[];

  constructor(fields: readonly ScopeField[]) {
    this.fields = fields;
  }

  /** Resolve a (possibly qualified) column reference to this scope's column. */
  resolve(parts: readonly string[], span: Span): ColumnExpr {
    const name = parts[parts.length - 1]!.toLowerCase();
    const qualifier = parts.slice(0, -1).map((p) => p.toLowerCase());
    const matches: number[] = [];
    this.fields.forEach((f, i) => {
      if (f.name.toLowerCase() !== name) return;
      if (qualifier.length === 0 || f.qualifiers.some((q) => sameParts(q, qualifier))) matches.push(i);
    });
    const written = parts.join('.');
    if (matches.length > 1) throw new BindError('AMBIGUOUS_NAME', `Column '${written}' is ambiguous`, span);
    if (matches.length === 0) {
      const hint = closestName(name, this.fields.map((f) => f.name));
      throw new BindError(
        'COLUMN_NOT_FOUND',
        `Column '${written}' cannot be resolved${hint ? ` (did you mean '${hint}'?)` : ''}`,
        span,
      );
    }
    const i = matches[0]!;
    return { ...column(i, this.fields[i]!.type, this.fields[i]!.name), span };
  }

  /** The fields an `AllColumns` (`*` or `t.*`) expands to, by index. */
  expandAll(qualifier: readonly string[] | null, span: Span): number[] {
    if (qualifier === null) return this.fields.map((_f, i) => i);
    const q = qualifier.map((p) => p.toLowerCase());
    const out: number[] = [];
    this.fields.forEach((f, i) => {
      if (f.qualifiers.some((fq) => sameParts(fq, q))) out.push(i);
    });
    if (out.length === 0) throw new BindError('TABLE_NOT_FOUND', `Table '${qualifier.join('.')}' not found in FROM clause`, span);
    return out;
  }
}

function sameParts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x.toLowerCase() === b[i]);
}
