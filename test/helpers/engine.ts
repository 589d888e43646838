/**
 * Engines for integration tests: a Squall (real state machine, real worker threads) over the
 * test lake by file:// or s3:// (s3rver), and a DuckDB with the same tables as views.
 */
import { inject } from 'vitest';
import { parseConfig, type SquallConfig } from '../../src/config/config.ts';
import { Squall, type SquallOptions } from '../../src/runtime/squall.ts';
import { openDuckDb, type DuckDb } from './duckdb.ts';

export type LakeAccess = 'file' | 's3';

/** The s3rver credentials, through the standard environment variables the SDK chain reads. */
export function useS3rverCredentials(): void {
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
  process.env.AWS_REGION = 'us-east-1';
}

export function lakeConfig(access: LakeAccess, schema = 'tpch_zstd', planner: SquallConfig['planner'] = {}): SquallConfig {
  const location = access === 'file' ? inject('testLakeUri') : inject('testLakeS3Uri');
  const s3 = access === 's3' ? { s3: { endpoint: inject('s3Endpoint'), region: 'us-east-1', forcePathStyle: true } } : {};
  if (access === 's3') useS3rverCredentials();
  return parseConfig(
    {
      catalogs: { lake: { connector: 'parquet', location, ...s3 } },
      defaultCatalog: 'lake',
      defaultSchema: schema,
      planner,
    },
    process.cwd(),
    'test config',
  );
}

export function openSquall(access: LakeAccess, opts: Partial<SquallOptions> & { schema?: string } = {}): Squall {
  const { schema, ...rest } = opts;
  return new Squall({ config: lakeConfig(access, schema), workers: 2, ...rest });
}

/** DuckDB with one view per table of the given lake schemas (hive partitioning on). */
export async function openReference(views: Record<string, string>): Promise<DuckDb> {
  const db = await openDuckDb();
  const lake = new URL(inject('testLakeUri')).pathname;
  for (const [name, relative] of Object.entries(views)) {
    await db.rows(`CREATE VIEW ${name} AS SELECT * FROM read_parquet('${lake}/${relative}/**/*.parquet', hive_partitioning = true)`);
  }
  return db;
}
