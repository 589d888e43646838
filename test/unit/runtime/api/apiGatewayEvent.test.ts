/** API Gateway HTTP API (v2) events through the api function's handler, on a memory store. */
import { describe, expect, it } from 'vitest';
import { toApiRequest, toHttpApiResult, type HttpApiEvent } from '../../../../src/runtime/api/apiGatewayEvent.ts';
import type { QueryResults } from '../../../../src/runtime/api/protocol.ts';
import { MemoryQueryStore } from '../../../../src/runtime/api/queryStore.ts';
import { StatementService } from '../../../../src/runtime/api/statementService.ts';
import { apiFunction, apiHandler, notWiredEngine } from '../../../../src/runtime/lambda/apiFunction.ts';

function event(method: string, rawPath: string, extra: Partial<HttpApiEvent> = {}, stage = '$default'): HttpApiEvent {
  return {
    version: '2.0',
    rawPath,
    rawQueryString: '',
    headers: { host: 'abc123.execute-api.us-east-1.amazonaws.com', 'x-trino-user': 'ann', 'x-forwarded-proto': 'https' },
    isBase64Encoded: false,
    requestContext: { domainName: 'abc123.execute-api.us-east-1.amazonaws.com', stage, http: { method, path: rawPath } },
    ...extra,
  };
}

describe('toApiRequest', () => {
  it('takes method, path, headers and body; links point back at the API domain', () => {
    const req = toApiRequest(event('post', '/v1/statement', { body: 'SELECT 1', headers: { 'X-Trino-Catalog': 'lake' } }));
    expect(req).toEqual({
      method: 'POST',
      path: '/v1/statement',
      headers: { 'x-trino-catalog': 'lake' },
      body: 'SELECT 1',
      baseUrl: 'https://abc123.execute-api.us-east-1.amazonaws.com',
    });
  });

  it('decodes a base64 body and keeps a named stage in links but not in the route', () => {
    const req = toApiRequest(event('POST', '/dev/v1/statement', { body: Buffer.from('SELECT é').toString('base64'), isBase64Encoded: true }, 'dev'));
    expect(req.path).toBe('/v1/statement');
    expect(req.body).toBe('SELECT é');
    expect(req.baseUrl).toBe('https://abc123.execute-api.us-east-1.amazonaws.com/dev');
  });

  it('gives API Gateway its result shape', () => {
    expect(toHttpApiResult({ status: 204, headers: { a: 'b' }, body: '' })).toEqual({ statusCode: 204, headers: { a: 'b' }, body: '', isBase64Encoded: false });
  });
});

describe('api handler', () => {
  it('queues a query, then reports NOT_SUPPORTED while AWS execution is not wired', async () => {
    const handler = apiHandler(new StatementService({ engine: notWiredEngine, store: new MemoryQueryStore(), maxWaitMs: 0 }));
    const posted = await handler(event('POST', '/v1/statement', { body: 'SELECT 1' }));
    expect(posted.statusCode).toBe(200);
    expect(posted.headers['content-type']).toBe('application/json');
    const first = JSON.parse(posted.body) as QueryResults;
    expect(first.stats.state).toBe('QUEUED');
    const next = new URL(first.nextUri!);
    expect(next.origin).toBe('https://abc123.execute-api.us-east-1.amazonaws.com');

    const got = await handler(event('GET', next.pathname));
    const page = JSON.parse(got.body) as QueryResults;
    expect(page.stats.state).toBe('FAILED');
    expect(page.error?.errorName).toBe('NOT_SUPPORTED');
    expect(page.nextUri).toBeUndefined();

    expect((await handler(event('DELETE', `/v1/query/${first.id}`))).statusCode).toBe(204);
    expect((await handler(event('GET', '/v1/nothing'))).statusCode).toBe(404);
  });

  it('the deployed handler names the missing table', async () => {
    await expect(apiFunction({})(event('GET', '/v1/info'))).rejects.toThrow(/QUERIES_TABLE/);
  });
});
