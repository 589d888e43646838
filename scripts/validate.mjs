#!/usr/bin/env node
/**
 * `npm run validate`: the deploy artifacts are sound without an AWS account.
 * 1. every state machine in state-machines/ passes asl-validator;
 * 2. serverless.yml packages offline with osls (configValidationMode: error, and
 *    serverless-step-functions validates the machine);
 * 3. the packaged CloudFormation carries exactly the states of state-machines/query.asl.json
 *    and one zip per function holding its bundle and the parquet-wasm module.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
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
if (JSON.stringify(apiEnv.QUERIES_TABLE) !== JSON.stringify({ Ref: 'QueriesTable' })) fail('the api function must get QUERIES_TABLE = the QueriesTable');
// The cost ledger: on-demand, encrypted, keyed as dynamoLedger.ts writes it; the api function
// gets its name and exactly the item actions the ledger uses, on that table only.
const ledger = template.Resources.LedgerTable;
const lp = ledger?.Properties ?? {};
const keys = (lp.KeySchema ?? []).map((k) => `${k.AttributeName}:${k.KeyType}`).join(',');
if (ledger?.Type !== 'AWS::DynamoDB::Table' || lp.BillingMode !== 'PAY_PER_REQUEST' || lp.SSESpecification?.SSEEnabled !== true || keys !== 'pk:HASH,sk:RANGE') {
  fail('LedgerTable must be a PAY_PER_REQUEST, SSE-encrypted DynamoDB table keyed pk (HASH), sk (RANGE)');
}
if (JSON.stringify(apiEnv.LEDGER_TABLE) !== JSON.stringify({ Ref: 'LedgerTable' })) fail('the api function must get LEDGER_TABLE = the LedgerTable');
const apiStatements = (template.Resources.ApiRole?.Properties.Policies ?? []).flatMap((p) => p.PolicyDocument.Statement);
const onLedger = apiStatements.filter((st) => JSON.stringify(st.Resource).includes('"LedgerTable"'));
const ledgerActions = onLedger.flatMap((st) => [st.Action].flat()).sort().join(',');
if (ledgerActions !== 'dynamodb:GetItem,dynamodb:PutItem,dynamodb:Query,dynamodb:UpdateItem' || onLedger.some((st) => st.Effect !== 'Allow' || JSON.stringify(st.Resource) !== JSON.stringify([{ 'Fn::GetAtt': ['LedgerTable', 'Arn'] }]))) {
  fail(`ApiRole must allow exactly GetItem, PutItem, UpdateItem and Query on the LedgerTable (found: ${ledgerActions || 'none'})`);
}
if (apiStatements.some((st) => [st.Action].flat().some((a) => a === '*' || a === 'dynamodb:*'))) fail('ApiRole must not allow every action');
console.log('✓ LedgerTable (on demand, SSE) and least-privilege ledger access for the api function');
// No route of the query endpoint is open: each is authorized by IAM (SigV4).
const routes = Object.values(template.Resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route');
if (routes.length === 0 || routes.some((r) => r.Properties.AuthorizationType !== 'AWS_IAM')) fail('every route of the query endpoint must use the IAM authorizer');
console.log('✓ plan, scan, merge and api package every file of their bundles (nodejs22.x, arm64)');
