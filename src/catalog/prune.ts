/**
 * Pruning at planning time. Files are dropped when a predicate on partition columns is false
 * for their partition values; row groups are dropped when min/max/null-count statistics prove
 * a conjunct false for every row. Unknown statistics never prune (always safe).
 */
import { rowGroupStatistics, type ColumnStatistics } from '../formats/parquet/statistics.ts';
import { SquallError } from '../errors.ts';
import { compareValues } from '../exec/sort.ts';
import { conjuncts, literal, mapColumns, referencedColumns, type BoundExpr } from '../plan/expr.ts';
import type { ScanColumn } from '../plan/logical.ts';
import { isNumeric, type SqlType } from '../types/sqlType.ts';
import type { Value } from '../types/value.ts';
import type { DataFile } from './parquetCatalog.ts';

export interface PruneContext {
  readonly columns: readonly ScanColumn[];
  /** Partition column names in table order, to find a file's partition values. */
  readonly partitionNames: readonly string[];
  readonly evaluateConstant: (e: BoundExpr) => Value;
}

export interface PrunedFile {
  readonly file: DataFile;
  readonly rowGroups: readonly number[];
}

export interface PruneResult {
  readonly files: readonly PrunedFile[];
  readonly filesPruned: number;
  readonly partitionsPruned: number;
  readonly rowGroupsTotal: number;
  readonly rowGroupsPruned: number;
}

type Op = '$eq' | '$ne' | '$lt' | '$le' | '$gt' | '$ge';
const FLIP: Record<Op, Op> = { $eq: '$eq', $ne: '$ne', $lt: '$gt', $le: '$ge', $gt: '$lt', $ge: '$le' };

/** A conjunct usable against statistics: `f(column) op value`, `column IS [NOT] NULL`, `column IN (…)`. */
type RangeTest =
  | { kind: 'compare'; column: number; cast: SqlType | null; op: Op; value: Value }
  | { kind: 'in'; column: number; cast: SqlType | null; values: Value[] }
  | { kind: 'null'; column: number; isNull: boolean };

export function pruneFiles(files: readonly DataFile[], filter: BoundExpr | null, ctx: PruneContext): PruneResult {
  const terms = filter === null ? [] : conjuncts(filter);
  const partitionIndex = new Map(ctx.columns.map((c, i) => [i, c.partition ? ctx.partitionNames.indexOf(c.name) : -1]));
  const partitionTerms = terms.filter((t) => {
    const refs = referencedColumns(t);
    return refs.size > 0 && [...refs].every((i) => (partitionIndex.get(i) ?? -1) >= 0);
  });
  const tests = terms.map(rangeTest).filter((t): t is RangeTest => t !== null && !ctx.columns[t.column]!.partition);

  const kept: PrunedFile[] = [];
  const prunedPartitions = new Set<string>();
  let filesPruned = 0;
  let rowGroupsTotal = 0;
  let rowGroupsPruned = 0;
  for (const file of files) {
    const groups = file.footer.rowGroups.length;
    rowGroupsTotal += groups;
    if (partitionTerms.some((t) => partitionTermFalse(t, file, partitionIndex, ctx))) {
      filesPruned++;
      rowGroupsPruned += groups;
      prunedPartitions.add(JSON.stringify(file.partitionValues, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : v)));
      continue;
    }
    const rowGroups: number[] = [];
    const testedColumns = [...new Set(tests.map((t) => ctx.columns[t.column]!.name))];
    for (let rg = 0; rg < groups; rg++) {
      if (file.footer.rowGroups[rg]!.numRows === 0) {
        rowGroupsPruned++;
        continue;
      }
      if (tests.length > 0) {
        const columnStats = rowGroupStatistics(file.footer, rg, testedColumns);
        const stats = new Map(testedColumns.map((name, i) => [name, columnStats[i]!]));
        if (tests.some((t) => provedFalse(t, stats.get(ctx.columns[t.column]!.name)!, ctx))) {
          rowGroupsPruned++;
          continue;
        }
      }
      rowGroups.push(rg);
    }
    if (rowGroups.length > 0) kept.push({ file, rowGroups });
    else if (groups > 0) filesPruned++;
  }
  return { files: kept, filesPruned, partitionsPruned: prunedPartitions.size, rowGroupsTotal, rowGroupsPruned };
}

function partitionTermFalse(term: BoundExpr, file: DataFile, partitionIndex: ReadonlyMap<number, number>, ctx: PruneContext): boolean {
  const bound = mapColumns(term, (c) => literal(file.partitionValues[partitionIndex.get(c.index)!]!, c.type));
  try {
    const v = ctx.evaluateConstant(bound);
    return v === false || v === null;
  } catch (err) {
    // An error the data causes (division by zero, a bad cast) on this partition is the
    // executor's to raise, if a row reaches it; anything else is a bug, not a reason to scan.
    if (err instanceof SquallError && err.type === 'USER_ERROR') return false;
    throw err;
  }
}

function columnOf(e: BoundExpr): { column: number; cast: SqlType | null } | null {
  if (e.kind === 'column') return { column: e.index, cast: null };
  if (e.kind === 'cast' && !e.safe && e.operand.kind === 'column' && monotonicCast(e.operand.type, e.type)) {
    return { column: e.operand.index, cast: e.type };
  }
  return null;
}

/** Casts that preserve order, so min/max of the cast are the cast of min/max. */
function monotonicCast(from: SqlType, to: SqlType): boolean {
  if (isNumeric(from) && isNumeric(to)) return true;
  return from.kind === 'date' && to.kind === 'timestamp';
}

function rangeTest(t: BoundExpr): RangeTest | null {
  if (t.kind === 'isNull' && t.operand.kind === 'column') return { kind: 'null', column: t.operand.index, isNull: true };
  if (t.kind === 'not' && t.operand.kind === 'isNull' && t.operand.operand.kind === 'column') {
    return { kind: 'null', column: t.operand.operand.index, isNull: false };
  }
  if (t.kind === 'in') {
    const c = columnOf(t.operand);
    if (c === null || !t.list.every((x) => x.kind === 'literal')) return null;
    return { kind: 'in', ...c, values: t.list.map((x) => (x as { value: Value }).value) };
  }
  if (t.kind === 'call' && t.name in FLIP && t.args.length === 2) {
    const [a, b] = t.args as [BoundExpr, BoundExpr];
    const left = columnOf(a);
    if (left !== null && b.kind === 'literal') return { kind: 'compare', ...left, op: t.name as Op, value: b.value };
    const right = columnOf(b);
    if (right !== null && a.kind === 'literal') return { kind: 'compare', ...right, op: FLIP[t.name as Op], value: a.value };
  }
  return null;
}

/** Whether statistics prove the test false (or NULL) for every row of the row group. */
function provedFalse(t: RangeTest, s: ColumnStatistics, ctx: PruneContext): boolean {
  const allNull = s.nullCount !== null && s.nullCount === s.rowCount;
  if (t.kind === 'null') {
    if (t.isNull) return s.nullCount === 0;
    return allNull;
  }
  // A comparison with NULL is never true; neither is any comparison on an all-NULL row group.
  if (allNull) return true;
  if (s.min === null || s.max === null || isNaNValue(s.min) || isNaNValue(s.max)) return false;
  const cast = (v: Value): Value => (t.cast === null ? v : ctx.evaluateConstant({ kind: 'cast', operand: literal(v, ctx.columns[t.column]!.type), type: t.cast, safe: false }));
  let min: Value;
  let max: Value;
  try {
    min = cast(s.min);
    max = cast(s.max);
  } catch {
    return false;
  }
  if (min === null || max === null) return false;
  if (t.kind === 'in') return t.values.every((v) => v === null || compareValues(v, min) < 0 || compareValues(v, max) > 0);
  const v = t.value;
  if (v === null) return true;
  switch (t.op) {
    case '$eq':
      return compareValues(v, min) < 0 || compareValues(v, max) > 0;
    case '$ne':
      return compareValues(min, v) === 0 && compareValues(max, v) === 0;
    case '$lt':
      return compareValues(min, v) >= 0;
    case '$le':
      return compareValues(min, v) > 0;
    case '$gt':
      return compareValues(max, v) <= 0;
    case '$ge':
      return compareValues(max, v) < 0;
    default: {
      const never: never = t.op;
      throw new Error(`unexpected operator ${String(never)}`);
    }
  }
}

function isNaNValue(v: Value): boolean {
  return typeof v === 'number' && Number.isNaN(v);
}
