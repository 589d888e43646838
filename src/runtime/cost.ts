/**
 * AWS list prices (us-east-1) that a query's cost is computed at (ARCHITECTURE.md): Lambda
 * requests and GB-seconds, S3 requests, Step Functions Standard transitions and the Express
 * child executions of the distributed Maps. Data transfer inside a region is free. The
 * breakdown itself is src/runtime/accounting/costBreakdown.ts.
 */
export const PRICES = {
  lambdaGbSecond: { arm64: 0.0000133334, x86_64: 0.0000166667 },
  lambdaRequest: 0.2 / 1e6,
  s3GetPer1k: 0.0004,
  s3PutListPer1k: 0.005,
  sfnStandardTransitionPer1k: 0.025,
  sfnExpressRequest: 1 / 1e6,
  sfnExpressGbSecond: 0.00001667,
  /** Express bills memory in 64 MB steps and duration rounded up to 100 ms. */
  sfnExpressMemoryStepMb: 64,
  sfnExpressDurationStepMs: 100,
  /** Athena, for comparison: $5 per TB scanned, 10 MB minimum per query. */
  athenaPerTb: 5,
} as const;

export type Architecture = keyof typeof PRICES.lambdaGbSecond;

/** What Athena would charge to scan the same bytes. */
export function athenaCost(bytesScanned: number): number {
  return (Math.max(bytesScanned, 10 * 1024 * 1024) / 1024 ** 4) * PRICES.athenaPerTb;
}
