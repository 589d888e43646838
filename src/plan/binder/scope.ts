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
  /**
   * The right side's copy of a JOIN … USING column: reachable only qualified, and not part of
   * `*` (the unqualified name means the left side's, or for FULL JOIN the coalesced, column).
   */
  readonly usingDuplicate?: boolean;
}

/**
 * Outer references of a correlated subquery are bound as column indices from OUTER_BASE up:
 * outer column j is OUTER_BASE + j, far from any index of the subquery's own plan.
 */
export const OUTER_BASE = 1_000_000;

export class Scope {
  readonly fields: readonly ScopeField[];
  /** The enclosing query's scope, for correlated references (only where they are allowed). */
  readonly outer: Scope | null;

  constructor(fields: readonly ScopeField[], outer: Scope | null = null) {
    this.fields = fields;
    this.outer = outer;
  }

  withOuter(outer: Scope | null): Scope {
    return new Scope(this.fields, outer);
  }

  /** Resolve a (possibly qualified) column reference to this scope's column (or an outer one). */
  resolve(parts: readonly string[], span: Span): ColumnExpr {
    const name = parts[parts.length - 1]!.toLowerCase();
    const qualifier = parts.slice(0, -1).map((p) => p.toLowerCase());
    const matches: number[] = [];
    this.fields.forEach((f, i) => {
      if (f.name.toLowerCase() !== name) return;
      if (qualifier.length === 0 ? f.usingDuplicate !== true : f.qualifiers.some((q) => sameParts(q, qualifier))) matches.push(i);
    });
    const written = parts.join('.');
    if (matches.length > 1) throw new BindError('AMBIGUOUS_NAME', `Column '${written}' is ambiguous`, span);
    if (matches.length === 0 && this.outer !== null) {
      let found: ColumnExpr | null = null;
      try {
        found = this.outer.resolve(parts, span);
      } catch (err) {
        if (!(err instanceof BindError) || err.code !== 'COLUMN_NOT_FOUND') throw err;
      }
      if (found !== null) {
        if (found.index >= OUTER_BASE) throw new BindError('NOT_SUPPORTED', `Reference to column '${written}' of a query two levels out is not supported`, span);
        return { ...found, index: OUTER_BASE + found.index };
      }
    }
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
    if (qualifier === null) return this.fields.flatMap((f, i) => (f.usingDuplicate === true ? [] : [i]));
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
