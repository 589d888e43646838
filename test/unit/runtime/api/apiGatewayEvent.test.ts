/** API Gateway HTTP API (v2) events through the api function's handler, on a memory store. */
import { describe, expect, it } from 'vitest';
import { gatewayIdentity, toApiRequest, toHttpApiResult, type HttpApiEvent } from '../../../../src/runtime/api/apiGatewayEvent.ts';
import { authenticate } from '../../../../src/runtime/api/auth.ts';
import type { QueryResults } from '../../../../src/runtime/api/protocol.ts';
import { MemoryQueryStore } from '../../../../src/runtime/api/queryStore.ts';
import { StatementService, type QueryEngine } from '../../../../src/runtime/api/statementService.ts';
import { SquallError } from '../../../../src/errors.ts';
import { apiFunction, apiHandler } from '../../../../src/runtime/lambda/apiFunction.ts';

/** An engine that refuses every query: the handler's routes and its error path. */
const refusing: QueryEngine = {
  async query() {
    throw new SquallError('NOT_SUPPORTED', 'not here');
  },
};

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
  it('queues a query, then reports its failure on the next GET', async () => {
    const handler = apiHandler(new StatementService({ engine: refusing, store: new MemoryQueryStore(), maxWaitMs: 0 }));
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

describe('the user behind API Gateway', () => {
  const iam = { iam: { userArn: 'arn:aws:iam::123456789012:user/ann', userId: 'AIDAEXAMPLE' } };
  const jwt = (claims: Record<string, unknown>) => ({ jwt: { claims, scopes: null } });
  const withAuthorizer = (authorizer: object, method = 'GET', path = '/v1/info'): HttpApiEvent => {
    const e = event(method, path);
    return { ...e, requestContext: { ...e.requestContext, authorizer } };
  };

  it('is the JWT subject, or the IAM caller (its ARN, else its id), else no one', () => {
    expect(gatewayIdentity(withAuthorizer(jwt({ sub: 'user-7f3a', iss: 'https://issuer.example.com/', aud: 'squall' })))).toBe('user-7f3a');
    expect(gatewayIdentity(withAuthorizer(iam))).toBe('arn:aws:iam::123456789012:user/ann');
    expect(gatewayIdentity(withAuthorizer({ iam: { userId: 'AROAEXAMPLE:session' } }))).toBe('AROAEXAMPLE:session');
    // A token without a subject names no one, whatever else the context holds.
    expect(gatewayIdentity(withAuthorizer({ ...iam, ...jwt({ email: 'ann@example.com' }) }))).toBeUndefined();
    expect(gatewayIdentity(withAuthorizer(jwt({ sub: '' })))).toBeUndefined();
    expect(gatewayIdentity(event('GET', '/v1/info'))).toBeUndefined();
    expect(toApiRequest(withAuthorizer(jwt({ sub: 'user-7f3a' }))).identity).toBe('user-7f3a');
  });

  it('is the only user the service accepts: X-Trino-User is ignored, no identity is 401', () => {
    const gateway = { gateway: true } as const;
    expect(authenticate({ 'x-trino-user': 'root' }, gateway, 'arn:aws:iam::123456789012:user/ann')).toEqual({ ok: true, user: 'arn:aws:iam::123456789012:user/ann' });
    expect(authenticate({ 'x-trino-user': 'root' }, gateway, undefined)).toMatchObject({ ok: false, status: 401 });
    expect(authenticate({ authorization: 'Bearer x' }, gateway, '')).toMatchObject({ ok: false, status: 401 });
  });

  it('owns the queries it submits: another caller gets 404, a request without an identity 401', async () => {
    const handler = apiHandler(new StatementService({ engine: refusing, store: new MemoryQueryStore(), maxWaitMs: 0, auth: { gateway: true } }));
    const posted = await handler({ ...withAuthorizer(jwt({ sub: 'user-7f3a' }), 'POST', '/v1/statement'), body: 'SELECT 1' });
    const first = JSON.parse(posted.body) as QueryResults;
    const path = new URL(first.nextUri!).pathname;
    expect((await handler(withAuthorizer(jwt({ sub: 'user-7f3a' }), 'GET', path))).statusCode).toBe(200);
    expect((await handler(withAuthorizer(jwt({ sub: 'user-0000' }), 'GET', path))).statusCode).toBe(404);
    expect((await handler(withAuthorizer(iam, 'GET', `/v1/query/${first.id}`))).statusCode).toBe(404);
    expect((await handler(event('GET', path))).statusCode).toBe(401);
  });
});
