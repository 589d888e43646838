/**
 * The plan step: SQL → distributed plan + fragments, written to the query's scratch prefix.
 * Only ids travel on through the state machine.
 */
import { Catalogs } from '../../catalog/catalogs.ts';
import { cutFragments, type Fragment } from '../../catalog/fragments.ts';
import type { ResolvedTable } from '../../catalog/parquetCatalog.ts';
import { mapLimited } from '../../util/mapLimited.ts';
import { pruneFiles } from '../../catalog/prune.ts';
import type { SquallConfig } from '../../config/config.ts';
import { BindError, SquallError } from '../../errors.ts';
import { evaluateConstant } from '../../exec/evaluate.ts';
import { qualifyTableName, tableNamesIn, type Metadata, type TableSchema } from '../../plan/binder/metadata.ts';
import { bindQuery } from '../../plan/binder/queryBinder.ts';
import { distribute, type DistributedPlan } from '../../plan/distribute.ts';
import { formatDistributedPlan } from '../../plan/explain.ts';
import type { LogicalPlan, TableRef } from '../../plan/logical.ts';
import { optimize } from '../../plan/optimizer/optimizer.ts';
import type { Statement } from '../../sql/ast.ts';
import { parseStatement } from '../../sql/parser.ts';
import { storeFor } from '../../storage/stores.ts';
import { formatType, VARCHAR } from '../../types/sqlType.ts';
import { stringifyTagged } from '../../types/taggedJson.ts';
import { encodeUtf8 } from '../../types/vector.ts';
import type { MergeLevel, PlanningStats, PlanOutput, QueryInput, QueryPlan } from './messages.ts';
import { fragmentChunkUri, planUri } from './scratch.ts';
import { emptyWork } from './workStats.ts';

export const DEFAULTS = {
  fragmentTargetBytes: 64 * 1024 * 1024,
  minFragmentBytes: 4 * 1024 * 1024,
  mergeFanIn: 16,
  maxFragments: 10_000,
  fragmentsPerChunk: 256,
};

const NO_PLANNING: PlanningStats = {
  planMs: 0,
  filesTotal: 0,
  filesPruned: 0,
  partitionsPruned: 0,
  rowGroupsTotal: 0,
  rowGroupsPruned: 0,
  bytesNeeded: 0,
  footerBytes: 0,
};

export interface PlannedQuery {
  readonly plan: QueryPlan;
  readonly fragments: Fragment[];
}

/** Plan without writing anything (EXPLAIN from the CLI uses this too). */
export async function buildPlan(input: QueryInput): Promise<PlannedQuery> {
  const started = performance.now();
  const stmt = parseStatement(input.sql);
  const catalogs = new Catalogs(input.config as SquallConfig);
  const inner = stmt.kind === 'Explain' ? stmt.statement : stmt;
  let distributed: DistributedPlan;
  let table: ResolvedTable | null = null;
  if (inner.kind === 'Show') distributed = distribute(await showPlan(inner, catalogs, input));
  else if (inner.kind === 'Explain') throw new BindError('NOT_SUPPORTED', 'Nested EXPLAIN is not supported', inner.span);
  else {
    const tables = await resolveTables(inner, catalogs, input);
    const metadata: Metadata = {
      defaultCatalog: input.session.catalog,
      defaultSchema: input.session.schema,
      table: (ref, span) => {
        const r = tables.get(refKey(ref));
        if (r === undefined) throw new BindError('TABLE_NOT_FOUND', `Table '${refKey(ref)}' does not exist`, span);
        if (r instanceof SquallError) throw new SquallError(r.code, r.message, span);
        return r.schema;
      },
    };
    const logical = bindQuery(inner.query, metadata);
    const optimized = optimize(logical, { evaluateConstant });
    distributed = distribute(optimized);
    if (distributed.scan !== null) {
      const found = tables.get(refKey(distributed.scan.table));
      if (found === undefined || found instanceof SquallError) throw new BindError('TABLE_NOT_FOUND', `Table '${refKey(distributed.scan.table)}' does not exist`);
      table = found.table;
    }
  }

  let fragments: Fragment[] = [];
  let planning: PlanningStats = NO_PLANNING;
  const planner = input.config.planner ?? {};
  const scan = distributed.scan;
  if (scan !== null && table !== null) {
    const partitionNames = table.columns.filter((c) => c.partition).map((c) => c.name);
    const pruned = pruneFiles(table.files, scan.filter, { columns: scan.columns, partitionNames, evaluateConstant });
    const cut = cutFragments(pruned.files, {
      columns: scan.columns.filter((c) => !c.partition).map((c) => c.name),
      maxFragmentBytes: planner.fragmentTargetBytes ?? DEFAULTS.fragmentTargetBytes,
      minFragmentBytes: Math.min(DEFAULTS.minFragmentBytes, planner.fragmentTargetBytes ?? DEFAULTS.minFragmentBytes),
      parallelism: input.parallelism,
      maxFragments: planner.maxFragments ?? DEFAULTS.maxFragments,
    });
    fragments = cut.fragments;
    planning = {
      planMs: 0,
      filesTotal: table.files.length,
      filesPruned: pruned.filesPruned,
      partitionsPruned: pruned.partitionsPruned,
      rowGroupsTotal: pruned.rowGroupsTotal,
      rowGroupsPruned: pruned.rowGroupsPruned,
      bytesNeeded: cut.bytesNeeded,
      footerBytes: pruned.files.reduce((s, f) => s + f.file.footer.footerLength, 0),
    };
  }
  const fanIn = planner.mergeFanIn ?? DEFAULTS.mergeFanIn;
  const explain =
    stmt.kind === 'Explain'
      ? formatDistributedPlan(distributed, {
          fragments: fragments.length,
          files: planning.filesTotal,
          filesPruned: planning.filesPruned,
          rowGroups: planning.rowGroupsTotal,
          rowGroupsPruned: planning.rowGroupsPruned,
          partitionsPruned: planning.partitionsPruned,
          bytesNeeded: planning.bytesNeeded,
          mergeLevels: mergeLevels(fragments.length, fanIn).length,
          fanIn,
        })
      : undefined;
  if (stmt.kind === 'Explain' && !stmt.analyze) {
    // EXPLAIN's answer is the plan text: a query over literal rows, no scan.
    distributed = distribute(valuesPlan(['Query Plan'], [[explain!]]));
    fragments = [];
  }
  const tableS3 = scan === null ? undefined : catalogConfig(input, scan.table.catalog)?.s3;
  const partitionColumns = table?.columns.filter((c) => c.partition).map((c) => c.name) ?? [];
  const plan: QueryPlan = {
    version: 1,
    queryId: input.queryId,
    plan: distributed,
    ...(tableS3 ? { tableS3 } : {}),
    partitionColumns,
    fragmentCount: fragments.length,
    mergeGroups: mergeLevels(fragments.length, fanIn).map((l) => l.groups.length),
    fragmentsPerChunk: DEFAULTS.fragmentsPerChunk,
    planning: { ...planning, planMs: performance.now() - started },
    work: emptyWork(),
    ...(explain !== undefined ? { explain } : {}),
  };
  return { plan, fragments };
}

/** The plan step: build the plan, write plan.json and the fragment chunks, return ids. */
export async function planQuery(input: QueryInput): Promise<{ output: PlanOutput; plan: QueryPlan }> {
  const { plan, fragments } = await buildPlan(input);
  const scratch = storeFor(input.scratch, input.scratchS3 ?? undefined);
  const chunks: Fragment[][] = [];
  for (let i = 0; i < fragments.length; i += plan.fragmentsPerChunk) chunks.push(fragments.slice(i, i + plan.fragmentsPerChunk));
  await mapLimited(chunks, 16, (chunk, i) => scratch.put(fragmentChunkUri(input.scratch, input.queryId, i), encodeUtf8(stringifyTagged(chunk))));
  const fanIn = input.config.planner?.mergeFanIn ?? DEFAULTS.mergeFanIn;
  const levels = mergeLevels(fragments.length, fanIn);
  const output: PlanOutput = {
    queryId: input.queryId,
    scratch: input.scratch,
    scratchS3: input.scratchS3,
    fragments: fragments.map((f) => f.id),
    fanIn,
    levels,
    levelCount: levels.length,
    levelIndex: 0,
    finalInputs: levels.length === 0 ? fragments.length : levels[levels.length - 1]!.groups.length,
  };
  return { output, plan };
}

/** Write plan.json (after the caller has filled in the planner's own work figures). */
export async function writePlan(input: QueryInput, plan: QueryPlan): Promise<void> {
  await storeFor(input.scratch, input.scratchS3 ?? undefined).put(planUri(input.scratch, input.queryId), encodeUtf8(stringifyTagged(plan)));
}

/** Merge levels until at most fanIn partials remain for the final fragment. */
export function mergeLevels(partials: number, fanIn: number): MergeLevel[] {
  const levels: MergeLevel[] = [];
  let count = partials;
  while (count > fanIn) {
    const groups = Math.ceil(count / fanIn);
    levels.push({ inputs: count, groups: Array.from({ length: groups }, (_x, i) => i) });
    count = groups;
  }
  return levels;
}

function catalogConfig(input: QueryInput, name: string): QueryInput['config']['catalogs'][string] | undefined {
  const key = Object.keys(input.config.catalogs).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : input.config.catalogs[key];
}

function refKey(ref: TableRef): string {
  return `${ref.catalog}.${ref.schema}.${ref.table}`;
}

interface Resolved {
  readonly schema: TableSchema;
  readonly table: ResolvedTable;
}

/** Resolve every table the statement names, keeping failures to raise only if the binder asks. */
async function resolveTables(stmt: Statement, catalogs: Catalogs, input: QueryInput): Promise<Map<string, Resolved | SquallError>> {
  const out = new Map<string, Resolved | SquallError>();
  const defaults = { defaultCatalog: input.session.catalog, defaultSchema: input.session.schema };
  const refs = new Map<string, TableRef>();
  for (const name of tableNamesIn(stmt)) {
    try {
      const ref = qualifyTableName(name.parts.map((p) => p.value), defaults, name.span);
      refs.set(refKey(ref), ref);
    } catch {
      // The binder reports unqualifiable names (or they are WITH queries).
    }
  }
  await Promise.all(
    [...refs].map(async ([key, ref]) => {
      try {
        const table = await catalogs.resolveTable(ref);
        out.set(key, { schema: { ref, columns: table.columns }, table });
      } catch (err) {
        if (!(err instanceof SquallError)) throw err;
        out.set(key, err);
      }
    }),
  );
  return out;
}

function valuesPlan(columns: readonly string[], rows: readonly (readonly string[])[]): LogicalPlan {
  return { kind: 'Values', rows, output: columns.map((name) => ({ name, type: VARCHAR })) };
}

async function showPlan(stmt: Extract<Statement, { kind: 'Show' }>, catalogs: Catalogs, input: QueryInput): Promise<LogicalPlan> {
  const parts = stmt.target?.parts.map((p) => p.value.toLowerCase()) ?? [];
  switch (stmt.what) {
    case 'CATALOGS':
      return valuesPlan(['Catalog'], catalogs.names().map((n) => [n]));
    case 'SCHEMAS': {
      const catalog = parts[0] ?? input.session.catalog;
      if (catalog === null) throw new BindError('CATALOG_NOT_FOUND', 'Catalog must be specified when session catalog is not set', stmt.span);
      return valuesPlan(['Schema'], (await catalogs.get(catalog).listSchemas()).map((n) => [n]));
    }
    case 'TABLES': {
      const schema = parts[parts.length - 1] ?? input.session.schema;
      const catalog = parts.length === 2 ? parts[0]! : input.session.catalog;
      if (catalog === null || schema === null) throw new BindError('SCHEMA_NOT_FOUND', 'Schema must be specified when session schema is not set', stmt.span);
      return valuesPlan(['Table'], (await catalogs.get(catalog).listTables(schema)).map((n) => [n]));
    }
    case 'COLUMNS': {
      const ref = qualifyTableName(stmt.target?.parts.map((p) => p.value) ?? [], {
        defaultCatalog: input.session.catalog,
        defaultSchema: input.session.schema,
      }, stmt.span);
      const table = await catalogs.resolveTable(ref);
      return valuesPlan(
        ['Column', 'Type', 'Extra', 'Comment'],
        table.columns.map((c) => [c.name, formatType(c.type), c.partition ? 'partition key' : '', '']),
      );
    }
    default: {
      const never: never = stmt.what;
      throw new Error(`unexpected SHOW ${String(never)}`);
    }
  }
}
