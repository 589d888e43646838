/**
 * Who is asking: `Authorization: Bearer <token>` or HTTP Basic whose password is the token,
 * looked up in the config's `auth.tokens`; or, behind API Gateway, the identity its authorizer
 * verified (IAM caller, or a JWT's subject). Without `auth`, anyone may name themselves with
 * X-Trino-User (as an unsecured Trino coordinator allows).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiHeaders } from './http.ts';
import { header } from './http.ts';

export type AuthConfig = TokenAuth | GatewayAuth;

export interface TokenAuth {
  /** token → user */
  readonly tokens: Readonly<Record<string, string>>;
}

/**
 * Behind a gateway that authorizes every request: the user is the identity it verified, and a
 * request without one is refused. X-Trino-User is ignored, as Trino clients always send one
 * (their OS user name, say) that no IAM principal or JWT subject would match.
 */
export interface GatewayAuth {
  readonly gateway: true;
}

export type AuthResult =
  | { readonly ok: true; readonly user: string }
  | { readonly ok: false; readonly status: 401 | 403; readonly message: string };

const ANONYMOUS = 'anonymous';

export function authenticate(headers: ApiHeaders, auth: AuthConfig | undefined, identity?: string): AuthResult {
  if (auth !== undefined && 'gateway' in auth) {
    return identity !== undefined && identity !== '' ? { ok: true, user: identity } : { ok: false, status: 401, message: 'Unauthorized: no verified identity' };
  }
  const claimed = header(headers, 'x-trino-user') ?? header(headers, 'x-presto-user');
  if (auth === undefined) return { ok: true, user: claimed ?? ANONYMOUS };
  const credentials = parseAuthorization(header(headers, 'authorization'));
  if (credentials === null) return { ok: false, status: 401, message: 'Unauthorized: credentials required' };
  const user = userForToken(credentials.token, auth.tokens);
  if (user === undefined || (credentials.user !== undefined && credentials.user !== user)) {
    return { ok: false, status: 401, message: 'Unauthorized: invalid credentials' };
  }
  if (claimed !== undefined && claimed !== user) {
    return { ok: false, status: 403, message: `Access Denied: User ${user} cannot impersonate user ${claimed}` };
  }
  return { ok: true, user };
}

function parseAuthorization(value: string | undefined): { token: string; user?: string } | null {
  if (value === undefined) return null;
  const space = value.indexOf(' ');
  if (space < 0) return null;
  const scheme = value.slice(0, space).toLowerCase();
  const rest = value.slice(space + 1).trim();
  if (scheme === 'bearer' && rest !== '') return { token: rest };
  if (scheme === 'basic') {
    const decoded = Buffer.from(rest, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    return { user: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
  }
  return null;
}

/** Compares digests in constant time, so response timing does not leak a token's prefix. */
function userForToken(token: string, tokens: Readonly<Record<string, string>>): string | undefined {
  const digest = sha256(token);
  let found: string | undefined;
  for (const [candidate, user] of Object.entries(tokens)) {
    if (timingSafeEqual(digest, sha256(candidate))) found = user;
  }
  return found;
}

function sha256(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}
