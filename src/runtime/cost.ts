/**
 * What a query costs at AWS list prices (us-east-1): Lambda requests and GB-seconds, S3
 * requests, Step Functions Standard transitions and the Express child executions of the
 * distributed Maps. Data transfer inside a region is free.
 */
export const PRICES = {
  lambdaGbSecond: { arm64: 0.0000133334, x86_64: 0.0000166667 },
  lambdaRequest: 0.2 / 1e6,
  s3GetPer1k: 0.0004,
  s3PutListPer1k: 0.005,
  sfnStandardTransitionPer1k: 0.025,
  sfnExpressRequest: 1 / 1e6,
  /** Athena, for comparison: $5 per TB scanned, 10 MB minimum per query. */
  athenaPerTb: 5,
} as const;

export interface CostInputs {
  readonly architecture: 'arm64' | 'x86_64';
  readonly lambdaInvocations: number;
  readonly gbSeconds: number;
  readonly s3Gets: number;
  readonly s3PutsAndLists: number;
  readonly standardTransitions: number;
  readonly expressExecutions: number;
}

export interface CostBreakdown {
  readonly lambdaUsd: number;
  readonly s3Usd: number;
  readonly stepFunctionsUsd: number;
  readonly totalUsd: number;
}

export function estimateCost(c: CostInputs): CostBreakdown {
  const lambdaUsd = c.lambdaInvocations * PRICES.lambdaRequest + c.gbSeconds * PRICES.lambdaGbSecond[c.architecture];
  const s3Usd = (c.s3Gets / 1000) * PRICES.s3GetPer1k + (c.s3PutsAndLists / 1000) * PRICES.s3PutListPer1k;
  const stepFunctionsUsd = (c.standardTransitions / 1000) * PRICES.sfnStandardTransitionPer1k + c.expressExecutions * PRICES.sfnExpressRequest;
  return { lambdaUsd, s3Usd, stepFunctionsUsd, totalUsd: lambdaUsd + s3Usd + stepFunctionsUsd };
}

/** What Athena would charge to scan the same bytes. */
export function athenaCost(bytesScanned: number): number {
  return (Math.max(bytesScanned, 10 * 1024 * 1024) / 1024 ** 4) * PRICES.athenaPerTb;
}
