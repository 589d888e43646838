/**
 * Runs once before all test files: builds the function bundles the worker threads load, builds
 * (or reuses) the test lake, and starts s3rver with a copy of the lake in a bucket.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startS3rver } from './s3rver.ts';
import { buildTestLake } from './testLake.ts';
import { uploadDirectory } from './uploadLake.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Endpoint of the shared s3rver, e.g. `http://127.0.0.1:40123` (see test/helpers/s3.ts). */
    s3Endpoint: string;
    /** file:// URI of the test lake (see test/setup/testLake.ts). */
    testLakeUri: string;
    /** s3:// URI of the same lake uploaded to s3rver. */
    testLakeS3Uri: string;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// Same as the test workers (vitest.config.ts): the SDK's notice about its 2027 releases.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const teardowns: Array<() => Promise<void>> = [];

  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--quiet'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building the function bundles failed');

  const lake = await buildTestLake(root);
  project.provide('testLakeUri', pathToFileURL(lake).href);

  const s3 = await startS3rver();
  teardowns.push(() => s3.stop());
  project.provide('s3Endpoint', s3.endpoint);
  project.provide('testLakeS3Uri', await uploadDirectory(lake, s3.endpoint, 'test-lake'));

  return async () => {
    for (const t of teardowns.reverse()) await t();
  };
}
