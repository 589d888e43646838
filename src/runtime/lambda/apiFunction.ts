/**
 * The `api` Lambda: the Trino client protocol and `POST /v1/query` behind API Gateway (HTTP
 * API, payload 2.0). Query state in DynamoDB; each query an execution of the query state
 * machine, started by the request that submits it and asked about by the requests that follow;
 * results read page by page from the pages the final step writes to the scratch bucket. The
 * user is the identity the route's authorizer verified (IAM caller or JWT subject).
 *
 * Environment (serverless.yml): QUERIES_TABLE, QUERY_STATE_MACHINE_ARN, SCRATCH_URI (s3://…)
 * and SQUALL_CONFIG, the JSON of a Squall config without scratch and runtime.kind (catalogs,
 * defaults, planner settings, runtime sizing).
 */
import middy from '@middy/core';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { parseConfig, type SquallConfig } from '../../config/config.ts';
import { ConfigError } from '../../errors.ts';
import { toApiRequest, toHttpApiResult, type HttpApiEvent, type HttpApiResult } from '../api/apiGatewayEvent.ts';
import { DynamoQueryStore } from '../api/dynamoQueryStore.ts';
import { ObjectStoreResultStore } from '../api/objectStoreResultStore.ts';
import { StatementService } from '../api/statementService.ts';
import { StepFunctionsRunner } from '../api/stepFunctionsRunner.ts';
import { DEFAULT_PAGE_SPEC } from '../engine/resultPages.ts';

/** How long `POST /v1/query` waits before answering 202: API Gateway cuts a request at 29 s. */
export const API_JSON_WAIT_MS = 24_000;
/** Largest whole result `POST /v1/query` answers: a Lambda response is at most 6 MB. */
export const API_JSON_MAX_BYTES = 5 << 20;

/** The handler over a given service (tests pass one with local stores). */
export function apiHandler(service: StatementService): (event: HttpApiEvent, context?: object) => Promise<HttpApiResult> {
  const wrapped = middy(async (event: HttpApiEvent): Promise<HttpApiResult> => {
    const response = await service.handle(toApiRequest(event));
    // A frozen sandbox would never record what this request started in the background.
    await service.settle();
    return toHttpApiResult(response);
  }) as unknown as (event: HttpApiEvent, context: object) => Promise<HttpApiResult>;
  return (event, context) => wrapped(event, context ?? {});
}

export interface ApiClients {
  /** DynamoDB client for the queries table (default: the SDK's, from the environment). */
  readonly dynamo?: DynamoDBClient;
}

/** The deployed service, from the function's environment. */
export function apiServiceFromEnv(env: NodeJS.ProcessEnv, clients: ApiClients = {}): StatementService {
  const tableName = required(env, 'QUERIES_TABLE');
  const stateMachineArn = required(env, 'QUERY_STATE_MACHINE_ARN');
  const config = apiConfig(required(env, 'SQUALL_CONFIG'), required(env, 'SCRATCH_URI'), stateMachineArn);
  const runtime = config.runtime;
  const store = new DynamoQueryStore({ client: clients.dynamo ?? new DynamoDBClient({}), tableName });
  const results = new ObjectStoreResultStore(config.scratch!, config.scratchS3, DEFAULT_PAGE_SPEC);
  const sfn = new SFNClient({
    ...(runtime.region ? { region: runtime.region } : {}),
    ...(runtime.endpoint ? { endpoint: runtime.endpoint, disableHostPrefix: true } : {}),
  });
  const runner = new StepFunctionsRunner({ client: sfn, stateMachineArn, config, store, results, pageSpec: DEFAULT_PAGE_SPEC });
  return new StatementService({
    store,
    runner,
    results,
    auth: { gateway: true },
    jsonWaitMs: API_JSON_WAIT_MS,
    jsonMaxBytes: API_JSON_MAX_BYTES,
  });
}

/** The deployed handler: the service is built once per sandbox. */
export function apiFunction(env: NodeJS.ProcessEnv = process.env): (event: HttpApiEvent, context?: object) => Promise<HttpApiResult> {
  let handler: ((event: HttpApiEvent, context?: object) => Promise<HttpApiResult>) | undefined;
  return async (event, context) => {
    handler ??= apiHandler(apiServiceFromEnv(env));
    return handler(event, context);
  };
}

function apiConfig(json: string, scratch: string, stateMachineArn: string): SquallConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new ConfigError('INVALID_CONFIG', 'SQUALL_CONFIG is not JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError('INVALID_CONFIG', 'SQUALL_CONFIG must be a JSON object');
  const given = raw as { runtime?: object };
  return parseConfig({ ...given, scratch, runtime: { ...given.runtime, kind: 'aws', stateMachineArn } }, '/', 'SQUALL_CONFIG');
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new ConfigError('INVALID_CONFIG', `${name} is not set`);
  return value;
}
