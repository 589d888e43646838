/**
 * The query API's authorizer, chosen by serverless.yml's params (osls resolves
 * `${file(./deploy/apiAuth.cjs):<export>}` by calling the export):
 *   apiAuth=iam (default): every route wants a SigV4 signature of an IAM principal;
 *   apiAuth=jwt: every route wants `Authorization: Bearer <JWT>` from `jwtIssuer` for `jwtAudience`.
 * CommonJS because osls loads these files with require().
 */
'use strict';

const JWT_AUTHORIZER = 'squallJwt';

async function param(resolveVariable, name) {
  const value = await resolveVariable(`param:${name}`);
  return typeof value === 'string' ? value.trim() : '';
}

async function mode(resolveVariable) {
  const auth = await param(resolveVariable, 'apiAuth');
  if (auth !== 'iam' && auth !== 'jwt') throw new Error(`param apiAuth must be iam or jwt, not '${auth}'`);
  return auth;
}

/** provider.httpApi.authorizers: the JWT authorizer, or none for IAM. */
module.exports.authorizers = async ({ resolveVariable }) => {
  if ((await mode(resolveVariable)) === 'iam') return {};
  const issuerUrl = await param(resolveVariable, 'jwtIssuer');
  const audience = (await param(resolveVariable, 'jwtAudience')).split(',').map((a) => a.trim()).filter((a) => a !== '');
  if (!/^https:\/\/\S+$/.test(issuerUrl)) throw new Error('apiAuth=jwt needs param jwtIssuer, the https:// issuer URL of the tokens');
  if (audience.length === 0) throw new Error('apiAuth=jwt needs param jwtAudience, the audience (client id) the tokens carry (comma-separated for several)');
  return { [JWT_AUTHORIZER]: { type: 'jwt', identitySource: '$request.header.Authorization', issuerUrl, audience } };
};

/** Each route's `authorizer`. */
module.exports.routeAuthorizer = async ({ resolveVariable }) =>
  (await mode(resolveVariable)) === 'iam' ? { type: 'aws_iam' } : { name: JWT_AUTHORIZER };
