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

export function fragmentChunkUri(scratch: string, queryId: string, chunk: number): string {
  return joinUri(scratch, queryId, 'fragments', `${String(chunk).padStart(5, '0')}.json`);
}

/** Level 0 holds scan partials (one per fragment); level n the outputs of merge level n. */
export function partialUri(scratch: string, queryId: string, level: number, index: number): string {
  return joinUri(scratch, queryId, 'partials', `L${level}`, `${String(index).padStart(6, '0')}.sqb`);
}

export function resultUri(scratch: string, queryId: string): string {
  return joinUri(scratch, queryId, 'result.sqb');
}
