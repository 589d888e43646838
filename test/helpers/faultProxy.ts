/**
 * A tiny HTTP proxy in front of s3rver that can delay or fail chosen requests, and records
 * whether each response was completed or abandoned by the client: straggler and retry tests
 * need a slow or flaky S3 on demand.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  readonly seq: number;
  readonly method: string;
  readonly url: string;
  readonly range: string | undefined;
  /** The response was fully sent. */
  completed: boolean;
  /** The client closed the connection before the response was complete. */
  abortedByClient: boolean;
}

/** What to do with one request: pass it on, pass it on late, or answer with an S3 error. */
export type Fault = { readonly delayMs: number } | { readonly status: number; readonly code: string } | undefined;

export interface FaultProxy {
  readonly endpoint: string;
  readonly requests: ProxiedRequest[];
  close(): Promise<void>;
}

export async function startFaultProxy(target: string, decide: (req: ProxiedRequest) => Fault): Promise<FaultProxy> {
  const upstream = new URL(target);
  const requests: ProxiedRequest[] = [];
  const server = http.createServer((req, res) => {
    const rec: ProxiedRequest = {
      seq: requests.length,
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      range: req.headers.range,
      completed: false,
      abortedByClient: false,
    };
    requests.push(rec);
    res.on('close', () => {
      rec.completed = res.writableFinished;
      rec.abortedByClient = !res.writableFinished;
    });
    const fault = decide(rec);
    if (fault !== undefined && 'status' in fault) {
      req.resume();
      res.writeHead(fault.status, { 'content-type': 'application/xml' });
      res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${fault.code}</Code><Message>injected</Message></Error>`);
      return;
    }
    const forward = (): void => {
      if (res.destroyed) return;
      // Headers go through untouched: the Host header is part of the SigV4 signature.
      const up = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (upRes) => {
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
        },
      );
      up.on('error', () => res.destroy());
      res.on('close', () => up.destroy());
      req.pipe(up);
    };
    if (fault !== undefined) setTimeout(forward, fault.delayMs);
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
