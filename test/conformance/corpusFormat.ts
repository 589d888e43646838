/**
 * Reading the conformance corpus (test/sql/*.sql) into records. The format is documented at the
 * top of corpus.test.ts; this module only parses it, and rejects anything it does not understand
 * (a typo in a corpus file must fail loudly, never turn a record into a no-op).
 */

export type RowOrder = 'ordered' | 'multiset';

export type Expectation =
  /** DuckDB's answer to `sql` (the record's own SQL when no spelling is given). */
  | { readonly kind: 'duckdb'; readonly sql: string | null }
  /** Literal rows: each row's cells in client JSON text form. */
  | { readonly kind: 'expected'; readonly rows: readonly (readonly string[])[] };

export interface QueryRecord {
  readonly kind: 'query';
  readonly file: string;
  /** 1-based line of the record's `query` header. */
  readonly line: number;
  readonly sql: string;
  readonly order: RowOrder;
  /** Trino type names the result columns must have, when the record asks. */
  readonly types: readonly string[] | null;
  /** Column names the result must have, when the record asks. */
  readonly columns: readonly string[] | null;
  readonly expect: Expectation;
  readonly skip: string | null;
  /** Default schemas the record runs under; null: every TPC-H variant. */
  readonly only: readonly string[] | null;
  /** Comment lines just above the record (what it covers). */
  readonly comment: string;
}

export interface ErrorRecord {
  readonly kind: 'error';
  readonly file: string;
  readonly line: number;
  readonly sql: string;
  readonly code: string;
  readonly position: { readonly line: number; readonly column: number } | null;
  readonly skip: string | null;
  readonly only: readonly string[] | null;
  readonly comment: string;
}

export type CorpusRecord = QueryRecord | ErrorRecord;

export class CorpusSyntaxError extends Error {
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
  }
}

interface Block {
  readonly start: number;
  readonly lines: readonly string[];
}

/** Blank lines separate records; comment lines belong to the record that follows them. */
function blocks(text: string): Block[] {
  const out: Block[] = [];
  let current: string[] = [];
  let start = 0;
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') {
      if (current.length > 0) out.push({ start, lines: current });
      current = [];
      return;
    }
    if (current.length === 0) start = i + 1;
    current.push(line);
  });
  if (current.length > 0) out.push({ start, lines: current });
  return out;
}

/** Splits `a, decimal(38,2), b` on commas outside parentheses. */
export function splitList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let item = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      items.push(item.trim());
      item = '';
    } else item += ch;
  }
  if (item.trim() !== '' || items.length > 0) items.push(item.trim());
  return items;
}

export function parseCorpus(file: string, text: string): CorpusRecord[] {
  return blocks(text).flatMap((b) => {
    const r = parseBlock(file, b);
    return r === null ? [] : [r];
  });
}

function parseBlock(file: string, block: Block): CorpusRecord | null {
  const comments: string[] = [];
  let skip: string | null = null;
  let only: string[] | null = null;
  let i = 0;
  const fail = (offset: number, message: string): never => {
    throw new CorpusSyntaxError(file, block.start + offset, message);
  };
  // Preamble: comments and markers, then the header.
  for (; i < block.lines.length; i++) {
    const line = block.lines[i]!;
    if (line.startsWith('#')) comments.push(line.replace(/^#\s?/, ''));
    else if (/^skip(\s|$)/.test(line)) {
      skip = line.slice(4).trim();
      if (skip === '') fail(i, '`skip` needs a reason');
    } else if (/^only(\s|$)/.test(line)) {
      only = line.slice(4).trim().split(/\s+/).filter((s) => s !== '');
      if (only.length === 0) fail(i, '`only` needs at least one schema');
    } else break;
  }
  if (i === block.lines.length) {
    if (skip !== null || only !== null) fail(0, 'markers without a record');
    return null; // a comment-only block
  }
  const headerOffset = i;
  const header = block.lines[i]!.trim().split(/\s+/);
  const line = block.start + headerOffset;
  const comment = comments.join('\n');
  const body = block.lines.slice(i + 1);
  const sectionAt = body.findIndex((l) => l.startsWith('----'));
  const sqlLines = sectionAt < 0 ? body : body.slice(0, sectionAt);
  const sql = sqlLines.join('\n').trim();
  if (sql === '') fail(headerOffset, 'a record needs SQL after its header');

  if (header[0] === 'statement') {
    if (header[1] !== 'error' || header[2] === undefined || header.length > 4) fail(headerOffset, 'expected `statement error CODE [line:col]`');
    if (sectionAt >= 0) fail(headerOffset + 1 + sectionAt, 'an error record has no `----` sections');
    let position: ErrorRecord['position'] = null;
    if (header[3] !== undefined) {
      const m = /^(\d+):(\d+)$/.exec(header[3]);
      if (m === null) fail(headerOffset, `bad position '${header[3]}': expected line:column`);
      position = { line: Number(m![1]), column: Number(m![2]) };
    }
    return { kind: 'error', file, line, sql, code: header[2]!, position, skip, only, comment };
  }

  if (header[0] !== 'query') fail(headerOffset, `unknown record header '${block.lines[headerOffset]}'`);
  let order: RowOrder = 'multiset';
  let wantTypes = false;
  let wantColumns = false;
  for (const opt of header.slice(1)) {
    if (opt === 'ordered') order = 'ordered';
    else if (opt === 'rowsort') order = 'multiset';
    else if (opt === 'types') wantTypes = true;
    else if (opt === 'columns') wantColumns = true;
    else fail(headerOffset, `unknown query option '${opt}'`);
  }
  if (sectionAt < 0) fail(headerOffset, 'a query record needs a `---- duckdb` or `---- expected` section');

  let types: string[] | null = null;
  let columns: string[] | null = null;
  let expect: Expectation | null = null;
  const sections = body.slice(sectionAt);
  const base = headerOffset + 1 + sectionAt;
  for (let j = 0; j < sections.length && expect === null; j++) {
    const s = sections[j]!;
    if (!s.startsWith('----')) fail(base + j, `unexpected line '${s}' (inside a section?)`);
    const m = /^----\s*(\w+)\s*(:(.*))?$/.exec(s);
    if (m === null) fail(base + j, `bad section line '${s}'`);
    const [, name, colon, rest] = m!;
    const inline = (rest ?? '').trim();
    if (name === 'types' || name === 'columns') {
      if (colon === undefined || inline === '') fail(base + j, `\`---- ${name}:\` needs a list`);
      if (name === 'types') types = splitList(inline).map((t) => t.toLowerCase());
      else columns = splitList(inline);
      continue;
    }
    if (name !== 'duckdb' && name !== 'expected') fail(base + j, `unknown section '${name}'`);
    // The result section is last: its lines run to the end of the record.
    const following = sections.slice(j + 1);
    const misplaced = following.findIndex((l) => l.startsWith('----'));
    if (misplaced >= 0) fail(base + j + 1 + misplaced, 'the result section (duckdb or expected) must come last');
    if (name === 'duckdb') {
      if (colon !== undefined && following.length > 0) fail(base + j + 1, 'an inline DuckDB spelling ends the record');
      const spelling = colon !== undefined ? inline : following.join('\n').trim();
      expect = { kind: 'duckdb', sql: spelling === '' ? null : spelling };
    } else {
      if (colon !== undefined) fail(base + j, '`---- expected` takes its rows on the following lines');
      expect = { kind: 'expected', rows: following.map((r) => r.split(' | ').map((c) => c.trim())) };
    }
  }
  if (expect === null) fail(headerOffset, 'a query record needs a `---- duckdb` or `---- expected` section');
  if (wantTypes !== (types !== null)) fail(headerOffset, '`query types` and a `---- types:` section go together');
  if (wantColumns !== (columns !== null)) fail(headerOffset, '`query columns` and a `---- columns:` section go together');
  return { kind: 'query', file, line, sql, order, types, columns, expect: expect!, skip, only, comment };
}
