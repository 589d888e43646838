/**
 * Reading plan.json and fragment chunks. A warm worker often runs several fragments of one
 * query, so the last few plans and chunks stay cached in the process.
 */
import type { Fragment } from '../../catalog/fragments.ts';
import { InternalError } from '../../errors.ts';
import { storeFor } from '../../storage/stores.ts';
import { parseTagged } from '../../types/taggedJson.ts';
import { decodeUtf8 } from '../../types/vector.ts';
import type { QueryPlan } from './messages.ts';
import { fragmentChunkUri, planUri } from './scratch.ts';
import type { S3Config } from '../../config/config.ts';

const CACHE_SIZE = 4;
const plans = new Map<string, Promise<QueryPlan>>();
const chunks = new Map<string, Promise<Fragment[]>>();

function remember<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key);
  if (p === undefined) {
    p = load();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
    while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  return p;
}

async function readJson<T>(uri: string, s3?: S3Config): Promise<T> {
  const bytes = await storeFor(uri, s3).get(uri);
  return parseTagged<T>(decodeUtf8(bytes, 0, bytes.length));
}

export function loadPlan(scratch: string, queryId: string, s3?: S3Config): Promise<QueryPlan> {
  const uri = planUri(scratch, queryId);
  return remember(plans, uri, () => readJson<QueryPlan>(uri, s3));
}

export async function loadFragment(plan: QueryPlan, scratch: string, scan: number, id: number, s3?: S3Config): Promise<Fragment> {
  const chunk = Math.floor(id / plan.fragmentsPerChunk);
  const uri = fragmentChunkUri(scratch, plan.queryId, scan, chunk);
  const fragments = await remember(chunks, uri, () => readJson<Fragment[]>(uri, s3));
  const f = fragments[id - chunk * plan.fragmentsPerChunk];
  if (f === undefined || f.id !== id) throw new InternalError(`fragment ${id} not found in ${uri}`);
  return f;
}
