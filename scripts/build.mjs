#!/usr/bin/env node
/**
 * Bundles one ESM file per Lambda function (dist/functions/<name>/index.mjs), the local worker
 * host and the CLI, each with parquet-wasm's .wasm beside it. The function bundles are exactly
 * what `osls deploy` uploads and what the local worker threads load.
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
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

const entries = [
  { in: 'functions/plan/index.ts', out: 'functions/plan/index' },
  { in: 'functions/scan/index.ts', out: 'functions/scan/index' },
  { in: 'functions/merge/index.ts', out: 'functions/merge/index' },
  { in: 'src/runtime/local/workerHost.ts', out: 'runtime/workerHost' },
  { in: 'src/cli/main.ts', out: 'cli' },
];

const started = performance.now();
rmSync(dist, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: entries.map((e) => ({ in: e.in, out: e.out })),
  outdir: dist,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  banner: { js: banner },
  logLevel: 'warning',
  // The AWS SDK is in the Lambda runtime, but bundling our pinned version keeps behaviour the
  // same locally and deployed.
});
for (const e of entries) {
  const dir = path.dirname(path.join(dist, e.out));
  mkdirSync(dir, { recursive: true });
  copyFileSync(wasm, path.join(dir, 'parquet_wasm_bg.wasm'));
}
if (!process.argv.includes('--quiet')) console.error(`built dist/ in ${Math.round(performance.now() - started)} ms`);
