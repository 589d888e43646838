/**
 * The `api` Lambda: the Trino client protocol behind API Gateway (HTTP API, payload 2.0), query
 * state in the DynamoDB table named by QUERIES_TABLE.
 *
 * Running queries from this function is NOT wired yet: a query submitted here is recorded, then
 * fails with NOT_SUPPORTED (visible on the first GET of its nextUri). Starting the query state
 * machine and reading results from scratch is the next step; until then `squall serve` runs queries.
 */
import middy from '@middy/core';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConfigError, SquallError } from '../../errors.ts';
import { toApiRequest, toHttpApiResult, type HttpApiEvent, type HttpApiResult } from '../api/apiGatewayEvent.ts';
import { DynamoQueryStore } from '../api/dynamoQueryStore.ts';
import { MemoryResultStore } from '../api/resultStore.ts';
import { StatementService, type QueryEngine } from '../api/statementService.ts';

/** The engine of the api function until it starts the state machine. */
export const notWiredEngine: QueryEngine = {
  async query() {
    throw new SquallError('NOT_SUPPORTED', 'Running queries through the AWS API is not wired yet: use `squall serve` or `squall query`');
  },
};

/** The handler over a given service (tests pass one with a memory store). */
export function apiHandler(service: StatementService): (event: HttpApiEvent, context?: object) => Promise<HttpApiResult> {
  const wrapped = middy(async (event: HttpApiEvent): Promise<HttpApiResult> => {
    const response = await service.handle(toApiRequest(event));
    // A frozen sandbox would never record the queries this request started: wait for them.
    await service.settle();
    return toHttpApiResult(response);
  }) as unknown as (event: HttpApiEvent, context: object) => Promise<HttpApiResult>;
  return (event, context) => wrapped(event, context ?? {});
}

/** The deployed handler: the service is built once per sandbox, from the environment. */
export function apiFunction(env: NodeJS.ProcessEnv = process.env): (event: HttpApiEvent, context?: object) => Promise<HttpApiResult> {
  let handler: ((event: HttpApiEvent, context?: object) => Promise<HttpApiResult>) | undefined;
  return async (event, context) => {
    if (handler === undefined) {
      const tableName = env.QUERIES_TABLE;
      if (tableName === undefined || tableName === '') throw new ConfigError('INVALID_CONFIG', 'QUERIES_TABLE is not set');
      const store = new DynamoQueryStore({ client: new DynamoDBClient({}), tableName, results: new MemoryResultStore() });
      handler = apiHandler(new StatementService({ engine: notWiredEngine, store, maxWaitMs: 0 }));
    }
    return handler(event, context);
  };
}
