/** `squall gen tpch`: write a TPC-H lake with the project's own generator. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../errors.ts';
import { PARQUET_CODECS } from '../formats/parquet/writer.ts';
import { generateTpch } from '../gen/tpch/index.ts';
import { storeFor } from '../storage/stores.ts';
import { checkFlags, choiceFlag, intFlag, numberFlag, stringFlag, type ParsedArgs } from './args.ts';
import { formatBytes } from '../runtime/explainAnalyze.ts';

export async function runGenTpch(args: ParsedArgs, rest: readonly string[]): Promise<number> {
  if (rest[0] !== 'tpch' || rest.length !== 1) throw new ConfigError('INVALID_ARGUMENTS', 'Usage: squall gen tpch --sf N --out DIR [--codec zstd|snappy|gzip|none]');
  checkFlags(args, ['sf', 'out', 'codec', 'row-group-size', 'files-per-table', 'tables', 'schema']);
  const sf = numberFlag(args, 'sf', 0.0001);
  const outArg = stringFlag(args, 'out');
  if (sf === undefined || outArg === undefined) throw new ConfigError('INVALID_ARGUMENTS', 'squall gen tpch needs --sf and --out');
  const out = /^(s3|file):/.test(outArg) ? outArg : pathToFileURL(path.resolve(outArg)).href;
  const rowGroupSize = intFlag(args, 'row-group-size', 1, 10_000_000);
  const filesPerTable = intFlag(args, 'files-per-table', 1, 10_000);
  const tables = stringFlag(args, 'tables')?.split(',').map((t) => t.trim());
  const schema = stringFlag(args, 'schema');
  const started = performance.now();
  const results = await generateTpch(
    {
      sf,
      out,
      codec: choiceFlag(args, 'codec', PARQUET_CODECS) ?? 'zstd',
      ...(rowGroupSize !== undefined ? { rowGroupSize } : {}),
      ...(filesPerTable !== undefined ? { filesPerTable } : {}),
      ...(tables !== undefined ? { tables } : {}),
      ...(schema !== undefined ? { schema } : {}),
    },
    storeFor(out),
  );
  const store = storeFor(out);
  for (const r of results) {
    let bytes = 0;
    for (const f of r.files) bytes += (await store.head(f))?.size ?? 0;
    process.stderr.write(`${r.table.padEnd(9)} ${r.rows.toLocaleString('en-US').padStart(12)} rows in ${r.files.length} file(s), ${formatBytes(bytes)}\n`);
  }
  process.stderr.write(`done in ${((performance.now() - started) / 1000).toFixed(1)} s → ${out}\n`);
  return 0;
}
