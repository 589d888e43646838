/**
 * The plan step: SQL → distributed plan + fragments, written to the query's scratch prefix.
 * Only ids travel on through the state machine.
 */
import { Catalogs } from '../../catalog/catalogs.ts';
import { cutFragments, type Fragment } from '../../catalog/fragments.ts';
import { INFORMATION_SCHEMA, informationSchemaTable, informationSchemaTableNames, schemaNames } from '../../catalog/informationSchema.ts';
import { informationSchemaScope } from '../../plan/binder/informationSchemaScope.ts';
import type { ResolvedTable } from '../../catalog/parquetCatalog.ts';
import { mapLimited } from '../../util/mapLimited.ts';
import { pruneFiles } from '../../catalog/prune.ts';
import type { SquallConfig } from '../../config/config.ts';
import { BindError, InternalError, SquallError } from '../../errors.ts';
import { evaluateConstant } from '../../exec/evaluate.ts';
import { OPERATOR_MEMORY_SHARE } from '../../exec/memory.ts';
import { qualifyTableName, tableNamesIn, type Metadata, type TableSchema } from '../../plan/binder/metadata.ts';
import { bindQuery } from '../../plan/binder/queryBinder.ts';
import { estimate, rowWidth, type ScanStatistics } from '../../plan/estimate.ts';
import { formatStagedPlan } from '../../plan/explain.ts';
import { exprKey, literal } from '../../plan/expr.ts';
import type { LogicalPlan, TableRef, TableScanNode } from '../../plan/logical.ts';
import { optimize } from '../../plan/optimizer/optimizer.ts';
import { reorderJoins } from '../../plan/optimizer/reorderJoins.ts';
import { narrowOutputs } from '../../plan/optimizer/pruneColumns.ts';
import { reduceSemiJoinBuilds } from '../../plan/optimizer/reduceSemiJoinBuilds.ts';
import { stagePlan, withoutExchanges } from '../../plan/stages.ts';
import type { Statement } from '../../sql/ast.ts';
import { parseStatement } from '../../sql/parser.ts';
import { storeFor } from '../../storage/stores.ts';
import { formatType, VARCHAR } from '../../types/sqlType.ts';
import { stringifyTagged } from '../../types/taggedJson.ts';
import { encodeUtf8 } from '../../types/vector.ts';
import { DEFAULT_ESTIMATE_MODEL, estimateCost, type PlannerWork, type PlanShape } from '../accounting/costEstimator.ts';
import { checkEstimate } from '../accounting/costLimits.ts';
import { planShape } from '../accounting/planShape.ts';
import type { PlanningStats, PlanOutput, QueryInput, QueryPlan, ScanTable } from './messages.ts';
import { fragmentChunkUri, planUri } from './scratch.ts';
import { emptyWork } from './workStats.ts';

export const DEFAULTS = {
  fragmentTargetBytes: 64 * 1024 * 1024,
  minFragmentBytes: 4 * 1024 * 1024,
  mergeFanIn: 16,
  maxFragments: 10_000,
  fragmentsPerChunk: 256,
  broadcastMaxBytes: 64 * 1024 * 1024,
  gatherMaxBytes: 256 * 1024 * 1024,
  partitionBytes: 128 * 1024 * 1024,
  maxPartitions: 1000,
};

/**
 * A planned build side or aggregation state may take this share of a task's operator memory:
 * estimates are rough (fixed selectivities, strings guessed at 32 bytes), and the probe side's
 * batches and the task's output need room too.
 */
const PLANNED_HELD_SHARE = 0.5;

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
  /** Per entry of plan.plan.scans. */
  readonly fragments: Fragment[][];
  /** What the plan's cost depends on (the cost estimate). */
  readonly shape: PlanShape;
}

interface ScanCut {
  readonly table: ResolvedTable;
  readonly fragments: Fragment[];
  readonly planning: PlanningStats;
}

/** Pruning and fragment cutting per table scan, memoized: join ordering and staging both ask. */
class ScanCutter {
  private readonly cuts = new Map<string, ScanCut>();

  constructor(
    private readonly tables: Map<string, Resolved | SquallError>,
    private readonly input: QueryInput,
  ) {}

  cut(scan: TableScanNode): ScanCut {
    const key = `${refKey(scan.table)}|${scan.columns.map((c) => c.name).join(',')}|${scan.filter === null ? '' : exprKey(scan.filter)}`;
    let found = this.cuts.get(key);
    if (found !== undefined) return found;
    const resolved = this.tables.get(refKey(scan.table));
    if (resolved === undefined || resolved instanceof SquallError) throw new BindError('TABLE_NOT_FOUND', `Table '${refKey(scan.table)}' does not exist`);
    const table = resolved.table;
    if (table === null) throw new InternalError(`table '${refKey(scan.table)}' has no files to scan`);
    const planner = this.input.config.planner ?? {};
    const partitionNames = table.columns.filter((c) => c.partition).map((c) => c.name);
    const pruned = pruneFiles(table.files, scan.filter, { columns: scan.columns, partitionNames, evaluateConstant });
    const cut = cutFragments(pruned.files, {
      columns: scan.columns.filter((c) => !c.partition).map((c) => c.name),
      maxFragmentBytes: planner.fragmentTargetBytes ?? DEFAULTS.fragmentTargetBytes,
      minFragmentBytes: Math.min(DEFAULTS.minFragmentBytes, planner.fragmentTargetBytes ?? DEFAULTS.minFragmentBytes),
      parallelism: this.input.parallelism,
      maxFragments: planner.maxFragments ?? DEFAULTS.maxFragments,
    });
    found = {
      table,
      fragments: cut.fragments,
      planning: {
        planMs: 0,
        filesTotal: table.files.length,
        filesPruned: pruned.filesPruned,
        partitionsPruned: pruned.partitionsPruned,
        rowGroupsTotal: pruned.rowGroupsTotal,
        rowGroupsPruned: pruned.rowGroupsPruned,
        bytesNeeded: cut.bytesNeeded,
        footerBytes: pruned.files.reduce((s, f) => s + f.file.footer.footerLength, 0),
      },
    };
    this.cuts.set(key, found);
    return found;
  }

  statistics(scan: TableScanNode): ScanStatistics {
    const cut = this.cut(scan);
    return { rows: cut.fragments.reduce((s, f) => s + f.rows, 0), rowBytes: rowWidth(scan.columns.map((c) => c.type)) };
  }
}

/** Plan without writing anything (EXPLAIN from the CLI uses this too). */
export async function buildPlan(input: QueryInput): Promise<PlannedQuery> {
  const started = performance.now();
  const stmt = parseStatement(input.sql);
  const catalogs = new Catalogs(input.config as SquallConfig);
  const inner = stmt.kind === 'Explain' ? stmt.statement : stmt;
  const planner = input.config.planner ?? {};
  const fanIn = planner.mergeFanIn ?? DEFAULTS.mergeFanIn;
  let logical: LogicalPlan;
  let cutter: ScanCutter | null = null;
  if (inner.kind === 'Show') logical = await showPlan(inner, catalogs, input);
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
    cutter = new ScanCutter(tables, input);
    const stats = (scan: TableScanNode): ScanStatistics => cutter!.statistics(scan);
    const bound = bindQuery(inner.query, metadata);
    const optimized = optimize(bound, { evaluateConstant });
    // Join order needs the pushed filters (for pruning and estimates); then optimize again.
    logical = narrowOutputs(optimize(reduceSemiJoinBuilds(reorderJoins(optimized, stats), stats), { evaluateConstant }));
  }
  const stats = (scan: TableScanNode): ScanStatistics | null => cutter?.statistics(scan) ?? null;
  let staged = stagePlan(logical, {
    stats,
    fragmentsOf: (scan) => cutter?.cut(scan).fragments.length ?? 0,
    broadcastMaxBytes: planner.broadcastMaxBytes ?? DEFAULTS.broadcastMaxBytes,
    gatherMaxBytes: planner.gatherMaxBytes ?? DEFAULTS.gatherMaxBytes,
    partitionBytes: DEFAULTS.partitionBytes,
    buildBytesPerTask: input.taskMemoryMb * 1024 * 1024 * OPERATOR_MEMORY_SHARE * PLANNED_HELD_SHARE,
    minPartitions: Math.max(2, 2 * input.parallelism),
    maxPartitions: DEFAULTS.maxPartitions,
    fanIn,
  });
  const cuts = staged.scans.map((scan) => cutter!.cut(scan));
  let fragments = cuts.map((c) => c.fragments);
  const planning = cuts.reduce<PlanningStats>((acc, c) => addPlanning(acc, c.planning), NO_PLANNING);
  let scanTables: ScanTable[] = staged.scans.map((scan, i) => {
    const tableS3 = catalogConfig(input, scan.table.catalog)?.s3;
    return {
      ...(tableS3 ? { tableS3 } : {}),
      partitionColumns: cuts[i]!.table.columns.filter((c) => c.partition).map((c) => c.name),
      fragmentCount: fragments[i]!.length,
    };
  });
  const explain =
    stmt.kind === 'Explain'
      ? formatStagedPlan(staged, {
          estimatedRows: (p) => estimate(withoutExchanges(p, staged.stages), stats).rows,
          scans: cuts.map(
            (c) =>
              `files: ${c.planning.filesTotal} (${c.planning.filesPruned} pruned, ${c.planning.partitionsPruned} partitions pruned), row groups: ${c.planning.rowGroupsTotal} (${c.planning.rowGroupsPruned} pruned), column chunk bytes: ${c.planning.bytesNeeded}`,
          ),
        })
      : undefined;
  if (stmt.kind === 'Explain' && !stmt.analyze) {
    // EXPLAIN's answer is the plan text: a query over literal rows, no scan.
    staged = stagePlan(valuesPlan(['Query Plan'], [[explain!]]), { ...NO_STAGING, fanIn });
    fragments = [];
    scanTables = [];
  }
  const plan: QueryPlan = {
    version: 2,
    queryId: input.queryId,
    plan: staged,
    scanTables,
    fragmentsPerChunk: DEFAULTS.fragmentsPerChunk,
    planning: { ...planning, planMs: performance.now() - started },
    work: emptyWork(),
    ...(explain !== undefined ? { explain } : {}),
    ...(stmt.kind === 'Explain' && stmt.analyze ? { analyze: true } : {}),
    ...(input.resultPages ? { resultPages: input.resultPages } : {}),
  };
  return { plan, fragments, shape: planShape(staged, fragments, stats) };
}

const NO_STAGING = {
  stats: () => null,
  fragmentsOf: () => 0,
  broadcastMaxBytes: 0,
  gatherMaxBytes: 0,
  partitionBytes: 1,
  buildBytesPerTask: 1,
  minPartitions: 1,
  maxPartitions: 1,
};

function addPlanning(a: PlanningStats, b: PlanningStats): PlanningStats {
  return {
    planMs: 0,
    filesTotal: a.filesTotal + b.filesTotal,
    filesPruned: a.filesPruned + b.filesPruned,
    partitionsPruned: a.partitionsPruned + b.partitionsPruned,
    rowGroupsTotal: a.rowGroupsTotal + b.rowGroupsTotal,
    rowGroupsPruned: a.rowGroupsPruned + b.rowGroupsPruned,
    bytesNeeded: a.bytesNeeded + b.bytesNeeded,
    footerBytes: a.footerBytes + b.footerBytes,
  };
}

/**
 * The plan step: build the plan, estimate its cost and refuse it if the estimate passes one of
 * the query's caps (before anything is written or any task runs), write the fragment chunks,
 * return the stages' task ids. `plannerWork` tells the planner's own usage so far.
 */
export async function planQuery(input: QueryInput, plannerWork?: () => PlannerWork): Promise<{ output: PlanOutput; plan: QueryPlan }> {
  const built = await buildPlan(input);
  const { fragments } = built;
  const own = plannerWork?.() ?? { durationMs: built.plan.planning.planMs, memoryMb: input.taskMemoryMb, s3Gets: 0, s3PutsAndLists: 0 };
  const estimate = estimateCost(built.shape, own, input.taskMemoryMb, input.cost.architecture, { ...DEFAULT_ESTIMATE_MODEL, ...input.cost.model });
  checkEstimate(estimate.totalUsd, input.cost.caps);
  const plan: QueryPlan = {
    ...built.plan,
    planning: { ...built.plan.planning, estimatedCostUsd: estimate.totalUsd },
    // With a cap, whoever drives the execution watches its cost as tasks end (taskCosts.ts).
    ...(input.cost.caps.length > 0 ? { meterTasks: true as const } : {}),
  };
  const scratch = storeFor(input.scratch, input.scratchS3 ?? undefined);
  const chunks: { scan: number; index: number; fragments: Fragment[] }[] = [];
  fragments.forEach((list, scan) => {
    for (let i = 0; i < list.length; i += plan.fragmentsPerChunk) chunks.push({ scan, index: i / plan.fragmentsPerChunk, fragments: list.slice(i, i + plan.fragmentsPerChunk) });
  });
  await mapLimited(chunks, 16, (c) => scratch.put(fragmentChunkUri(input.scratch, input.queryId, c.scan, c.index), encodeUtf8(stringifyTagged(c.fragments))));
  const stages = plan.plan.stages.map((s) => ({ stage: s.id, tasks: Array.from({ length: s.tasks }, (_x, i) => i) }));
  const output: PlanOutput = {
    queryId: input.queryId,
    scratch: input.scratch,
    scratchS3: input.scratchS3,
    stages,
    stageCount: stages.length,
    stageIndex: 0,
  };
  return { output, plan };
}

/** Write plan.json (after the caller has filled in the planner's own work figures). */
export async function writePlan(input: QueryInput, plan: QueryPlan): Promise<void> {
  await storeFor(input.scratch, input.scratchS3 ?? undefined).put(planUri(input.scratch, input.queryId), encodeUtf8(stringifyTagged(plan)));
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
  /** The lake table; null for information_schema's, which are rows in the plan, never scanned. */
  readonly table: ResolvedTable | null;
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
        if (ref.schema === INFORMATION_SCHEMA) {
          const scope = informationSchemaScope(stmt, (name) => {
            try {
              return refKey(qualifyTableName(name.parts.map((p) => p.value), defaults, name.span)) === key;
            } catch {
              return false;
            }
          });
          const virtual = await informationSchemaTable(catalogs, ref, scope);
          out.set(key, { schema: { ref, columns: virtual.columns, rows: virtual.rows }, table: null });
          return;
        }
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
  return { kind: 'Values', rows: rows.map((r) => r.map((v) => literal(v, VARCHAR))), output: columns.map((name) => ({ name, type: VARCHAR })) };
}

async function showPlan(stmt: Extract<Statement, { kind: 'Show' }>, catalogs: Catalogs, input: QueryInput): Promise<LogicalPlan> {
  const parts = stmt.target?.parts.map((p) => p.value.toLowerCase()) ?? [];
  switch (stmt.what) {
    case 'CATALOGS':
      return valuesPlan(['Catalog'], catalogs.names().map((n) => [n]));
    case 'SCHEMAS': {
      const catalog = parts[0] ?? input.session.catalog;
      if (catalog === null) throw new BindError('CATALOG_NOT_FOUND', 'Catalog must be specified when session catalog is not set', stmt.span);
      return valuesPlan(['Schema'], (await schemaNames(catalogs, catalog)).map((n) => [n]));
    }
    case 'TABLES': {
      const schema = parts[parts.length - 1] ?? input.session.schema;
      const catalog = parts.length === 2 ? parts[0]! : input.session.catalog;
      if (catalog === null || schema === null) throw new BindError('SCHEMA_NOT_FOUND', 'Schema must be specified when session schema is not set', stmt.span);
      const names = schema === INFORMATION_SCHEMA ? informationSchemaTableNames() : await catalogs.get(catalog).listTables(schema);
      return valuesPlan(['Table'], names.map((n) => [n]));
    }
    case 'COLUMNS': {
      const ref = qualifyTableName(stmt.target?.parts.map((p) => p.value) ?? [], {
        defaultCatalog: input.session.catalog,
        defaultSchema: input.session.schema,
      }, stmt.span);
      const table = ref.schema === INFORMATION_SCHEMA ? await informationSchemaTable(catalogs, ref) : await catalogs.resolveTable(ref);
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
