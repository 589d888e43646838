// Runs s3rver in its own process, forked by s3rver.ts with --openssl-legacy-provider: s3rver
// encrypts ListObjectsV2 continuation tokens with a cipher that OpenSSL 3 only offers through
// the legacy provider, and that flag must not leak into the test workers.
import S3rver from 's3rver';

const directory = process.argv[2];
if (!directory) throw new Error('usage: s3rverChild.mjs <directory>');

const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true });
const { port } = await server.run();
process.send?.({ type: 'ready', port });

const stop = async () => {
  await server.close().catch(() => {});
  process.exit(0);
};
process.on('message', (msg) => {
  if (msg && msg.type === 'stop') void stop();
});
// The parent (vitest) died without tearing down: do not linger as an orphan.
process.on('disconnect', () => void stop());
