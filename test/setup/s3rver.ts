/**
 * A real S3 API on loopback for integration tests: s3rver in a child process (see
 * s3rverChild.mjs for why a child), on a free port, storing into a fresh temp directory.
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RunningS3rver {
  /** e.g. `http://127.0.0.1:40123` */
  readonly endpoint: string;
  stop(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./s3rverChild.mjs', import.meta.url));
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

export async function startS3rver(): Promise<RunningS3rver> {
  const directory = await mkdtemp(path.join(tmpdir(), 'squall-s3rver-'));
  const child = fork(CHILD, [directory], {
    execArgv: ['--openssl-legacy-provider'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`s3rver did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    const fail = (err: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${err.message}${stderr ? `\n${stderr}` : ''}`));
    };
    child.once('error', fail);
    child.once('exit', (code, signal) => fail(new Error(`s3rver exited before it was ready (code ${code}, signal ${signal})`)));
    child.on('message', (msg: unknown) => {
      if (typeof msg === 'object' && msg !== null && 'type' in msg && msg.type === 'ready' && 'port' in msg && typeof msg.port === 'number') {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(msg.port);
      }
    });
  });

  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop(): Promise<void> {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.send({ type: 'stop' });
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
}
