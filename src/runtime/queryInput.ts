/**
 * The state machine's input for one query, built one way for every caller: the engine library
 * (CLI, `squall serve`) and the query API's Step Functions runner on AWS.
 */
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import limits from '../../functions/limits.json' with { type: 'json' };
import type { SquallConfig } from '../config/config.ts';
import type { PageSpec } from './engine/resultPages.ts';
import type { QueryInput } from './engine/messages.ts';
import type { CostControl } from './accounting/costLimits.ts';

export interface QuerySession {
  readonly catalog?: string | null;
  readonly schema?: string | null;
}

export interface QueryInputOptions {
  readonly queryId: string;
  readonly sql: string;
  readonly session: QuerySession;
  /** Invocations that can run at once (sizes the fragments). */
  readonly parallelism: number;
  /** Write the result as client-JSON pages of this size (the query API). */
  readonly resultPages?: PageSpec | null;
  /** The caps the planner checks its cost estimate against. */
  readonly cost: CostControl;
}

/** Where queries write scratch objects: the config's, else a directory under the OS temp dir. */
export function scratchUri(config: SquallConfig): string {
  return config.scratch ?? pathToFileURL(path.join(os.tmpdir(), 'squall-scratch')).href;
}

/** Memory of the function that runs stage tasks, MB: the config's, else what serverless.yml deploys. */
export function taskMemoryMb(config: SquallConfig): number {
  return config.runtime.memoryMb ?? limits.scan.memorySize;
}

/** Scan invocations an AWS account runs at once, unless the config says otherwise. */
export function awsParallelism(config: SquallConfig): number {
  return config.runtime.concurrency ?? 500;
}

export function buildQueryInput(config: SquallConfig, q: QueryInputOptions): QueryInput {
  return {
    queryId: q.queryId,
    sql: q.sql,
    session: {
      catalog: q.session.catalog ?? config.defaultCatalog ?? soleCatalog(config),
      schema: q.session.schema ?? config.defaultSchema ?? null,
    },
    config: { catalogs: config.catalogs, planner: config.planner },
    scratch: scratchUri(config),
    scratchS3: config.scratchS3 ?? null,
    parallelism: q.parallelism,
    taskMemoryMb: taskMemoryMb(config),
    resultPages: q.resultPages ?? null,
    cost: q.cost,
  };
}

function soleCatalog(config: SquallConfig): string | null {
  const names = Object.keys(config.catalogs);
  return names.length === 1 ? names[0]! : null;
}
