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
 * 5. the reports of deploy/example.config.json (which Squall itself accepts) became EventBridge
 *    rules invoking the report function with {report, time}, beside the ReportRunsTable and a
 *    report role limited to that table, the query state machine and the reports' prefixes.
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

const exampleConfig = 'deploy/example.config.json';
run(bin('osls'), ['package', '--stage', 'validate', `--param=config=${exampleConfig}`], 'osls package');
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

for (const fn of ['plan', 'scan', 'merge', 'api', 'report']) {
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
console.log('✓ plan, scan, merge, api and report package every file of their bundles (nodejs22.x, arm64)');
const table = template.Resources.QueriesTable;
if (table?.Type !== 'AWS::DynamoDB::Table' || table.Properties.BillingMode !== 'PAY_PER_REQUEST' || table.Properties.TimeToLiveSpecification?.AttributeName !== 'expiresAt') {
  fail('QueriesTable must be a PAY_PER_REQUEST DynamoDB table with TTL on expiresAt');
}
// Results are readable only through the API: the scratch bucket blocks every kind of public
// access, has no bucket policy, and its queries/ prefix (plans, partials, result pages) expires.
const bucket = template.Resources.ScratchBucket?.Properties ?? {};
const block = bucket.PublicAccessBlockConfiguration ?? {};
if (!['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'].every((k) => block[k] === true)) fail('the scratch bucket must block all public access');
if (Object.values(template.Resources).some((r) => r.Type === 'AWS::S3::BucketPolicy' && r.Properties.Bucket?.Ref === 'ScratchBucket')) fail('no bucket policy may open the scratch bucket');
if (!(bucket.LifecycleConfiguration?.Rules ?? []).some((r) => r.Status === 'Enabled' && r.Prefix === 'queries/' && r.ExpirationInDays >= 1)) fail('the scratch bucket\'s queries/ prefix must expire');
console.log('✓ the scratch bucket is private (all public access blocked, no bucket policy) and its queries/ prefix expires');
// The cost ledger: on-demand, encrypted, keyed as dynamoLedger.ts writes it.
const ledgerTable = template.Resources.LedgerTable;
const lp = ledgerTable?.Properties ?? {};
const ledgerKeys = (lp.KeySchema ?? []).map((k) => `${k.AttributeName}:${k.KeyType}`).join(',');
if (ledgerTable?.Type !== 'AWS::DynamoDB::Table' || lp.BillingMode !== 'PAY_PER_REQUEST' || lp.SSESpecification?.SSEEnabled !== true || ledgerKeys !== 'pk:HASH,sk:RANGE') {
  fail('LedgerTable must be a PAY_PER_REQUEST, SSE-encrypted DynamoDB table keyed pk (HASH), sk (RANGE)');
}
const apiEnv = template.Resources.ApiLambdaFunction.Properties.Environment?.Variables ?? {};
const machineId = Object.keys(template.Resources).find((k) => template.Resources[k].Type === 'AWS::StepFunctions::StateMachine');
const machineName = template.Resources[machineId].Properties.StateMachineName;
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
/**
 * A role's grants, action by action, must be exactly `expected` (action → resources, in
 * statement order): nothing missing, nothing extra; listing only the scratch queries/ prefix.
 */
const checkGrants = (role, expected) => {
  const granted = {};
  for (const policy of template.Resources[role].Properties.Policies) {
    for (const st of policy.PolicyDocument.Statement) {
      if (st.Effect !== 'Allow') fail(`${role} has a statement that is not Allow`);
      const resources = [st.Resource].flat();
      for (const action of [st.Action].flat()) {
        (granted[action] ??= []).push(...resources);
        if (action === 's3:ListBucket' && !same(st.Condition, { StringLike: { 's3:prefix': 'queries/*' } })) fail(`${role} may list only the queries/ prefix`);
      }
    }
  }
  for (const action of new Set([...Object.keys(expected), ...Object.keys(granted)])) {
    if (!same(granted[action], expected[action])) fail(`${role} grants ${action} on ${JSON.stringify(granted[action] ?? [])}, expected ${JSON.stringify(expected[action] ?? [])}`);
  }
};
if (!same(apiEnv.QUERIES_TABLE, { Ref: 'QueriesTable' })) fail('the api function must get QUERIES_TABLE = the QueriesTable');
if (!same(apiEnv.LEDGER_TABLE, { Ref: 'LedgerTable' })) fail('the api function must get LEDGER_TABLE = the LedgerTable');
if (!same(apiEnv.QUERY_STATE_MACHINE_ARN, { Ref: machineId })) fail('the api function must get QUERY_STATE_MACHINE_ARN = the query state machine');
if (!same(apiEnv.SCRATCH_URI, { 'Fn::Sub': 's3://${ScratchBucket}/queries' })) fail('the api function must get SCRATCH_URI = the scratch bucket\'s queries/ prefix');
if (apiEnv.SQUALL_CONFIG_FILE !== exampleConfig) fail('the api function must get SQUALL_CONFIG_FILE = the packaged config');
if (!run('unzip', ['-l', path.join('.serverless', 'api.zip')], 'unzip api.zip').includes(exampleConfig)) fail(`api.zip lacks ${exampleConfig}`);

// The api role, statement by statement: each action on exactly its resources, nothing else.
const execArn = { 'Fn::Join': [':', ['arn:aws:states', { Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }, 'execution', machineName, '*']] };
const scratchObjects = { 'Fn::Sub': 'arn:aws:s3:::${ScratchBucket}/queries/*' };
const queriesTable = { 'Fn::GetAtt': ['QueriesTable', 'Arn'] };
const ledgerArn = { 'Fn::GetAtt': ['LedgerTable', 'Arn'] };
const expectedApi = {
  'dynamodb:GetItem': [queriesTable, ledgerArn],
  'dynamodb:PutItem': [queriesTable, ledgerArn],
  'dynamodb:UpdateItem': [queriesTable, ledgerArn],
  'dynamodb:Query': [ledgerArn],
  'states:StartExecution': [{ Ref: machineId }],
  'states:DescribeExecution': [execArn],
  'states:StopExecution': [execArn],
  's3:GetObject': [scratchObjects],
  's3:PutObject': [scratchObjects],
  's3:DeleteObject': [scratchObjects],
  's3:ListBucket': [{ 'Fn::Sub': 'arn:aws:s3:::${ScratchBucket}' }],
};
checkGrants('ApiRole', expectedApi);
console.log('✓ LedgerTable; the api function gets its tables, the state machine and the scratch, and a least-privilege role');

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


// Scheduled reports: Squall accepts the example config (schedules included), and each of its
// reports is an EventBridge rule with its schedule, invoking the report function with its name
// and the event's time.
const listed = JSON.parse(run(process.execPath, [path.join(root, 'dist', 'cli', 'main.mjs'), 'report', 'list', '--config', exampleConfig, '--format', 'json'], 'squall report list'));
const reports = JSON.parse(readFileSync(path.join(root, exampleConfig), 'utf8')).reports;
if (listed.reports.length !== reports.length || listed.reports.some((r) => r.nextRun === null)) fail(`squall report list does not schedule every report of ${exampleConfig}`);
const rules = resources.filter((r) => r.Type === 'AWS::Events::Rule');
if (rules.length !== reports.length) fail(`expected ${reports.length} EventBridge rule(s), packaged ${rules.length}`);
for (const report of reports) {
  const rule = rules.find((r) => r.Properties.ScheduleExpression === report.schedule);
  if (!rule || rule.Properties.State !== 'ENABLED') fail(`no enabled EventBridge rule with ScheduleExpression ${report.schedule} (report ${report.name})`);
  const [target] = rule.Properties.Targets;
  if (JSON.stringify(target.Arn) !== JSON.stringify({ 'Fn::GetAtt': ['ReportLambdaFunction', 'Arn'] })) fail(`the rule of ${report.name} must invoke the report function`);
  const transformer = target.InputTransformer;
  const time = '2026-11-21T06:00:00Z';
  const input = transformer && JSON.parse(transformer.InputTemplate.replace('<time>', JSON.stringify(time)));
  if (transformer?.InputPathsMap?.time !== '$.time' || JSON.stringify(input) !== JSON.stringify({ report: report.name, time })) {
    fail(`the rule of ${report.name} must send {"report": "${report.name}", "time": <the event's time>}`);
  }
}
const runsTable = template.Resources.ReportRunsTable;
const keys = runsTable?.Properties.KeySchema?.map((k) => `${k.AttributeName}:${k.KeyType}`).join(',');
if (runsTable?.Type !== 'AWS::DynamoDB::Table' || runsTable.Properties.BillingMode !== 'PAY_PER_REQUEST' || keys !== 'report:HASH,runId:RANGE') {
  fail('ReportRunsTable must be a PAY_PER_REQUEST DynamoDB table keyed by report (HASH) and runId (RANGE)');
}
const reportFn = template.Resources.ReportLambdaFunction.Properties;
const reportEnv = reportFn.Environment?.Variables ?? {};
if (!same(reportEnv.REPORT_RUNS_TABLE, { Ref: 'ReportRunsTable' }) || !same(reportEnv.LEDGER_TABLE, { Ref: 'LedgerTable' }) || reportEnv.SQUALL_CONFIG_FILE !== exampleConfig || !same(reportEnv.QUERY_STATE_MACHINE_ARN, { Ref: machineId })) {
  fail('the report function must get REPORT_RUNS_TABLE = the ReportRunsTable, LEDGER_TABLE = the LedgerTable, QUERY_STATE_MACHINE_ARN = the query state machine and SQUALL_CONFIG_FILE = the packaged config');
}
if (!run('unzip', ['-l', path.join('.serverless', 'report.zip')], 'unzip report.zip').includes(exampleConfig)) fail(`report.zip lacks ${exampleConfig}`);
if (JSON.stringify(reportFn.Role) !== JSON.stringify({ 'Fn::GetAtt': ['ReportRole', 'Arn'] })) fail('the report function must run as ReportRole');
// Least privilege: every action named, each on its resource only.
const stateMachineArn = (kind, ...rest) => ({ 'Fn::Join': [':', ['arn', { Ref: 'AWS::Partition' }, 'states', { Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }, kind, 'squall-query-validate', ...rest]] });
const scratch = (suffix) => ({ 'Fn::Sub': `arn:aws:s3:::\${ScratchBucket}${suffix}` });
const runsTableArn = { 'Fn::GetAtt': ['ReportRunsTable', 'Arn'] };
checkGrants('ReportRole', {
  'dynamodb:GetItem': [runsTableArn, ledgerArn],
  'dynamodb:PutItem': [runsTableArn, ledgerArn],
  'dynamodb:UpdateItem': [runsTableArn, ledgerArn],
  'dynamodb:Query': [ledgerArn],
  'states:StartExecution': [stateMachineArn('stateMachine')],
  'states:DescribeExecution': [stateMachineArn('execution', '*')],
  's3:GetObject': [scratch('/queries/*')],
  's3:DeleteObject': [scratch('/queries/*')],
  's3:ListBucket': [scratch('')],
  's3:PutObject': reports.map((r) => `arn:aws:s3:::${r.destination.slice(5).replace(/\/+$/, '')}/${r.name}/*`),
});
console.log(`✓ ${reports.length} report(s) of ${exampleConfig} packaged as EventBridge rules → the report function; ReportRunsTable; least-privilege ReportRole`);

// Last: packaging into another directory may disturb .serverless, which the checks above read.
const jwtParams = { issuer: 'https://issuer.example.com/', audience: 'squall-cli' };
const jwtDir = mkdtempSync(path.join(os.tmpdir(), 'squall-validate-jwt-'));
try {
  run(bin('osls'), ['package', '--stage', 'validate', '--package', jwtDir, `--param=config=${exampleConfig}`, '--param=apiAuth=jwt', `--param=jwtIssuer=${jwtParams.issuer}`, `--param=jwtAudience=${jwtParams.audience}`], 'osls package (apiAuth=jwt)');
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
  const noIssuer = spawnSync(bin('osls'), ['package', '--stage', 'validate', '--package', jwtDir, `--param=config=${exampleConfig}`, '--param=apiAuth=jwt'], { cwd: root, encoding: 'utf8', env: { ...process.env, SLS_TELEMETRY_DISABLED: '1' } });
  if (noIssuer.status === 0 || !/needs param jwtIssuer/.test(noIssuer.stdout + noIssuer.stderr)) fail('apiAuth=jwt without jwtIssuer must refuse to package');
} finally {
  rmSync(jwtDir, { recursive: true, force: true });
}
console.log('✓ every query API route is behind the IAM authorizer, or with apiAuth=jwt behind the JWT authorizer');
