/** The transport-neutral request and response the query service core handles. */

/** Header names in lower case (as node:http and API Gateway v2 give them). */
export type ApiHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface ApiRequest {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly headers: ApiHeaders;
  readonly body: string;
  /** Scheme, host and port the client reached us at, for absolute nextUri links. */
  readonly baseUrl: string;
  /** The caller as a gateway in front verified them (API Gateway's IAM or JWT authorizer). */
  readonly identity?: string;
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export function header(headers: ApiHeaders, name: string): string | undefined {
  const v = headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s !== '' ? s : undefined;
}

export function jsonResponse(status: number, body: unknown): ApiResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export function textResponse(status: number, text: string, headers: Readonly<Record<string, string>> = {}): ApiResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body: text };
}
