/**
 * The Step Functions API (JSON 1.0 protocol) on loopback: StartExecution, DescribeExecution and
 * StopExecution over state machines run by aws-local-stepfunctions, their Tasks dispatched
 * through a TaskDispatcher. Lets the AWS executor and the query API's runner (SFNClient) run
 * against real local parts. As on AWS, StopExecution answers at once with the execution
 * ABORTED; the Tasks it stopped dispatch nothing more, and the invocations already running end
 * on their own.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import type { TaskDispatcher } from './dispatchers.ts';
import { ExecutionFailure, runStateMachine } from './localStateMachine.ts';

export interface StepFunctionsApiServer {
  readonly endpoint: string;
  /** ARN of a served state machine, by the name it was registered under. */
  arnOf(name: string): string;
  close(): Promise<void>;
}

interface Execution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: number;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
}

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';

export function startStepFunctionsApiServer(
  machines: Readonly<Record<string, StateMachineDefinition>>,
  dispatcher: TaskDispatcher,
): Promise<StepFunctionsApiServer> {
  const arnOf = (name: string): string => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;
  const byArn = new Map(Object.entries(machines).map(([name, def]) => [arnOf(name), { name, def }]));
  const executions = new Map<string, Execution>();
  const stops = new Map<string, AbortController>();
  const running = new Set<Promise<void>>();

  const operations: Record<string, (body: Record<string, unknown>) => unknown> = {
    StartExecution(body) {
      const machine = byArn.get(String(body.stateMachineArn));
      if (machine === undefined) throw apiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${String(body.stateMachineArn)}'`);
      const name = typeof body.name === 'string' ? body.name : `exec-${executions.size + 1}`;
      const executionArn = `arn:aws:states:${REGION}:${ACCOUNT}:execution:${machine.name}:${name}`;
      if (executions.has(executionArn)) throw apiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
      const input = typeof body.input === 'string' ? body.input : '{}';
      const exec: Execution = { executionArn, stateMachineArn: arnOf(machine.name), name, input, startDate: Date.now() / 1000, status: 'RUNNING' };
      executions.set(executionArn, exec);
      const stop = new AbortController();
      stops.set(executionArn, stop);
      const run = runStateMachine(machine.def, JSON.parse(input), dispatcher, { signal: stop.signal }).then(
        ({ output }) => {
          exec.status = 'SUCCEEDED';
          exec.output = JSON.stringify(output);
        },
        (err: unknown) => {
          if (exec.status === 'ABORTED') return;
          exec.status = 'FAILED';
          exec.error = err instanceof ExecutionFailure ? err.error : 'States.Runtime';
          exec.cause = err instanceof ExecutionFailure ? err.cause : String(err);
        },
      );
      const tracked = run.finally(() => {
        exec.stopDate ??= Date.now() / 1000;
        stops.delete(executionArn);
        running.delete(tracked);
      });
      running.add(tracked);
      return { executionArn, startDate: exec.startDate };
    },
    DescribeExecution(body) {
      const exec = executions.get(String(body.executionArn));
      if (exec === undefined) throw apiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${String(body.executionArn)}'`);
      return { ...exec };
    },
    StopExecution(body) {
      const exec = executions.get(String(body.executionArn));
      if (exec === undefined) throw apiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${String(body.executionArn)}'`);
      if (exec.status === 'RUNNING') {
        exec.status = 'ABORTED';
        exec.stopDate = Date.now() / 1000;
        if (typeof body.error === 'string') exec.error = body.error;
        if (typeof body.cause === 'string') exec.cause = body.cause;
        stops.get(exec.executionArn)?.abort();
      }
      return { stopDate: exec.stopDate };
    },
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const op = target.startsWith('AWSStepFunctions.') ? operations[target.slice('AWSStepFunctions.'.length)] : undefined;
      const reply = (status: number, body: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify(body));
      };
      if (op === undefined) {
        reply(400, { __type: 'UnknownOperationException', message: `Unknown operation ${target}` });
        return;
      }
      try {
        reply(200, op(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>));
      } catch (err) {
        const e = err as { type?: string; message?: string };
        reply(400, { __type: e.type ?? 'InvalidParameterValue', message: e.message ?? String(err) });
      }
    });
  });

  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        endpoint: `http://127.0.0.1:${port}`,
        arnOf,
        async close() {
          await Promise.allSettled([...running]);
          await new Promise<void>((done) => server.close(() => done()));
        },
      });
    });
  });
}

function apiError(type: string, message: string): Error & { type: string } {
  return Object.assign(new Error(message), { type });
}
