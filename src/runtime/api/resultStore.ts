/**
 * Where result rows live, apart from query state: a query's record holds only the location
 * `put` returns. In memory for one process; an S3 scratch implementation can take its place.
 */
import type { QueryResultData } from './queryStore.ts';

export interface ResultStore {
  /** Stores a query's result and returns where it is (kept in the query's record). */
  put(queryId: string, result: QueryResultData): Promise<string>;
  get(location: string): Promise<QueryResultData | undefined>;
}

/** One process's results, oldest dropped beyond `maxResults`. */
export class MemoryResultStore implements ResultStore {
  private readonly results = new Map<string, QueryResultData>();

  constructor(private readonly maxResults = 1000) {}

  async put(queryId: string, result: QueryResultData): Promise<string> {
    const location = `memory:${queryId}`;
    this.results.delete(location);
    this.results.set(location, result);
    while (this.results.size > this.maxResults) this.results.delete(this.results.keys().next().value!);
    return location;
  }

  async get(location: string): Promise<QueryResultData | undefined> {
    return this.results.get(location);
  }
}
