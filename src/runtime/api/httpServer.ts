/** `squall serve`: the query service core behind node:http. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiRequest } from './http.ts';
import type { StatementService } from './statementService.ts';

/** Largest SQL text accepted (Trino's default query.max-length is 1,000,000 characters). */
const MAX_BODY_BYTES = 4 << 20;

export interface RunningServer {
  readonly server: Server;
  /** `http://host:port` */
  readonly url: string;
  close(): Promise<void>;
}

export async function startHttpServer(service: StatementService, port: number, host = '127.0.0.1'): Promise<RunningServer> {
  const server = createServer((req, res) => {
    serve(service, req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Internal error: ${err instanceof Error ? err.message : String(err)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function serve(service: StatementService, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_BODY_BYTES) {
      res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8' }).end('Query text too large');
      return;
    }
    chunks.push(b);
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const proto = typeof req.headers['x-forwarded-proto'] === 'string' ? req.headers['x-forwarded-proto'] : 'http';
  const request: ApiRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    headers: req.headers,
    body: Buffer.concat(chunks).toString('utf8'),
    baseUrl: `${proto}://${req.headers.host ?? 'localhost'}`,
  };
  const response = await service.handle(request);
  res.writeHead(response.status, response.headers).end(response.body);
}
