/**
 * Writing the TPC-H tables as Parquet: `<out>/<schema>/<table>/part-NNNNN.parquet`.
 *
 * The work is planned as independent file tasks (table, unit range, URI); each file is generated
 * and encoded batch by batch and stored with one `put`. A task depends only on its description,
 * so tasks can run in any order or on different workers and still give byte-identical files.
 */
import { ConfigError } from '../../errors.ts';
import { DEFAULT_ROW_GROUP_SIZE, PARQUET_CODECS, writeParquet, type ParquetCodec } from '../../formats/parquet/writer.ts';
import { joinUri, parseUri, type ObjectStore } from '../../storage/objectStore.ts';
import { customer } from './customer.ts';
import { lineitem } from './lineitem.ts';
import { nation } from './nation.ts';
import { orders } from './orders.ts';
import { part } from './part.ts';
import { partsupp } from './partsupp.ts';
import { region } from './region.ts';
import { TPCH_TABLES, checkScaleFactor, isTpchTable, type TpchTable } from './scale.ts';
import { supplier } from './supplier.ts';
import type { TableGenerator } from './table.ts';

export interface TpchOptions {
  readonly sf: number;
  /** Base URI (`file:///abs/dir` or `s3://bucket/prefix`); the store passed in must serve it. */
  readonly out: string;
  readonly codec: ParquetCodec;
  /** Rows per row group; default 122,880. */
  readonly rowGroupSize?: number;
  /** Split each large table into up to this many files (never below one row group each); default 1. */
  readonly filesPerTable?: number;
  /** Subset of tables; default all eight. */
  readonly tables?: readonly string[];
  /** Schema directory under `out`; default 'tpch'. */
  readonly schema?: string;
}

export interface TpchTableResult {
  readonly table: TpchTable;
  /** URIs of the files written, in order. */
  readonly files: string[];
  readonly rows: number;
}

/** One file to write: rows of units [start, end) of a table. */
export interface TpchFileTask {
  readonly table: TpchTable;
  readonly uri: string;
  readonly start: number;
  readonly end: number;
}

export type ProgressListener = (table: string, rows: number) => void;

const GENERATORS: Record<TpchTable, TableGenerator> = { region, nation, supplier, customer, part, partsupp, orders, lineitem };

export function tableGenerator(table: TpchTable): TableGenerator {
  return GENERATORS[table];
}

function positiveInteger(name: string, v: number | undefined, fallback: number): number {
  const value = v ?? fallback;
  if (!Number.isInteger(value) || value < 1) throw new ConfigError('INVALID_ARGUMENTS', `${name} must be a positive integer, got ${v}`);
  return value;
}

function selectedTables(tables: readonly string[] | undefined): TpchTable[] {
  if (!tables) return [...TPCH_TABLES];
  for (const t of tables) {
    if (!isTpchTable(t)) throw new ConfigError('INVALID_ARGUMENTS', `unknown TPC-H table '${t}' (expected one of ${TPCH_TABLES.join(', ')})`);
  }
  return TPCH_TABLES.filter((t) => tables.includes(t));
}

function checkOutUri(out: string): void {
  try {
    parseUri(out);
  } catch (err) {
    throw new ConfigError('INVALID_ARGUMENTS', `out must be a file:// or s3:// URI, got '${out}'`, undefined, { cause: err });
  }
}

/** The files `generateTpch` writes for these options, table by table. */
export function planTpchFiles(opts: TpchOptions): TpchFileTask[] {
  checkScaleFactor(opts.sf);
  if (!PARQUET_CODECS.includes(opts.codec)) {
    throw new ConfigError('INVALID_ARGUMENTS', `codec must be one of ${PARQUET_CODECS.join(', ')}, got '${opts.codec}'`);
  }
  checkOutUri(opts.out);
  if (opts.schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(opts.schema)) {
    throw new ConfigError('INVALID_ARGUMENTS', `schema must be a plain identifier, got '${opts.schema}'`);
  }
  const rowGroupSize = positiveInteger('rowGroupSize', opts.rowGroupSize, DEFAULT_ROW_GROUP_SIZE);
  const filesPerTable = positiveInteger('filesPerTable', opts.filesPerTable, 1);
  const tasks: TpchFileTask[] = [];
  for (const table of selectedTables(opts.tables)) {
    const gen = GENERATORS[table];
    const units = gen.units(opts.sf);
    const files = Math.min(filesPerTable, Math.max(1, Math.ceil((units * gen.rowsPerUnit) / rowGroupSize)));
    for (let f = 0; f < files; f++) {
      tasks.push({
        table,
        uri: joinUri(opts.out, opts.schema ?? 'tpch', table, `part-${String(f).padStart(5, '0')}.parquet`),
        start: Math.floor((units * f) / files),
        end: Math.floor((units * (f + 1)) / files),
      });
    }
  }
  return tasks;
}

/** Generate and store one file; returns its row count. */
export async function writeTpchFile(
  task: TpchFileTask,
  opts: Pick<TpchOptions, 'sf' | 'codec' | 'rowGroupSize'>,
  store: ObjectStore,
  onBatch?: (rows: number) => void,
): Promise<number> {
  const gen = GENERATORS[task.table];
  const rowGroupSize = opts.rowGroupSize ?? DEFAULT_ROW_GROUP_SIZE;
  let rows = 0;
  function* counted() {
    for (const batch of gen.batches(opts.sf, task.start, task.end, rowGroupSize)) {
      rows += batch.numRows;
      onBatch?.(batch.numRows);
      yield batch;
    }
  }
  const bytes = await writeParquet(counted(), { codec: opts.codec, rowGroupSize, statistics: 'page', plainColumns: gen.plainColumns });
  await store.put(task.uri, bytes);
  return rows;
}

/**
 * Generate TPC-H at scale factor `sf` as Parquet. Each selected table's directory is emptied
 * first, so files left by an earlier run with more files per table cannot linger.
 */
export async function generateTpch(opts: TpchOptions, store: ObjectStore, onProgress?: ProgressListener): Promise<TpchTableResult[]> {
  const tasks = planTpchFiles(opts);
  if (parseUri(opts.out).scheme !== store.scheme) {
    throw new ConfigError('INVALID_ARGUMENTS', `output ${opts.out} is not served by the ${store.scheme} store`);
  }
  const results: TpchTableResult[] = [];
  for (const table of selectedTables(opts.tables)) {
    await store.deletePrefix(`${joinUri(opts.out, opts.schema ?? 'tpch', table)}/`);
    const files: string[] = [];
    let rows = 0;
    for (const task of tasks.filter((t) => t.table === table)) {
      await writeTpchFile(task, opts, store, (n) => {
        rows += n;
        onProgress?.(table, rows);
      });
      files.push(task.uri);
    }
    results.push({ table, files, rows });
  }
  return results;
}
