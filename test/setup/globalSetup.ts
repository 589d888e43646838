/**
 * Runs once before all test files. Each piece of shared infrastructure (s3rver, bundles) adds
 * its own setup function here.
 */
import type { TestProject } from 'vitest/node';
import { startS3rver } from './s3rver.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Endpoint of the shared s3rver, e.g. `http://127.0.0.1:40123` (see test/helpers/s3.ts). */
    s3Endpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const teardowns: Array<() => Promise<void>> = [];

  const s3 = await startS3rver();
  teardowns.push(() => s3.stop());
  project.provide('s3Endpoint', s3.endpoint);

  return async () => {
    for (const t of teardowns.reverse()) await t();
  };
}
