#!/usr/bin/env node
/**
 * Bundles one ESM file per Lambda function (dist/functions/<name>/index.mjs), the local worker
 * host and the CLI, each with parquet-wasm's .wasm beside it. The function bundles are exactly
 * what `osls deploy` uploads and what the local worker threads load.
 */
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
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

// Each function is built into its own directory (it deploys that directory) and, like the CLI,
// split into chunks so that code a run may not need (the S3 SDK on file:// lakes, the generator)
// loads only on first use: less to compile at every cold start.
const functions = ['plan', 'scan', 'merge', 'api', 'report'];
const splitBuilds = [
  ...functions.map((fn) => ({ entry: `functions/${fn}/index.ts`, out: 'index', dir: path.join(dist, 'functions', fn) })),
  { entry: 'src/cli/main.ts', out: 'main', dir: path.join(dist, 'cli') },
];
const singleFile = [{ in: 'src/runtime/local/workerHost.ts', out: 'runtime/workerHost' }];

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
  metafile: true,
};

// aws-local-stepfunctions imports an AWS Lambda client, credential providers and a JSON-schema
// validator that the embedded runtime never uses (see the stub). In the CLI they are replaced;
// any other importer of those modules (the lambda-api dispatcher's own LambdaClient) is not.
const unusedByEmbeddedRuntime = {
  name: 'unused-by-embedded-runtime',
  setup(b) {
    b.onResolve({ filter: /^(@aws-sdk\/client-lambda|@aws-sdk\/credential-providers|asl-validator)$/ }, (args) =>
      args.importer.includes(`${path.sep}aws-local-stepfunctions${path.sep}`) ? { path: path.join(root, 'scripts', 'stubs', 'unusedByEmbeddedRuntime.mjs') } : undefined,
    );
  },
};

const started = performance.now();
const results = await Promise.all([
  build({ ...common, entryPoints: singleFile, outdir: dist }),
  ...splitBuilds.map((b) =>
    build({
      ...common,
      entryPoints: [{ in: b.entry, out: b.out }],
      outdir: b.dir,
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      plugins: b.out === 'main' ? [unusedByEmbeddedRuntime] : [],
    }),
  ),
]);
const outputs = results.flatMap((r) => Object.entries(r.metafile.outputs).map(([file, info]) => ({ file: path.resolve(root, file), info })));

// Chunks of earlier builds (other hashes) would otherwise pile up and be deployed.
const current = new Set(outputs.map((o) => o.file));
for (const b of splitBuilds) {
  const chunks = path.join(b.dir, 'chunks');
  if (!existsSync(chunks)) continue;
  for (const f of readdirSync(chunks)) if (!current.has(path.join(chunks, f))) rmSync(path.join(chunks, f), { force: true });
}

// parquet-wasm loads its .wasm from the directory of the file holding its glue code.
const wasmDirs = new Set(
  outputs.filter((o) => Object.keys(o.info.inputs).some((i) => i.includes('parquet-wasm/node/parquet_wasm.js'))).map((o) => path.dirname(o.file)),
);
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
