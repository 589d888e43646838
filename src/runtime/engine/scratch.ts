/**
 * The layout of one query's scratch objects. Every key is a function of the query id and the
 * step's position, so a retried invocation overwrites its earlier attempt and never adds a
 * second partial.
 */
import { joinUri } from '../../storage/objectStore.ts';

export function queryPrefix(scratch: string, queryId: string): string {
  return joinUri(scratch, queryId) + '/';
}

export function planUri(scratch: string, queryId: string): string {
  return joinUri(scratch, queryId, 'plan.json');
}

export function fragmentChunkUri(scratch: string, queryId: string, scan: number, chunk: number): string {
  return joinUri(scratch, queryId, 'fragments', `S${scan}`, `${String(chunk).padStart(5, '0')}.json`);
}

/** The one object task `task` of stage `stage` writes (a retry overwrites it). */
export function taskOutputUri(scratch: string, queryId: string, stage: number, task: number): string {
  return joinUri(scratch, queryId, 'stages', `S${stage}`, `${String(task).padStart(6, '0')}.sqb`);
}

export function resultUri(scratch: string, queryId: string): string {
  return joinUri(scratch, queryId, 'result.sqb');
}

/**
 * A query's result pages for the query API (resultPages.ts). Beside, not inside, the query's
 * prefix: its plan and partials go when it ends, its pages stay until read or expired (under
 * the same `queries/` lifecycle rule on AWS).
 */
export function resultPagesPrefix(scratch: string, queryId: string): string {
  return joinUri(scratch, 'results', queryId) + '/';
}
