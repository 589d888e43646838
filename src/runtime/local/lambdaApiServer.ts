/**
 * The Lambda invoke API on loopback, backed by the worker pool:
 * `POST /2015-03-31/functions/{name}/invocations`. Lets the real SDK LambdaClient invoke the
 * deployed handler bundles locally, with Lambda's error contract (status 200, header
 * `x-amz-function-error: Unhandled`, body `{ errorType, errorMessage }`).
 *
 * Function names resolve like a deployment's: `plan`, `squall-dev-plan`, or a full function ARN.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkerPool } from './workerPool.ts';

export interface LambdaApiServer {
  readonly endpoint: string;
  close(): Promise<void>;
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/** The pool function a deployed name or ARN refers to (the last `-` segment of the name). */
export function poolFunctionName(nameOrArn: string, known: readonly string[]): string | null {
  const name = decodeURIComponent(nameOrArn).replace(/^arn:aws:lambda:[^:]*:[^:]*:function:/, '').replace(/:[^:]*$/, '');
  if (known.includes(name)) return name;
  const last = name.slice(name.lastIndexOf('-') + 1);
  return known.includes(last) ? last : null;
}

export function startLambdaApiServer(pool: WorkerPool, functions: readonly string[]): Promise<LambdaApiServer> {
  const server = http.createServer((req, res) => {
    const match = INVOKE_PATH.exec(req.url ?? '');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || match === null) {
        send(404, { Type: 'User', message: `Unknown operation ${req.method} ${req.url}` }, { 'x-amzn-errortype': 'UnknownOperationException' });
        return;
      }
      const fn = poolFunctionName(match[1]!, functions);
      if (fn === null) {
        send(404, { Type: 'User', message: `Function not found: ${match[1]}` }, { 'x-amzn-errortype': 'ResourceNotFoundException' });
        return;
      }
      let payload: unknown;
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        payload = text === '' ? {} : JSON.parse(text);
      } catch {
        send(400, { Type: 'User', message: 'Could not parse request body into json' }, { 'x-amzn-errortype': 'InvalidRequestContentException' });
        return;
      }
      const asynchronous = req.headers['x-amz-invocation-type'] === 'Event';
      const invocation = pool.invoke(fn, payload);
      if (asynchronous) {
        invocation.catch(() => undefined);
        send(202, {});
        return;
      }
      invocation.then(
        (result) => send(200, result ?? null, { 'x-amz-executed-version': '$LATEST' }),
        (err: Error) => send(200, { errorType: err.name, errorMessage: err.message }, { 'x-amz-function-error': 'Unhandled', 'x-amz-executed-version': '$LATEST' }),
      );
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        endpoint: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
