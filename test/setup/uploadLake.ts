/** Copies the test lake into an s3rver bucket so the same queries run over s3://. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

export async function uploadDirectory(dir: string, endpoint: string, bucket: string): Promise<string> {
  const client = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name !== 'DONE') files.push(full);
    }
  };
  walk(dir);
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < files.length) {
        const f = files[next++]!;
        const key = path.relative(dir, f).split(path.sep).join('/');
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: readFileSync(f) }));
      }
    }),
  );
  client.destroy();
  return `s3://${bucket}`;
}
