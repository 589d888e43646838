/**
 * A query's cost, line by line: each billed quantity, its unit price (ARCHITECTURE.md's list
 * prices) and dollars. The total is the sum of the lines, and the service subtotals
 * (`lambdaUsd`, `s3Usd`, `stepFunctionsUsd`) sum the same lines, so the figures always add up.
 */
import { PRICES, type Architecture } from '../cost.ts';
import { totalGbSeconds, totalRequests, type Usage } from './usage.ts';

export interface CostLine {
  readonly quantity: number;
  readonly unit: 'request' | 'GB-s' | 'transition' | 'byte';
  readonly unitPriceUsd: number;
  readonly usd: number;
}

export interface CostLines {
  readonly lambdaRequests: CostLine;
  readonly lambdaGbSeconds: CostLine;
  /** GET and HEAD. */
  readonly s3Get: CostLine;
  /** PUT and LIST. */
  readonly s3PutList: CostLine;
  readonly sfnStandardTransitions: CostLine;
  /** Express child executions (the distributed Maps' iterations): requests and duration × memory. */
  readonly sfnExpressRequests: CostLine;
  readonly sfnExpressGbSeconds: CostLine;
  /** Lake bytes fetched: priced at $0 (paid through the GETs and Lambda time; in-region transfer is free). */
  readonly bytesScanned: CostLine;
}

export type CostLineName = keyof CostLines;

export interface FunctionCost {
  readonly requests: number;
  readonly gbSeconds: number;
  readonly usd: number;
}

export interface CostBreakdown {
  readonly lambdaUsd: number;
  readonly s3Usd: number;
  readonly stepFunctionsUsd: number;
  /** The sum of every line: the query's `estimatedCostUsd`. */
  readonly totalUsd: number;
  readonly architecture: Architecture;
  readonly lines: CostLines;
  /** Lambda per function (requests and GB-seconds at the same prices as the lines). */
  readonly byFunction: Readonly<Record<string, FunctionCost>>;
}

const line = (quantity: number, unit: CostLine['unit'], unitPriceUsd: number): CostLine => ({ quantity, unit, unitPriceUsd, usd: quantity * unitPriceUsd });

export function costBreakdown(u: Usage, architecture: Architecture): CostBreakdown {
  const gbSecond = PRICES.lambdaGbSecond[architecture];
  const lines: CostLines = {
    lambdaRequests: line(totalRequests(u), 'request', PRICES.lambdaRequest),
    lambdaGbSeconds: line(totalGbSeconds(u), 'GB-s', gbSecond),
    s3Get: line(u.s3Gets, 'request', PRICES.s3GetPer1k / 1000),
    s3PutList: line(u.s3PutsAndLists, 'request', PRICES.s3PutListPer1k / 1000),
    sfnStandardTransitions: line(u.standardTransitions, 'transition', PRICES.sfnStandardTransitionPer1k / 1000),
    sfnExpressRequests: line(u.expressRequests, 'request', PRICES.sfnExpressRequest),
    sfnExpressGbSeconds: line(u.expressGbSeconds, 'GB-s', PRICES.sfnExpressGbSecond),
    bytesScanned: line(u.bytesScanned, 'byte', 0),
  };
  const byFunction: Record<string, FunctionCost> = {};
  for (const [fn, f] of Object.entries(u.byFunction)) {
    byFunction[fn] = { requests: f.requests, gbSeconds: f.gbSeconds, usd: f.requests * PRICES.lambdaRequest + f.gbSeconds * gbSecond };
  }
  return {
    lambdaUsd: lines.lambdaRequests.usd + lines.lambdaGbSeconds.usd,
    s3Usd: lines.s3Get.usd + lines.s3PutList.usd,
    stepFunctionsUsd: lines.sfnStandardTransitions.usd + lines.sfnExpressRequests.usd + lines.sfnExpressGbSeconds.usd,
    totalUsd: Object.values(lines).reduce((s: number, l: CostLine) => s + l.usd, 0),
    architecture,
    lines,
    byFunction,
  };
}
