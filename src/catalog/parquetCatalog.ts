/**
 * The Parquet lake connector: `<location>/<schema>/<table>/**\/*.parquet`. Resolving a table
 * lists its objects, reads every footer (one ranged GET each), unifies the schema and types the
 * hive partitions. Files whose schemas disagree are reported by name.
 */
import type { CatalogConfig } from '../config/config.ts';
import { BindError, DataError } from '../errors.ts';
import { readFooter, type ParquetFooter } from '../formats/parquet/footer.ts';
import type { ScanColumn, TableRef } from '../plan/logical.ts';
import { joinUri, type ObjectInfo, type ObjectStore } from '../storage/objectStore.ts';
import { formatType, typesEqual, type SqlType } from '../types/sqlType.ts';
import type { Value } from '../types/value.ts';
import { mapLimited } from '../util/mapLimited.ts';
import { inferPartitionType, parsePartitionPath, partitionValue } from './hivePartitions.ts';

export interface DataFile {
  readonly uri: string;
  readonly size: number;
  readonly footer: ParquetFooter;
  /** Aligned with the table's partition columns. */
  readonly partitionValues: readonly Value[];
}

export interface ResolvedTable {
  readonly ref: TableRef;
  readonly location: string;
  /** File columns, then partition columns. */
  readonly columns: readonly ScanColumn[];
  readonly files: readonly DataFile[];
}

const FOOTER_CONCURRENCY = 32;
/**
 * First read of each footer. 128 KiB holds the footer of a file with ~100 row groups of a wide
 * table in one GET (SF1 lineitem's is 78 KiB); a larger footer costs a second GET.
 */
const FOOTER_TAIL_BYTES = 128 * 1024;

export class ParquetCatalog {
  constructor(
    readonly name: string,
    private readonly config: CatalogConfig,
    private readonly store: ObjectStore,
  ) {}

  private tableUri(schema: string, table: string): string {
    return joinUri(this.config.location, schema, table) + '/';
  }

  /** The table's data files (listed, not read); a missing table or schema is named. */
  private async dataFiles(ref: TableRef): Promise<{ root: string; objects: ObjectInfo[] }> {
    const root = this.tableUri(ref.schema, ref.table);
    const objects = (await this.store.list(root)).filter((o) => isDataFile(o.uri.slice(root.length)));
    if (objects.length === 0) {
      const schemaObjects = await this.store.list(joinUri(this.config.location, ref.schema) + '/');
      if (schemaObjects.length === 0) throw new BindError('SCHEMA_NOT_FOUND', `Schema '${ref.catalog}.${ref.schema}' does not exist`);
      throw new BindError('TABLE_NOT_FOUND', `Table '${ref.catalog}.${ref.schema}.${ref.table}' does not exist`);
    }
    return { root, objects };
  }

  /**
   * The table's columns from one file's footer and the partition paths: what a schema listing
   * needs, without reading every footer as planning a scan does.
   */
  async describeTable(ref: TableRef): Promise<ScanColumn[]> {
    const { root, objects } = await this.dataFiles(ref);
    const footer = await readFooter(this.store, objects[0]!.uri, objects[0]!.size, { tailBytes: FOOTER_TAIL_BYTES });
    const partitions = objects.map((o) => parsePartitionPath(o.uri.slice(root.length)));
    const keys = partitions[0]!.keys;
    return [
      ...footer.columns.filter((c) => c.unsupported === null).map((c) => ({ name: c.name, type: c.type, partition: false })),
      ...keys.map((k, j) => ({ name: k, type: inferPartitionType(partitions.map((p) => p.values[j] ?? null)), partition: true })),
    ];
  }

  async resolveTable(ref: TableRef): Promise<ResolvedTable> {
    const { root, objects } = await this.dataFiles(ref);
    const name = `${ref.catalog}.${ref.schema}.${ref.table}`;
    const footers = await mapLimited(objects, FOOTER_CONCURRENCY, (o) => readFooter(this.store, o.uri, o.size, { tailBytes: FOOTER_TAIL_BYTES }));
    const partitions = objects.map((o) => parsePartitionPath(o.uri.slice(root.length)));

    const first = footers[0]!;
    const fileColumns = first.columns.filter((c) => c.unsupported === null);
    footers.forEach((f, i) => {
      const cols = f.columns.filter((c) => c.unsupported === null);
      const mismatch = describeMismatch(fileColumns, cols);
      if (mismatch !== null) {
        throw new DataError(
          'SCHEMA_MISMATCH',
          `Files of table '${name}' disagree on their schema: ${objects[0]!.uri} ${mismatch.left} but ${objects[i]!.uri} ${mismatch.right}`,
        );
      }
    });

    const keys = partitions[0]!.keys;
    partitions.forEach((p, i) => {
      if (p.keys.join('/') !== keys.join('/')) {
        throw new DataError(
          'SCHEMA_MISMATCH',
          `Files of table '${name}' disagree on their partitions: ${objects[0]!.uri} has (${keys.join(', ')}) but ${objects[i]!.uri} has (${p.keys.join(', ')})`,
        );
      }
    });
    for (const k of keys) {
      if (fileColumns.some((c) => c.name.toLowerCase() === k)) {
        throw new DataError('SCHEMA_MISMATCH', `Table '${name}' has a partition key '${k}' that is also a column in its files`);
      }
    }
    const partitionTypes = keys.map((_k, j) => inferPartitionType(partitions.map((p) => p.values[j]!)));

    const columns: ScanColumn[] = [
      ...fileColumns.map((c) => ({ name: c.name, type: c.type, partition: false })),
      ...keys.map((k, j) => ({ name: k, type: partitionTypes[j]!, partition: true })),
    ];
    const files: DataFile[] = objects.map((o, i) => ({
      uri: o.uri,
      size: o.size,
      footer: footers[i]!,
      partitionValues: partitions[i]!.values.map((v, j) => partitionValue(v, partitionTypes[j]!)),
    }));
    return { ref, location: root, columns, files };
  }

  /** Schema names: the first path level under the location. */
  async listSchemas(): Promise<string[]> {
    return this.levelNames(this.config.location, 0);
  }

  async listTables(schema: string): Promise<string[]> {
    return this.levelNames(joinUri(this.config.location, schema), 0);
  }

  private async levelNames(prefix: string, depth: number): Promise<string[]> {
    const root = prefix.replace(/\/+$/, '') + '/';
    const names = new Set<string>();
    for (const o of await this.store.list(root)) {
      const parts = o.uri.slice(root.length).split('/');
      if (parts.length > depth + 1) names.add(decodeURIComponent(parts[depth]!));
    }
    return [...names].sort();
  }
}

/** Parquet data files, skipping hidden and marker files (`_SUCCESS`, `.crc`, …). */
function isDataFile(relative: string): boolean {
  const base = relative.slice(relative.lastIndexOf('/') + 1);
  return base.endsWith('.parquet') && !base.startsWith('.') && !base.startsWith('_');
}

function describeMismatch(
  a: readonly { name: string; type: SqlType }[],
  b: readonly { name: string; type: SqlType }[],
): { left: string; right: string } | null {
  const bByName = new Map(b.map((c) => [c.name.toLowerCase(), c]));
  for (const c of a) {
    const other = bByName.get(c.name.toLowerCase());
    if (other === undefined) return { left: `has column ${c.name} (${formatType(c.type)})`, right: 'does not' };
    if (!typesEqual(c.type, other.type)) {
      return { left: `has ${c.name} ${formatType(c.type)}`, right: `has ${other.name} ${formatType(other.type)}` };
    }
  }
  const aNames = new Set(a.map((c) => c.name.toLowerCase()));
  const extra = b.find((c) => !aNames.has(c.name.toLowerCase()));
  if (extra !== undefined) return { left: 'has no column ' + extra.name, right: `has ${extra.name} (${formatType(extra.type)})` };
  return null;
}


