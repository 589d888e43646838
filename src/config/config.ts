/**
 * Squall's configuration file (`squall.config.json`): catalogs, scratch location, runtime and
 * planner settings. Declarative JSON validated by a schema; an error names the bad field.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { ConfigError } from '../errors.ts';

const S3Options = z.strictObject({
  endpoint: z.string().url().optional(),
  region: z.string().min(1).optional(),
  forcePathStyle: z.boolean().optional(),
});

const ParquetCatalog = z.strictObject({
  connector: z.literal('parquet'),
  /** `file:///abs/dir`, `file:relative/dir` (resolved against the config file) or `s3://bucket/prefix`. */
  location: z.string().regex(/^(file:|s3:\/\/)/, 'must start with file: or s3://'),
  s3: S3Options.optional(),
});

const Identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier');

export const ConfigSchema = z.strictObject({
  catalogs: z.record(Identifier, ParquetCatalog).refine((c) => Object.keys(c).length > 0, 'at least one catalog is required'),
  defaultCatalog: Identifier.optional(),
  defaultSchema: Identifier.optional(),
  /** Where queries write plans, partials and results; default: a directory under the OS temp dir. */
  scratch: z.string().regex(/^(file:|s3:\/\/)/, 'must start with file: or s3://').optional(),
  scratchS3: S3Options.optional(),
  runtime: z
    .strictObject({
      kind: z.enum(['local', 'aws']).default('local'),
      /** Scan/merge worker threads for the local runtime. */
      workers: z.number().int().min(1).max(256).optional(),
      /** The deployed state machine, for kind "aws". */
      stateMachineArn: z.string().optional(),
      region: z.string().optional(),
      /** Lambda architecture priced in cost estimates. */
      architecture: z.enum(['arm64', 'x86_64']).default('arm64'),
    })
    .default({ kind: 'local', architecture: 'arm64' }),
  planner: z
    .strictObject({
      /** Target compressed bytes of needed column chunks per scan fragment. */
      fragmentTargetBytes: z.number().int().min(1024).optional(),
      /** Partials merged by one merge invocation. */
      mergeFanIn: z.number().int().min(2).max(1000).optional(),
      /** Upper bound on fragments per query (keeps the Map input under 256 KiB). */
      maxFragments: z.number().int().min(1).max(20000).optional(),
    })
    .default({}),
});

export type SquallConfig = z.infer<typeof ConfigSchema>;
export type CatalogConfig = z.infer<typeof ParquetCatalog>;
export type S3Config = z.infer<typeof S3Options>;

/**
 * Validate a parsed config object. Relative `file:` locations resolve against `baseDir`
 * (the config file's directory).
 */
export function parseConfig(raw: unknown, baseDir: string, source = 'config'): SquallConfig {
  const result = ConfigSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    throw new ConfigError('INVALID_CONFIG', `Invalid ${source}: ${field}: ${issue.message}`);
  }
  const config = result.data;
  for (const [name, catalog] of Object.entries(config.catalogs)) {
    catalog.location = resolveFileLocation(catalog.location, baseDir);
    if (catalog.location.startsWith('s3://') && !/^s3:\/\/[^/]+/.test(catalog.location)) {
      throw new ConfigError('INVALID_CONFIG', `Invalid ${source}: catalogs.${name}.location: missing bucket`);
    }
  }
  if (config.scratch) config.scratch = resolveFileLocation(config.scratch, baseDir);
  if (config.defaultCatalog !== undefined && !(config.defaultCatalog in config.catalogs)) {
    throw new ConfigError('INVALID_CONFIG', `Invalid ${source}: defaultCatalog: no catalog named '${config.defaultCatalog}'`);
  }
  if (config.runtime.kind === 'aws' && !config.runtime.stateMachineArn) {
    throw new ConfigError('INVALID_CONFIG', `Invalid ${source}: runtime.stateMachineArn: required when runtime.kind is "aws"`);
  }
  return config;
}

export function loadConfigFile(file: string): SquallConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError('INVALID_CONFIG', `Cannot read config file ${file}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError('INVALID_CONFIG', `Config file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  return parseConfig(raw, path.dirname(path.resolve(file)), `config file ${file}`);
}

/** `file:rel/dir` and `file:./x` resolve against baseDir; `file:///abs` is kept. */
function resolveFileLocation(location: string, baseDir: string): string {
  if (!location.startsWith('file:') || location.startsWith('file:///')) return location.replace(/\/+$/, '');
  const rel = location.slice('file:'.length).replace(/^\/\//, '');
  return pathToFileURL(path.resolve(baseDir, rel)).href.replace(/\/+$/, '');
}
