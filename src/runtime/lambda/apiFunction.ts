/**
 * The `api` Lambda: the Trino client protocol and `POST /v1/query` behind API Gateway (HTTP
 * API, payload 2.0). Query state in DynamoDB; each query an execution of the query state
 * machine, started by the request that submits it and asked about by the requests that follow;
 * results read page by page from the pages the final step writes to the scratch bucket. The
 * user is the identity the route's authorizer verified (IAM caller or JWT subject).
 *
 * Environment (serverless.yml): QUERIES_TABLE, LEDGER_TABLE and what deployedConfig reads (the packaged
 * config file, the state machine, the scratch).
 */
import middy from '@middy/core';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { toApiRequest, toHttpApiResult, type HttpApiEvent, type HttpApiResult } from '../api/apiGatewayEvent.ts';
import { DynamoLedger } from '../accounting/dynamoLedger.ts';
import { DynamoQueryStore } from '../api/dynamoQueryStore.ts';
import { ObjectStoreResultStore } from '../api/objectStoreResultStore.ts';
import { StatementService } from '../api/statementService.ts';
import { StepFunctionsRunner } from '../api/stepFunctionsRunner.ts';
import { DEFAULT_PAGE_SPEC } from '../engine/resultPages.ts';
import { deployedConfig, requiredEnv } from './deployedConfig.ts';

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
  /** DynamoDB client for the queries and ledger tables (default: the SDK's, from the environment). */
  readonly dynamo?: DynamoDBClient;
}

/** The deployed service, from the function's environment. */
export function apiServiceFromEnv(env: NodeJS.ProcessEnv, clients: ApiClients = {}): StatementService {
  const tableName = requiredEnv(env, 'QUERIES_TABLE');
  const config = deployedConfig(env);
  const stateMachineArn = config.runtime.stateMachineArn!;
  const runtime = config.runtime;
  const dynamo = clients.dynamo ?? new DynamoDBClient({});
  const store = new DynamoQueryStore({ client: dynamo, tableName });
  const results = new ObjectStoreResultStore(config.scratch!, config.scratchS3, DEFAULT_PAGE_SPEC);
  const sfn = new SFNClient({
    ...(runtime.region ? { region: runtime.region } : {}),
    ...(runtime.endpoint ? { endpoint: runtime.endpoint, disableHostPrefix: true } : {}),
  });
  const ledger = new DynamoLedger({ client: dynamo, tableName: requiredEnv(env, 'LEDGER_TABLE') });
  const runner = new StepFunctionsRunner({ client: sfn, stateMachineArn, config, store, results, pageSpec: DEFAULT_PAGE_SPEC, ledger });
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
