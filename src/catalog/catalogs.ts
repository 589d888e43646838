/** The configured catalogs, by name, each with the object store its location needs. */
import type { SquallConfig } from '../config/config.ts';
import { BindError } from '../errors.ts';
import type { TableRef } from '../plan/logical.ts';
import { storeFor } from '../storage/stores.ts';
import { ParquetCatalog, type ResolvedTable } from './parquetCatalog.ts';

export class Catalogs {
  private readonly catalogs = new Map<string, ParquetCatalog>();

  constructor(config: SquallConfig) {
    for (const [name, c] of Object.entries(config.catalogs)) {
      this.catalogs.set(name.toLowerCase(), new ParquetCatalog(name.toLowerCase(), c, storeFor(c.location, c.s3)));
    }
  }

  names(): string[] {
    return [...this.catalogs.keys()].sort();
  }

  get(name: string): ParquetCatalog {
    const c = this.catalogs.get(name.toLowerCase());
    if (c === undefined) throw new BindError('CATALOG_NOT_FOUND', `Catalog '${name}' does not exist`);
    return c;
  }

  resolveTable(ref: TableRef): Promise<ResolvedTable> {
    return this.get(ref.catalog).resolveTable(ref);
  }
}
