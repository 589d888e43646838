import { describe, expect, it } from 'vitest';
import { informationSchemaScope, type InformationSchemaScope } from '../../../src/plan/binder/informationSchemaScope.ts';
import { parseStatement } from '../../../src/sql/parser.ts';

/** The scope of information_schema.columns in `sql` (names qualified as `information_schema.columns` or `columns`). */
function scopeOf(sql: string): { schemas: string[] | null; tables: string[] | null } {
  const scope: InformationSchemaScope = informationSchemaScope(parseStatement(sql), (name) => {
    const parts = name.parts.map((p) => p.value);
    return parts.at(-1) === 'columns' && (parts.length === 1 || parts.at(-2) === 'information_schema');
  });
  const sorted = (s: ReadonlySet<string> | null): string[] | null => (s === null ? null : [...s].sort());
  return { schemas: sorted(scope.schemas), tables: sorted(scope.tables) };
}

const FROM = 'SELECT column_name FROM information_schema.columns';

describe('informationSchemaScope', () => {
  it.each([
    [`${FROM} WHERE table_schema = 'tpch' AND table_name = 'nation'`, ['tpch'], ['nation']],
    [`${FROM} WHERE 'tpch' = table_schema`, ['tpch'], null],
    [`${FROM} WHERE table_name IN ('nation', 'region') AND data_type = 'bigint'`, null, ['nation', 'region']],
    [`SELECT c.column_name FROM information_schema.columns c WHERE c.table_name = 'nation'`, null, ['nation']],
    [`${FROM} WHERE table_schema = 'a' AND table_schema = 'b'`, [], null],
    [`${FROM} WHERE table_schema IN ('a', 'b') AND table_schema = 'b'`, ['b'], null],
    // Both references narrow: their union.
    [`${FROM} WHERE table_schema = 'a' UNION ALL ${FROM} WHERE table_schema = 'b'`, ['a', 'b'], null],
  ])('%s narrows to schemas %j, tables %j', (sql, schemas, tables) => {
    expect(scopeOf(sql)).toEqual({ schemas, tables });
  });

  it.each([
    [`${FROM}`],
    [`${FROM} WHERE table_schema = 'a' OR table_name = 'x'`],
    [`${FROM} WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`],
    [`${FROM} WHERE table_schema <> 'a'`],
    [`${FROM} WHERE upper(table_schema) = 'A'`],
    [`${FROM} WHERE table_schema = 'a' || 'b'`],
    // A qualifier that is not the view's: some other relation's column.
    [`${FROM} c WHERE d.table_schema = 'a'`],
    // In a join the filter may come from the other side, or the view's rows may be kept unmatched.
    [`SELECT * FROM information_schema.columns c JOIN information_schema.tables t ON c.table_name = t.table_name WHERE c.table_schema = 'a'`],
    // One reference narrows, another does not: everything.
    [`${FROM} WHERE table_schema = 'a' UNION ALL ${FROM}`],
    [`SELECT * FROM nation WHERE n_name IN (${FROM} WHERE table_schema = 'a') OR EXISTS (${FROM})`],
  ])('%s does not narrow', (sql) => {
    expect(scopeOf(sql)).toEqual({ schemas: null, tables: null });
  });
});
