/**
 * Runs once before all test files. Each piece of shared infrastructure (s3rver, bundles) adds
 * its own setup function here.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const teardowns: Array<() => Promise<void>> = [];
  return async () => {
    for (const t of teardowns.reverse()) await t();
  };
}
