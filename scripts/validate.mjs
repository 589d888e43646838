#!/usr/bin/env node
/**
 * `npm run validate`: the deploy artifacts are sound without an AWS account.
 * 1. every state machine in state-machines/ passes asl-validator;
 * 2. serverless.yml packages offline with osls (configValidationMode: error, and
 *    serverless-step-functions validates the machine);
 * 3. the packaged CloudFormation carries exactly the states of state-machines/query.asl.json
 *    and one zip per function holding its bundle and the parquet-wasm module;
 * 4. the query API: its environment names the table, the state machine and the scratch; its
 *    role allows only what it needs (the table; start on the query state machine, describe and
 *    stop on its executions; objects under the scratch bucket's queries/ prefix); every route
 *    is behind the IAM authorizer by default, and behind the JWT authorizer when packaged with
 *    apiAuth=jwt (which refuses to package without an issuer).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const fail = (msg) => {
  console.error(`validate: ${msg}`);
  process.exit(1);
};
const run = (cmd, args, label) => {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env: { ...process.env, SLS_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) fail(`${label} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
};

run(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--quiet'], 'build');

const machines = readdirSync(path.join(root, 'state-machines')).filter((f) => f.endsWith('.asl.json'));
if (machines.length === 0) fail('no state machines found');
for (const m of machines) {
  run(bin('asl-validator'), ['--json-path', path.join('state-machines', m)], `asl-validator ${m}`);
  console.log(`✓ ${m} is valid ASL`);
}

run(bin('osls'), ['package', '--stage', 'validate'], 'osls package');
const template = JSON.parse(readFileSync(path.join(root, '.serverless', 'cloudformation-template-update-stack.json'), 'utf8'));
const resources = Object.values(template.Resources);
const stateMachines = resources.filter((r) => r.Type === 'AWS::StepFunctions::StateMachine');
if (stateMachines.length !== machines.length) fail(`expected ${machines.length} state machine(s), packaged ${stateMachines.length}`);
const source = JSON.parse(readFileSync(path.join(root, 'state-machines', 'query.asl.json'), 'utf8'));
const packaged = JSON.parse(stateMachines[0].Properties.DefinitionString['Fn::Sub'][0]);
const states = (def) => {
  const out = [];
  const visit = (s, prefix) => {
    for (const [name, st] of Object.entries(s)) {
      out.push(`${prefix}${name}:${st.Type}`);
      if (st.ItemProcessor) visit(st.ItemProcessor.States, `${prefix}${name}/`);
    }
  };
  visit(def.States, '');
  return out.sort().join(',');
};
if (states(source) !== states(packaged)) fail('the packaged state machine differs from state-machines/query.asl.json');
console.log('✓ serverless.yml packages offline; the deployed state machine is state-machines/query.asl.json');

for (const fn of ['plan', 'scan', 'merge', 'api']) {
  const listing = run('unzip', ['-l', path.join('.serverless', `${fn}.zip`)], `unzip ${fn}.zip`);
  // Every file the build wrote for the function (entry, chunks, the .wasm where used) is packaged.
  const dir = path.join(root, 'dist', 'functions', fn);
  const files = readdirSync(dir, { recursive: true }).filter((f) => !f.endsWith('.map') && statSync(path.join(dir, f)).isFile());
  if (!files.includes('index.mjs')) fail(`dist/functions/${fn} has no index.mjs`);
  if (fn === 'scan' && !files.includes('parquet_wasm_bg.wasm')) fail('the scan function lacks parquet-wasm\'s .wasm');
  for (const f of files) {
    if (!listing.includes(`dist/functions/${fn}/${f.split(path.sep).join('/')}`)) fail(`${fn}.zip lacks dist/functions/${fn}/${f}`);
  }
  const fnResource = template.Resources[`${fn[0].toUpperCase()}${fn.slice(1)}LambdaFunction`];
  const p = fnResource.Properties;
  if (p.Runtime !== 'nodejs22.x' || p.Architectures?.[0] !== 'arm64') fail(`${fn}: expected nodejs22.x on arm64`);
}
const table = template.Resources.QueriesTable;
if (table?.Type !== 'AWS::DynamoDB::Table' || table.Properties.BillingMode !== 'PAY_PER_REQUEST' || table.Properties.TimeToLiveSpecification?.AttributeName !== 'expiresAt') {
  fail('QueriesTable must be a PAY_PER_REQUEST DynamoDB table with TTL on expiresAt');
}
const apiEnv = template.Resources.ApiLambdaFunction.Properties.Environment?.Variables ?? {};
const machineId = Object.keys(template.Resources).find((k) => template.Resources[k].Type === 'AWS::StepFunctions::StateMachine');
const machineName = template.Resources[machineId].Properties.StateMachineName;
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
if (!same(apiEnv.QUERIES_TABLE, { Ref: 'QueriesTable' })) fail('the api function must get QUERIES_TABLE = the QueriesTable');
if (!same(apiEnv.QUERY_STATE_MACHINE_ARN, { Ref: machineId })) fail('the api function must get QUERY_STATE_MACHINE_ARN = the query state machine');
if (!same(apiEnv.SCRATCH_URI, { 'Fn::Sub': 's3://${ScratchBucket}/queries' })) fail('the api function must get SCRATCH_URI = the scratch bucket\'s queries/ prefix');
let apiConfig;
try {
  apiConfig = JSON.parse(apiEnv.SQUALL_CONFIG);
} catch {
  fail('the api function\'s SQUALL_CONFIG must be JSON');
}
if (Object.keys(apiConfig.catalogs ?? {}).length === 0) fail('the api function\'s SQUALL_CONFIG names no catalog');

// The api role, statement by statement: each action on exactly its resources, nothing else.
const execArn = { 'Fn::Join': [':', ['arn:aws:states', { Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }, 'execution', machineName, '*']] };
const scratchObjects = { 'Fn::Sub': 'arn:aws:s3:::${ScratchBucket}/queries/*' };
const expectedApi = {
  'dynamodb:GetItem': [{ 'Fn::GetAtt': ['QueriesTable', 'Arn'] }],
  'dynamodb:PutItem': [{ 'Fn::GetAtt': ['QueriesTable', 'Arn'] }],
  'dynamodb:UpdateItem': [{ 'Fn::GetAtt': ['QueriesTable', 'Arn'] }],
  'states:StartExecution': [{ Ref: machineId }],
  'states:DescribeExecution': [execArn],
  'states:StopExecution': [execArn],
  's3:GetObject': [scratchObjects],
  's3:PutObject': [scratchObjects],
  's3:DeleteObject': [scratchObjects],
  's3:ListBucket': [{ 'Fn::Sub': 'arn:aws:s3:::${ScratchBucket}' }],
};
const granted = {};
for (const policy of template.Resources.ApiRole.Properties.Policies) {
  for (const st of policy.PolicyDocument.Statement) {
    if (st.Effect !== 'Allow') continue;
    const resources = [st.Resource].flat();
    for (const action of [st.Action].flat()) {
      (granted[action] ??= []).push(...resources);
      if (action === 's3:ListBucket' && !same(st.Condition, { StringLike: { 's3:prefix': 'queries/*' } })) fail('the api role may list only the queries/ prefix');
    }
  }
}
for (const action of new Set([...Object.keys(expectedApi), ...Object.keys(granted)])) {
  if (!same(granted[action], expectedApi[action])) fail(`the api role grants ${action} on ${JSON.stringify(granted[action] ?? [])}, expected ${JSON.stringify(expectedApi[action] ?? [])}`);
}
console.log('✓ the api function gets the table, the state machine and the scratch, and a least-privilege role');

// Every route of the query endpoint, each behind the chosen authorizer.
const ROUTES = ['POST /v1/statement', 'GET /v1/statement/{proxy+}', 'DELETE /v1/statement/{proxy+}', 'GET /v1/query/{id}', 'DELETE /v1/query/{id}', 'POST /v1/query', 'GET /v1/query/{id}/result'];
const routesOf = (t) => Object.values(t.Resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route');
const checkRouteKeys = (t, variant) => {
  const keys = routesOf(t).map((r) => r.Properties.RouteKey).sort();
  if (!same(keys, [...ROUTES].sort())) fail(`${variant}: the query endpoint's routes are ${keys.join(', ')}, expected ${ROUTES.join(', ')}`);
};
checkRouteKeys(template, 'apiAuth=iam');
if (routesOf(template).some((r) => r.Properties.AuthorizationType !== 'AWS_IAM')) fail('every route of the query endpoint must use the IAM authorizer by default');
if (Object.values(template.Resources).some((r) => r.Type === 'AWS::ApiGatewayV2::Authorizer')) fail('with apiAuth=iam there must be no JWT authorizer');

const jwtParams = { issuer: 'https://issuer.example.com/', audience: 'squall-cli' };
const jwtDir = mkdtempSync(path.join(os.tmpdir(), 'squall-validate-jwt-'));
try {
  run(bin('osls'), ['package', '--stage', 'validate', '--package', jwtDir, '--param=apiAuth=jwt', `--param=jwtIssuer=${jwtParams.issuer}`, `--param=jwtAudience=${jwtParams.audience}`], 'osls package (apiAuth=jwt)');
  const jwt = JSON.parse(readFileSync(path.join(jwtDir, 'cloudformation-template-update-stack.json'), 'utf8'));
  checkRouteKeys(jwt, 'apiAuth=jwt');
  const authorizers = Object.entries(jwt.Resources).filter(([, r]) => r.Type === 'AWS::ApiGatewayV2::Authorizer');
  if (authorizers.length !== 1) fail(`apiAuth=jwt: expected one authorizer, packaged ${authorizers.length}`);
  const [authorizerId, authorizer] = authorizers[0];
  const a = authorizer.Properties;
  if (a.AuthorizerType !== 'JWT' || !same(a.JwtConfiguration, { Audience: [jwtParams.audience], Issuer: jwtParams.issuer }) || !same(a.IdentitySource, ['$request.header.Authorization'])) {
    fail(`apiAuth=jwt: the authorizer must check Bearer tokens of the issuer and audience given, got ${JSON.stringify(a)}`);
  }
  for (const r of routesOf(jwt)) {
    if (r.Properties.AuthorizationType !== 'JWT' || !same(r.Properties.AuthorizerId, { Ref: authorizerId })) fail(`apiAuth=jwt: route ${r.Properties.RouteKey} is not behind the JWT authorizer`);
  }
  const noIssuer = spawnSync(bin('osls'), ['package', '--stage', 'validate', '--package', jwtDir, '--param=apiAuth=jwt'], { cwd: root, encoding: 'utf8', env: { ...process.env, SLS_TELEMETRY_DISABLED: '1' } });
  if (noIssuer.status === 0 || !/needs param jwtIssuer/.test(noIssuer.stdout + noIssuer.stderr)) fail('apiAuth=jwt without jwtIssuer must refuse to package');
} finally {
  rmSync(jwtDir, { recursive: true, force: true });
}
console.log('✓ every query API route is behind the IAM authorizer, or with apiAuth=jwt behind the JWT authorizer');
console.log('✓ plan, scan, merge and api package every file of their bundles (nodejs22.x, arm64)');
