/**
 * `<catalog>.information_schema`: the SQL-standard views of a catalog's schemas, tables and
 * columns that BI tools query to draw their schema browsers (Redash, Superset, Grafana and DBeaver
 * all read `information_schema.columns` or `tables`). Each is computed at planning time into
 * literal rows, so any query over it (filters, joins, ORDER BY) runs through the normal engine.
 */
import { BindError } from '../errors.ts';
import type { ScanColumn, TableRef } from '../plan/logical.ts';
import { BIGINT, formatType, VARCHAR, type SqlType } from '../types/sqlType.ts';
import type { Value } from '../types/value.ts';
import { mapLimited } from '../util/mapLimited.ts';
import type { Catalogs } from './catalogs.ts';
import { ANY_SCOPE, type InformationSchemaScope } from '../plan/binder/informationSchemaScope.ts';

export const INFORMATION_SCHEMA = 'information_schema';

/** Tables described at once (each costs a listing and one footer read). */
const DESCRIBE_CONCURRENCY = 16;

const varchar = (name: string): ScanColumn => ({ name, type: VARCHAR, partition: false });
const column = (name: string, type: SqlType): ScanColumn => ({ name, type, partition: false });

/** Trino's columns of each view, in Trino's order. */
const VIEWS = {
  schemata: [varchar('catalog_name'), varchar('schema_name')],
  tables: [varchar('table_catalog'), varchar('table_schema'), varchar('table_name'), varchar('table_type')],
  columns: [
    varchar('table_catalog'),
    varchar('table_schema'),
    varchar('table_name'),
    varchar('column_name'),
    column('ordinal_position', BIGINT),
    varchar('column_default'),
    varchar('is_nullable'),
    varchar('data_type'),
  ],
  views: [varchar('table_catalog'), varchar('table_schema'), varchar('table_name'), varchar('view_definition')],
} as const satisfies Record<string, readonly ScanColumn[]>;

type ViewName = keyof typeof VIEWS;

export interface VirtualTable {
  readonly columns: readonly ScanColumn[];
  readonly rows: readonly (readonly Value[])[];
}

export function informationSchemaTableNames(): string[] {
  return Object.keys(VIEWS).sort();
}

/** The schemas a catalog shows: its own and information_schema. */
export async function schemaNames(catalogs: Catalogs, catalog: string): Promise<string[]> {
  const own = await catalogs.get(catalog).listSchemas();
  return [...new Set([...own, INFORMATION_SCHEMA])].sort();
}

/**
 * The rows of `ref` (whose schema is information_schema), read from the catalog now; within
 * `scope`, the schemas and tables the query's filter can keep (rows outside it are left out).
 */
export async function informationSchemaTable(catalogs: Catalogs, ref: TableRef, scope: InformationSchemaScope = ANY_SCOPE): Promise<VirtualTable> {
  if (!Object.hasOwn(VIEWS, ref.table)) {
    throw new BindError('TABLE_NOT_FOUND', `Table '${ref.catalog}.${ref.schema}.${ref.table}' does not exist`);
  }
  const view = ref.table as ViewName;
  const catalog = ref.catalog;
  const inScope = (set: ReadonlySet<string> | null, name: string): boolean => set === null || set.has(name);
  // Listing every schema only to keep a few would cost a LIST each: the scope's names are
  // checked against the catalog's instead.
  const schemas = (await schemaNames(catalogs, catalog)).filter((s) => inScope(scope.schemas, s));
  const tables = async (): Promise<[string, string][]> => {
    const out: [string, string][] = [];
    for (const schema of schemas) {
      const names = schema === INFORMATION_SCHEMA ? informationSchemaTableNames() : await catalogs.get(catalog).listTables(schema);
      for (const table of names) if (inScope(scope.tables, table)) out.push([schema, table]);
    }
    return out;
  };
  switch (view) {
    case 'schemata':
      return { columns: VIEWS.schemata, rows: schemas.map((s) => [catalog, s]) };
    case 'tables':
      return { columns: VIEWS.tables, rows: (await tables()).map(([s, t]) => [catalog, s, t, 'BASE TABLE']) };
    case 'views':
      return { columns: VIEWS.views, rows: [] };
    case 'columns': {
      const described = await mapLimited(await tables(), DESCRIBE_CONCURRENCY, async ([schema, table]) => {
        const columns = await describe(catalogs, { catalog, schema, table });
        return columns.map((c, i): Value[] => [catalog, schema, table, c.name, BigInt(i + 1), null, 'YES', formatType(c.type)]);
      });
      return { columns: VIEWS.columns, rows: described.flat() };
    }
    default: {
      const never: never = view;
      throw new Error(`unexpected information_schema view ${String(never)}`);
    }
  }
}

/**
 * A table's columns; none for a table that cannot be read (a corrupt or empty directory), so one
 * broken table does not hide every other from a schema browser (querying it names the problem).
 */
async function describe(catalogs: Catalogs, ref: TableRef): Promise<readonly ScanColumn[]> {
  if (ref.schema === INFORMATION_SCHEMA) return VIEWS[ref.table as ViewName];
  try {
    return await catalogs.get(ref.catalog).describeTable(ref);
  } catch {
    return [];
  }
}
