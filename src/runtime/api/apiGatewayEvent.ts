/**
 * API Gateway HTTP API (payload format 2.0) events to and from the transport-free ApiRequest and
 * ApiResponse of the query service. Only the fields Squall reads are typed.
 */
import type { ApiRequest, ApiResponse } from './http.ts';

export interface HttpApiEvent {
  readonly version: string;
  readonly rawPath: string;
  readonly rawQueryString?: string;
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly body?: string;
  readonly isBase64Encoded: boolean;
  readonly requestContext: {
    readonly domainName: string;
    readonly stage: string;
    readonly http: { readonly method: string; readonly path: string };
  };
}

export interface HttpApiResult {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly isBase64Encoded: false;
}

export function toApiRequest(event: HttpApiEvent): ApiRequest {
  const { stage, domainName, http } = event.requestContext;
  // A named stage prefixes every path (/dev/v1/statement); links must keep it, routes must not see it.
  const prefix = stage === '$default' ? '' : `/${stage}`;
  const path = prefix !== '' && event.rawPath.startsWith(`${prefix}/`) ? event.rawPath.slice(prefix.length) : event.rawPath;
  const headers: Record<string, string> = {};
  // HTTP API already joins repeated headers with commas and lower-cases names; be safe on case.
  for (const [name, value] of Object.entries(event.headers ?? {})) if (value !== undefined) headers[name.toLowerCase()] = value;
  const raw = event.body ?? '';
  const forwardedProto = headers['x-forwarded-proto'] ?? 'https';
  return {
    method: http.method.toUpperCase(),
    path,
    headers,
    body: event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw,
    baseUrl: `${forwardedProto}://${domainName}${prefix}`,
  };
}

export function toHttpApiResult(res: ApiResponse): HttpApiResult {
  return { statusCode: res.status, headers: { ...res.headers }, body: res.body, isBase64Encoded: false };
}
