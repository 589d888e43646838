#!/usr/bin/env -S node --single-threaded-gc
// The `squall` command: builds the bundles on first use (a fresh clone has no dist/), then runs the CLI.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The AWS SDK warns once per process that its 2027 releases will need Node 22. Functions deploy
// on nodejs22.x; locally the notice would only clutter every s3:// query's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// Scans are memory-bound and allocate large typed arrays; V8's parallel GC helper threads then
// compete with the worker threads for the same cores (measured: 5–15% slower queries), hence
// --single-threaded-gc in the #! line. It must be given at startup: set later, from inside the
// process, it leaves the main isolate's heap inconsistent and V8 aborts in a major GC.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli', 'main.mjs');
if (!existsSync(cli)) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--quiet'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
await import(pathToFileURL(cli).href);
