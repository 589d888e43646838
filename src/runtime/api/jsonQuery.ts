/**
 * `POST /v1/query`, the plain JSON endpoint for scripts: the SQL as the body, the answer the
 * JSON result of ARCHITECTURE.md (what `squall query --format json` prints), or
 * `{"error":{"code","message","line","column"}}` with a 4xx (the query's fault) or 5xx status.
 * A query still running when the wait runs out gets 202 `{ queryId, state, nextUri }`, and
 * GET nextUri (`/v1/query/{id}/result`) answers the same way once it has ended.
 */
import { SquallError } from '../../errors.ts';
import type { ClientValue } from '../../types/clientJson.ts';
import { formatJson } from '../resultFormats.ts';
import type { ApiResponse } from './http.ts';
import { jsonResponse } from './http.ts';
import type { QueryError } from './protocol.ts';
import { queryError } from './queryErrors.ts';
import type { QueryRecord } from './queryStore.ts';
import type { ResultStore } from './resultStore.ts';

export interface JsonError {
  readonly code: string;
  readonly message: string;
  readonly line: number | null;
  readonly column: number | null;
}

/** Pages read at once while gathering a whole result. */
const PAGE_READS = 4;

export function jsonError(status: number, error: JsonError): ApiResponse {
  return jsonResponse(status, { error });
}

export function jsonAccepted(record: QueryRecord, baseUrl: string): ApiResponse {
  return jsonResponse(202, { queryId: record.queryId, state: record.state, nextUri: `${baseUrl}/v1/query/${record.queryId}/result` });
}

/** The answer for an ended query: its whole result, or its error. */
export async function jsonAnswer(record: QueryRecord, results: ResultStore, maxBytes: number): Promise<ApiResponse> {
  if (record.state !== 'FINISHED') return failed(record.error);
  const ref = record.result;
  if (ref === null) return failed(null);
  if (ref.bytes > maxBytes) {
    const message = `The result (${ref.rowCount} rows, ${ref.bytes} bytes) is larger than this endpoint answers (${maxBytes} bytes): page through it with POST /v1/statement`;
    return failed(queryError(new SquallError('EXCEEDED_PAYLOAD_LIMIT', message)));
  }
  const pages = new Array<readonly (readonly ClientValue[])[]>(ref.pageCount);
  let columns = null;
  for (let first = 0; first < ref.pageCount; first += PAGE_READS) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(PAGE_READS, ref.pageCount - first) }, (_x, i) => results.page(ref, first + i)),
    );
    for (const [i, page] of batch.entries()) {
      if (page === undefined) return jsonError(410, { code: 'GENERIC_INTERNAL_ERROR', message: `Result of query ${record.queryId} is gone`, line: null, column: null });
      pages[first + i] = page.rows;
      columns ??= page.columns;
    }
  }
  return { status: 200, headers: { 'content-type': 'application/json' }, body: formatJson(columns ?? [], pages.flat(), record.stats) };
}

function failed(error: QueryError | null): ApiResponse {
  if (error === null) return jsonError(500, { code: 'GENERIC_INTERNAL_ERROR', message: 'The query ended without a result', line: null, column: null });
  const location = error.errorLocation;
  return jsonError(error.errorType === 'USER_ERROR' ? 400 : 500, {
    code: error.errorName,
    message: error.message,
    line: location?.lineNumber ?? null,
    column: location?.columnNumber ?? null,
  });
}
