/**
 * Queries on AWS: start an execution of the deployed state machine with @aws-sdk/client-sfn and
 * wait for it. Lambda's own figures come from what each handler reports with its partials (a
 * failed attempt reports nothing, so billed GB-seconds are a lower bound); transitions and Map
 * iterations follow from the plan's shape.
 */
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { SquallError } from '../../errors.ts';
import type { FinalizeOutput, QueryInput } from '../engine/messages.ts';
import type { ExecutionReport, QueryExecutor } from '../executor.ts';
import { errorFromExecution } from '../executionError.ts';

export interface AwsExecutorOptions {
  readonly stateMachineArn: string;
  readonly region?: string;
  /** An SFN-compatible endpoint (tests, emulators); AWS's own when absent. */
  readonly endpoint?: string;
  /** Scan invocations the account can run at once (sizes fragments). */
  readonly parallelism?: number;
}

const POLL_FIRST_MS = 50;
const POLL_MAX_MS = 1000;

export class AwsExecutor implements QueryExecutor {
  private readonly client: SFNClient;
  readonly parallelism: number;

  constructor(private readonly opts: AwsExecutorOptions) {
    this.client = new SFNClient({
      ...(opts.region ? { region: opts.region } : {}),
      ...(opts.endpoint ? { endpoint: opts.endpoint, disableHostPrefix: true } : {}),
    });
    this.parallelism = opts.parallelism ?? 500;
  }

  async execute(input: QueryInput): Promise<ExecutionReport> {
    const started = await this.client.send(
      new StartExecutionCommand({ stateMachineArn: this.opts.stateMachineArn, name: input.queryId, input: JSON.stringify(input) }),
    );
    const executionArn = started.executionArn!;
    let wait = POLL_FIRST_MS;
    for (;;) {
      const outcome = executionOutcome(executionArn, await this.client.send(new DescribeExecutionCommand({ executionArn })));
      if (outcome.kind === 'succeeded') return outcome.report;
      if (outcome.kind === 'failed') throw outcome.error;
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(POLL_MAX_MS, wait * 2);
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}

/**
 * Transitions of query.asl.json for a plan: Plan, MoreStages and Finalize, plus NextStage,
 * RunStage and MoreStages per stage; one Map iteration per task.
 */
export function executionShape(final: FinalizeOutput): { standardTransitions: number; mapIterations: number } {
  const stages = final.stages.byStage;
  return { standardTransitions: 3 + 3 * stages.length, mapIterations: stages.reduce((s, g) => s + g.invocations, 0) };
}

export type ExecutionOutcome =
  | { readonly kind: 'running' }
  | { readonly kind: 'succeeded'; readonly report: ExecutionReport }
  | { readonly kind: 'failed'; readonly error: SquallError };

/** What a DescribeExecution answer means for the query: still running, its report, or its error. */
export function executionOutcome(executionArn: string, d: Pick<DescribeExecutionCommandOutput, 'status' | 'output' | 'error' | 'cause'>): ExecutionOutcome {
  switch (d.status) {
    case 'RUNNING':
    case 'PENDING_REDRIVE':
      return { kind: 'running' };
    case 'SUCCEEDED': {
      const final = JSON.parse(d.output ?? 'null') as FinalizeOutput;
      return { kind: 'succeeded', report: { final, invocations: null, ...executionShape(final), retries: 0 } };
    }
    case 'FAILED':
      return { kind: 'failed', error: errorFromExecution(d.error ?? 'States.Runtime', d.cause ?? '') };
    case 'ABORTED':
      return { kind: 'failed', error: new SquallError('USER_CANCELED', 'Query was canceled') };
    case 'TIMED_OUT':
      return { kind: 'failed', error: new SquallError('EXCEEDED_TIME_LIMIT', `Execution ${executionArn} timed out`) };
    default:
      return { kind: 'failed', error: new SquallError('GENERIC_INTERNAL_ERROR', `Execution ${executionArn} ended as ${d.status ?? 'unknown'}`) };
  }
}
