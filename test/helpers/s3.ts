/**
 * Helpers for tests that talk to the shared s3rver started in test/setup/globalSetup.ts.
 */
import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { inject } from 'vitest';
import type { S3StoreOptions } from '../../src/storage/s3Store.ts';

/** Options for an S3Store (or storeFor) pointed at the test s3rver. */
export function s3TestOptions(extra: Partial<S3StoreOptions> = {}): S3StoreOptions {
  return {
    endpoint: inject('s3Endpoint'),
    region: 'us-east-1',
    forcePathStyle: true,
    // The only keys s3rver accepts.
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    ...extra,
  };
}

let adminClient: S3Client | undefined;

/**
 * Create a bucket no other test uses (test files run in parallel against one s3rver), and
 * return its name. `name` becomes a readable prefix of it.
 */
export async function createTestBucket(name = 'test'): Promise<string> {
  const stem = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'test';
  const bucket = `${stem}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  adminClient ??= new S3Client(s3TestOptions());
  await adminClient.send(new CreateBucketCommand({ Bucket: bucket }));
  return bucket;
}
