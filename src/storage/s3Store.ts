/**
 * ObjectStore over Amazon S3 (and S3-compatible servers such as s3rver in tests), through
 * @aws-sdk/client-s3: the only way Squall talks to S3.
 */
import http from 'node:http';
import https from 'node:https';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type GetObjectCommandOutput,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { DataError, InternalError } from '../errors.ts';
import { hedged } from './hedge.ts';
import { emptyCounters, parseUri, type ObjectInfo, type ObjectStore, type StoreCounters } from './objectStore.ts';

export interface S3StoreOptions {
  /** e.g. `http://127.0.0.1:4569` for s3rver; omitted for AWS. */
  readonly endpoint?: string;
  /** Else AWS_REGION / AWS_DEFAULT_REGION, else the SDK's own resolution (profile). */
  readonly region?: string;
  /** Path-style addressing (`host/bucket/key`), needed by most local S3 servers. */
  readonly forcePathStyle?: boolean;
  /** Else the SDK's default provider chain (env, profile, Lambda role…). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
  /** Concurrent connections per store. Default 64. */
  readonly maxSockets?: number;
  /**
   * Re-issue a range GET that has not completed after this many ms (see hedge.ts). Default off.
   * Set it well above the normal time of the largest request (8 MiB at ~150 MB/s plus ~15 ms
   * first byte ≈ 70 ms on Lambda), or healthy large reads get hedged and pay twice.
   */
  readonly hedgeAfterMs?: number;
  /** MaxKeys per ListObjectsV2 page (S3 caps it at 1000). Lower only to exercise pagination. */
  readonly listPageSize?: number;
}

/** S3's limit on keys per DeleteObjects request. */
const DELETE_BATCH = 1000;
const DEFAULT_MAX_SOCKETS = 64;

export class S3Store implements ObjectStore {
  readonly scheme = 's3' as const;
  readonly counters: StoreCounters = emptyCounters();
  /** Range GETs that were re-issued because the first attempt was late. */
  hedgedGets = 0;
  /** Hedged range GETs that the re-issue won. */
  hedgeWins = 0;

  private readonly client: S3Client;
  private readonly hedgeAfterMs: number | undefined;
  private readonly listPageSize: number | undefined;

  constructor(options: S3StoreOptions = {}) {
    const maxSockets = options.maxSockets ?? DEFAULT_MAX_SOCKETS;
    const region = options.region ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'];
    const config: S3ClientConfig = {
      forcePathStyle: options.forcePathStyle ?? false,
      // A lake configured with the wrong region still works (one extra round trip).
      followRegionRedirects: true,
      // Passing agent options (not a handler instance) lets the SDK build its own
      // @smithy/node-http-handler: keep-alive sockets, without Squall depending on that package.
      requestHandler: {
        httpAgent: new http.Agent({ keepAlive: true, maxSockets }),
        httpsAgent: new https.Agent({ keepAlive: true, maxSockets }),
      },
      ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
      ...(region !== undefined ? { region } : {}),
      ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
    };
    this.client = new S3Client(config);
    this.hedgeAfterMs = options.hedgeAfterMs;
    this.listPageSize = options.listPageSize;
    this.countEveryAttempt();
  }

  async list(prefixUri: string): Promise<ObjectInfo[]> {
    const { bucket, path: prefix } = s3Parts(prefixUri);
    const out: ObjectInfo[] = [];
    for await (const page of this.pages(bucket, prefix, prefixUri)) {
      for (const o of page) out.push({ uri: `s3://${bucket}/${o.key}`, size: o.size });
    }
    // S3 lists in UTF-8 byte order; callers compare URIs as JS strings, so sort that way.
    out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    return out;
  }

  async getRange(uri: string, start: number, end: number): Promise<Uint8Array> {
    checkRange(uri, start, end);
    // S3 cannot express an empty range (bytes=a-(a-1) is invalid), and nothing needs fetching.
    if (end === start) return new Uint8Array(0);
    const { bucket, path: key } = s3Parts(uri);
    const expected = end - start;
    const wrongLength = (got: number, cause?: unknown): DataError =>
      new DataError(
        'STORAGE_ERROR',
        got < expected
          ? `Short read of ${uri}: asked for bytes [${start}, ${end}) (${expected} bytes), got ${got}; the object is smaller than the range`
          : `Unexpected length from ${uri}: asked for bytes [${start}, ${end}) (${expected} bytes), got ${got}`,
        undefined,
        cause !== undefined ? { cause } : undefined,
      );
    const outcome = await hedged(async (abortSignal) => {
      const command = new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${end - 1}` });
      const res = await this.call(uri, 'GetObject', () => this.client.send(command, { abortSignal })).catch((err: unknown) => {
        // A range starting at or past the end: S3 answers 416, the file store reads 0 bytes.
        // Both are the same caller bug (a stale size), so they report it the same way.
        throw errorCodeOf(err) === 'InvalidRange' ? wrongLength(0, err) : err;
      });
      return { bytes: await this.readBody(uri, res, abortSignal), servedFrom: contentRangeStart(res.ContentRange) };
    }, this.hedgeAfterMs);
    if (outcome.hedged) this.hedgedGets++;
    if (outcome.winner === 1) this.hedgeWins++;
    const { bytes, servedFrom } = outcome.value;
    if (bytes.length === expected) return bytes;
    // HTTP lets a server send more than the range asked for (the whole object with 200, or a
    // wider 206; s3rver does so for `bytes=0-0`): cut the asked-for bytes out when they are there.
    if (bytes.length > expected && servedFrom <= start && servedFrom + bytes.length >= end) {
      return bytes.subarray(start - servedFrom, end - servedFrom);
    }
    throw wrongLength(bytes.length);
  }

  async get(uri: string): Promise<Uint8Array> {
    const { bucket, path: key } = s3Parts(uri);
    const res = await this.call(uri, 'GetObject', () => this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key })));
    const bytes = await this.readBody(uri, res);
    if (res.ContentLength !== undefined && bytes.length !== res.ContentLength) {
      throw new DataError('STORAGE_ERROR', `Short read of ${uri}: expected ${res.ContentLength} bytes, got ${bytes.length}`);
    }
    return bytes;
  }

  async head(uri: string): Promise<ObjectInfo | null> {
    const { bucket, path: key } = s3Parts(uri);
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return { uri, size: res.ContentLength ?? 0 };
    } catch (err) {
      // HEAD responses have no body, so a missing key arrives as a bare 404 named NotFound.
      if (isNotFound(err)) return null;
      throw storageError(err, uri, 'HeadObject');
    }
  }

  async put(uri: string, body: Uint8Array): Promise<void> {
    const { bucket, path: key } = s3Parts(uri);
    // A sized buffer, never a stream: the SDK cannot sign a PutObject of unknown length.
    const command = new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentLength: body.length });
    await this.call(uri, 'PutObject', () => this.client.send(command));
    this.counters.bytesWritten += body.length;
  }

  async deletePrefix(prefixUri: string): Promise<void> {
    const { bucket, path: prefix } = s3Parts(prefixUri);
    if (prefix === '') {
      // Scratch clean-up with an empty key would wipe the bucket, lake data included.
      throw new InternalError(`deletePrefix refuses a whole bucket: ${prefixUri}`);
    }
    // List everything first: deleting while paginating would rely on how the server builds
    // continuation tokens.
    const keys: string[] = [];
    for await (const page of this.pages(bucket, prefix, prefixUri)) for (const o of page) keys.push(o.key);
    for (let i = 0; i < keys.length; i += DELETE_BATCH) {
      const batch = keys.slice(i, i + DELETE_BATCH);
      const command = new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } });
      const res = await this.call(prefixUri, 'DeleteObjects', () => this.client.send(command));
      const failed = res.Errors?.[0];
      if (failed !== undefined) {
        throw new DataError(
          'STORAGE_ERROR',
          `S3 DeleteObjects failed for s3://${bucket}/${failed.Key ?? '?'} (${res.Errors?.length ?? 1} keys under ${prefixUri}): ${failed.Code ?? 'unknown'} ${failed.Message ?? ''}`.trimEnd(),
        );
      }
    }
  }

  /** Close the keep-alive sockets (tests, and stores dropped from the cache). */
  destroy(): void {
    this.client.destroy();
  }

  private async *pages(bucket: string, prefix: string, prefixUri: string): AsyncGenerator<Array<{ key: string; size: number }>> {
    let token: string | undefined;
    do {
      const command = new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        ...(token !== undefined ? { ContinuationToken: token } : {}),
        ...(this.listPageSize !== undefined ? { MaxKeys: this.listPageSize } : {}),
      });
      const res = await this.call(prefixUri, 'ListObjectsV2', () => this.client.send(command));
      const page: Array<{ key: string; size: number }> = [];
      for (const o of res.Contents ?? []) if (o.Key !== undefined) page.push({ key: o.Key, size: o.Size ?? 0 });
      yield page;
      token = res.IsTruncated === true ? res.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  /** Run one SDK call with its failure turned into a DataError naming the URI. */
  private async call<T>(uri: string, operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw storageError(err, uri, operation);
    }
  }

  private async readBody(uri: string, res: GetObjectCommandOutput, abortSignal?: AbortSignal): Promise<Uint8Array> {
    if (res.Body === undefined) throw new DataError('STORAGE_ERROR', `S3 GetObject returned no body for ${uri}`);
    try {
      const bytes = await res.Body.transformToByteArray();
      this.counters.bytesRead += bytes.length;
      return bytes;
    } catch (err) {
      if (abortSignal?.aborted === true) throw err;
      throw storageError(err, uri, 'GetObject');
    }
  }

  /**
   * Count requests in the SDK's deserialize step, which runs once per HTTP attempt (the retry
   * middleware sits above it): S3 bills retries and hedges too, so the stats should show them.
   */
  private countEveryAttempt(): void {
    const c = this.counters;
    this.client.middlewareStack.add(
      (next, context) => async (args) => {
        switch (context.commandName) {
          case 'GetObjectCommand':
            c.getRequests++;
            break;
          case 'PutObjectCommand':
            c.putRequests++;
            break;
          case 'ListObjectsV2Command':
            c.listRequests++;
            break;
          case 'HeadObjectCommand':
            c.headRequests++;
            break;
          case 'DeleteObjectsCommand':
            c.deleteRequests++;
            break;
          default:
            break;
        }
        return next(args);
      },
      { step: 'deserialize', name: 'squallRequestCounter', priority: 'high' },
    );
  }
}

function s3Parts(uri: string): { bucket: string; path: string } {
  const parsed = parseUri(uri);
  if (parsed.scheme !== 's3' || parsed.bucket === '') throw new InternalError(`S3Store given a non-S3 URI: ${uri}`);
  return parsed;
}

/** First byte offset of a `Content-Range: bytes a-b/size` header; 0 (whole object) without one. */
function contentRangeStart(header: string | undefined): number {
  const m = header === undefined ? null : /^bytes (\d+)-\d+\/(?:\d+|\*)$/.exec(header.trim());
  return m === null ? 0 : Number(m[1]);
}

function checkRange(uri: string, start: number, end: number): void {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new InternalError(`invalid byte range [${start}, ${end}) for ${uri}`);
  }
}

interface S3ErrorShape {
  readonly name?: string;
  readonly Code?: string;
  readonly code?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

function errorShape(err: unknown): S3ErrorShape {
  return typeof err === 'object' && err !== null ? (err as S3ErrorShape) : {};
}

/** The S3 error code behind a failure, whether raw from the SDK or wrapped in a DataError. */
function errorCodeOf(err: unknown): string | undefined {
  const e = errorShape(err instanceof DataError ? err.cause : err);
  return e.Code ?? e.name;
}

function isNotFound(err: unknown): boolean {
  const e = errorShape(err);
  const code = e.Code ?? e.name;
  if (code === 'NoSuchKey' || code === 'NotFound') return true;
  return e.$metadata?.httpStatusCode === 404 && code !== 'NoSuchBucket';
}

function storageError(err: unknown, uri: string, operation: string): DataError {
  if (err instanceof DataError) return err;
  if (isNotFound(err)) return new DataError('STORAGE_ERROR', `Object not found: ${uri}`, undefined, { cause: err });
  const e = errorShape(err);
  const code = e.Code ?? (e.name !== undefined && e.name !== 'Error' ? e.name : undefined) ?? e.code ?? 'UnknownError';
  const status = e.$metadata?.httpStatusCode;
  const detail = e.message !== undefined && e.message !== '' && e.message !== code ? `: ${e.message}` : '';
  return new DataError(
    'STORAGE_ERROR',
    `S3 ${operation} failed for ${uri}: ${code}${status !== undefined ? ` (HTTP ${status})` : ''}${detail}`,
    undefined,
    { cause: err },
  );
}
