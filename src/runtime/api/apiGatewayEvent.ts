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
    /** What the route's authorizer verified: an IAM (SigV4) caller or a JWT's claims. */
    readonly authorizer?: {
      readonly iam?: { readonly userArn?: string; readonly userId?: string };
      readonly jwt?: { readonly claims?: Readonly<Record<string, unknown>>; readonly scopes?: readonly string[] | null };
    };
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
    ...withIdentity(gatewayIdentity(event)),
  };
}

/**
 * The caller the route's authorizer verified: a JWT's subject (`sub` claim), or the IAM
 * principal that signed the request (its ARN, else its unique id). Undefined without either.
 */
export function gatewayIdentity(event: HttpApiEvent): string | undefined {
  const auth = event.requestContext.authorizer;
  const sub = auth?.jwt?.claims?.sub;
  if (typeof sub === 'string' && sub !== '') return sub;
  if (auth?.jwt !== undefined) return undefined;
  const iam = auth?.iam;
  return nonEmpty(iam?.userArn) ?? nonEmpty(iam?.userId);
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}

function withIdentity(identity: string | undefined): { identity?: string } {
  return identity === undefined ? {} : { identity };
}

export function toHttpApiResult(res: ApiResponse): HttpApiResult {
  return { statusCode: res.status, headers: { ...res.headers }, body: res.body, isBase64Encoded: false };
}
