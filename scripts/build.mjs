#!/usr/bin/env node
/**
 * Bundles one ESM file per Lambda function (dist/functions/<name>/index.mjs), the local worker
 * host and the CLI, each with parquet-wasm's .wasm beside it. The function bundles are exactly
 * what `osls deploy` uploads and what the local worker threads load.
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const wasm = path.join(root, 'node_modules', 'parquet-wasm', 'node', 'parquet_wasm_bg.wasm');

// CommonJS dependencies bundled into ESM still reach for require and __dirname.
const banner = [
  "import { createRequire as __squallCreateRequire } from 'node:module';",
  "import { fileURLToPath as __squallFileURLToPath } from 'node:url';",
  "import { dirname as __squallDirname } from 'node:path';",
  'const require = __squallCreateRequire(import.meta.url);',
  'const __filename = __squallFileURLToPath(import.meta.url);',
  'const __dirname = __squallDirname(__filename);',
].join('\n');

// Lambda bundles are single files (each function deploys its own directory); the CLI is split
// so that rarely used parts (S3 SDK, the generator, Arrow) load only when a command needs them.
const singleFile = [
  { in: 'functions/plan/index.ts', out: 'functions/plan/index' },
  { in: 'functions/scan/index.ts', out: 'functions/scan/index' },
  { in: 'functions/merge/index.ts', out: 'functions/merge/index' },
  { in: 'src/runtime/local/workerHost.ts', out: 'runtime/workerHost' },
];
const split = [{ in: 'src/cli/main.ts', out: 'main' }];

// The AWS SDK is in the Lambda runtime, but bundling our pinned version keeps behaviour the same
// locally and deployed. No clean first: concurrent readers (test runs, a CLI) keep working while
// files are replaced.
const common = {
  absWorkingDir: root,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  banner: { js: banner },
  logLevel: 'warning',
};

const started = performance.now();
await Promise.all([
  build({ ...common, entryPoints: singleFile, outdir: dist }),
  build({ ...common, entryPoints: split, outdir: path.join(dist, 'cli'), splitting: true, chunkNames: 'chunks/[name]-[hash]' }),
]);
const wasmDirs = [...singleFile.map((e) => path.dirname(path.join(dist, e.out))), path.join(dist, 'cli'), path.join(dist, 'cli', 'chunks')];
for (const dir of wasmDirs) {
  mkdirSync(dir, { recursive: true });
  // Copy then rename: a worker of a concurrent test run loading the .wasm mid-copy would read a
  // truncated file ("BufferSource argument is empty"); a rename replaces it atomically.
  const target = path.join(dir, 'parquet_wasm_bg.wasm');
  const temp = `${target}.${process.pid}.tmp`;
  copyFileSync(wasm, temp);
  renameSync(temp, target);
}
if (!process.argv.includes('--quiet')) console.error(`built dist/ in ${Math.round(performance.now() - started)} ms`);
