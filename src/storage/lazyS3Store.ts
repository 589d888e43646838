/**
 * An S3 store that loads the AWS SDK on first use. The SDK is the largest part of the CLI's
 * code; a query over file:// never needs it, so it should not pay to compile it at start.
 */
import { emptyCounters, type ObjectInfo, type ObjectStore, type StoreCounters } from './objectStore.ts';
import type { S3Store, S3StoreOptions } from './s3Store.ts';

export class LazyS3Store implements ObjectStore {
  readonly scheme = 's3' as const;
  private loaded: S3Store | null = null;
  private loading: Promise<S3Store> | null = null;
  private readonly idle = emptyCounters();

  constructor(private readonly options: S3StoreOptions) {}

  get counters(): StoreCounters {
    return this.loaded?.counters ?? this.idle;
  }

  private store(): Promise<S3Store> {
    this.loading ??= import('./s3Store.ts').then((m) => (this.loaded = new m.S3Store(this.options)));
    return this.loading;
  }

  async list(prefixUri: string): Promise<ObjectInfo[]> {
    return (await this.store()).list(prefixUri);
  }

  async getRange(uri: string, start: number, end: number): Promise<Uint8Array> {
    return (await this.store()).getRange(uri, start, end);
  }

  async get(uri: string): Promise<Uint8Array> {
    return (await this.store()).get(uri);
  }

  async head(uri: string): Promise<ObjectInfo | null> {
    return (await this.store()).head(uri);
  }

  async put(uri: string, body: Uint8Array): Promise<void> {
    return (await this.store()).put(uri, body);
  }

  async deletePrefix(prefixUri: string): Promise<void> {
    return (await this.store()).deletePrefix(prefixUri);
  }

  /** Close the SDK client's sockets, if it was ever loaded. */
  destroy(): void {
    this.loaded?.destroy();
  }
}
