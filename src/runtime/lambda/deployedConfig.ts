/**
 * The config a deployed function runs with: the Squall config packaged with it (serverless.yml's
 * `config` param, one file for the api and report functions), pointed at the stack's query state
 * machine and scratch bucket.
 *
 * Environment: SQUALL_CONFIG_FILE (relative to the task root), QUERY_STATE_MACHINE_ARN,
 * SCRATCH_URI (s3://…).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig, type SquallConfig } from '../../config/config.ts';
import { ConfigError } from '../../errors.ts';

export function requiredEnv(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new ConfigError('INVALID_CONFIG', `${name} is not set`);
  return value;
}

export function deployedConfig(env: NodeJS.ProcessEnv): SquallConfig {
  const name = requiredEnv(env, 'SQUALL_CONFIG_FILE');
  const file = path.resolve(env.LAMBDA_TASK_ROOT ?? process.cwd(), name);
  let raw: { runtime?: Record<string, unknown> } & Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as typeof raw;
  } catch (err) {
    throw new ConfigError('INVALID_CONFIG', `Cannot read the packaged config ${file}: ${(err as Error).message}`);
  }
  const runtime = { ...raw.runtime, kind: 'aws', stateMachineArn: requiredEnv(env, 'QUERY_STATE_MACHINE_ARN') };
  return parseConfig({ ...raw, scratch: requiredEnv(env, 'SCRATCH_URI'), runtime }, path.dirname(file), `packaged config ${name}`);
}
