/**
 * The corpus reader and the comparison, checked without engines: a lenient comparison or a
 * record silently read as something else would make every corpus run meaningless.
 */
import { describe, expect, it } from 'vitest';
import { diffRows, diffText, fromDuckDb } from './compare.ts';
import { CorpusSyntaxError, parseCorpus, splitList } from './corpusFormat.ts';

describe('corpus format', () => {
  it('reads every kind of record, with comments and markers', () => {
    const text = [
      '# a file comment',
      '',
      '# covers: ordering',
      'only tpch_zstd',
      'query ordered types columns',
      'SELECT a, b',
      'FROM t ORDER BY 1',
      '---- types: decimal(38,2), bigint',
      '---- columns: a, b',
      '---- duckdb',
      'SELECT a,',
      '  b FROM t ORDER BY 1',
      '',
      'query rowsort',
      'SELECT 1',
      '---- duckdb: SELECT 1::INTEGER',
      '',
      'skip not yet',
      'query',
      'SELECT 2',
      '---- expected',
      '2 | NULL | (empty)',
      '',
      'statement error COLUMN_NOT_FOUND 2:3',
      'SELECT',
      '  x',
      '',
      'query',
      'SELECT 3 WHERE false',
      '---- expected',
    ].join('\n');
    const records = parseCorpus('f.sql', text);
    expect(records).toHaveLength(5);
    expect(records[0]).toMatchObject({
      kind: 'query',
      line: 5,
      sql: 'SELECT a, b\nFROM t ORDER BY 1',
      order: 'ordered',
      types: ['decimal(38,2)', 'bigint'],
      columns: ['a', 'b'],
      expect: { kind: 'duckdb', sql: 'SELECT a,\n  b FROM t ORDER BY 1' },
      only: ['tpch_zstd'],
      skip: null,
      comment: 'covers: ordering',
    });
    expect(records[1]).toMatchObject({ order: 'multiset', expect: { kind: 'duckdb', sql: 'SELECT 1::INTEGER' } });
    expect(records[2]).toMatchObject({ skip: 'not yet', expect: { kind: 'expected', rows: [['2', 'NULL', '(empty)']] } });
    expect(records[3]).toMatchObject({ kind: 'error', code: 'COLUMN_NOT_FOUND', position: { line: 2, column: 3 }, sql: 'SELECT\n  x' });
    expect(records[4]).toMatchObject({ expect: { kind: 'expected', rows: [] } });
  });

  it.each([
    ['query\nSELECT 1', 'needs a `---- duckdb` or `---- expected`'],
    ['query sorted\nSELECT 1\n---- duckdb', "unknown query option 'sorted'"],
    ['query types\nSELECT 1\n---- duckdb', '`query types` and a `---- types:` section go together'],
    ['query\nSELECT 1\n---- duckdb\n---- types: integer', 'the result section (duckdb or expected) must come last'],
    ['query\nSELECT 1\n---- duckdb: SELECT 1\nFROM t', 'an inline DuckDB spelling ends the record'],
    ['query\nSELECT 1\n---- expect', "unknown section 'expect'"],
    ['statement error\nSELECT 1', 'expected `statement error CODE [line:col]`'],
    ['statement error X 1-2\nSELECT 1', "bad position '1-2'"],
    ['statment error X\nSELECT 1', 'unknown record header'],
    ['skip\nquery\nSELECT 1\n---- duckdb', '`skip` needs a reason'],
    ['query\n---- duckdb', 'needs SQL'],
  ])('rejects %j', (text, message) => {
    expect(() => parseCorpus('f.sql', text)).toThrow(CorpusSyntaxError);
    expect(() => parseCorpus('f.sql', text)).toThrow(message);
  });

  it('splits type lists outside parentheses', () => {
    expect(splitList('decimal(38,2), bigint ,varchar(3)')).toEqual(['decimal(38,2)', 'bigint', 'varchar(3)']);
  });
});

describe('comparison', () => {
  it('re-encodes DuckDB values as Trino clients receive them, changing no value', () => {
    const duck = {
      names: ['a', 'b', 'c', 'd', 'e'],
      types: ['BIGINT', 'HUGEINT', 'TIMESTAMP', 'TIMESTAMP', 'DECIMAL(15,2)'],
      rows: [['12', '123456789012345678901', '2001-02-03 04:05:06.5', '2001-02-03 04:05:06', '1.50']],
    };
    expect(fromDuckDb(duck, ['bigint', 'decimal(38,0)', 'timestamp(6)', 'timestamp(0)', 'decimal(15,2)'])).toEqual([
      [12, '123456789012345678901', '2001-02-03 04:05:06.500000', '2001-02-03 04:05:06', '1.50'],
    ]);
    // More digits than the type has are kept, so a rounding difference still shows.
    const fine = { names: ['t'], types: ['TIMESTAMP'], rows: [['2001-02-03 04:05:06.789']] };
    expect(fromDuckDb(fine, ['timestamp(1)'])).toEqual([['2001-02-03 04:05:06.789']]);
  });

  it('compares decimals as exact strings and integers exactly', () => {
    expect(diffRows([['12.50']], [['12.5']], ['decimal(4,2)'], true)).not.toBeNull();
    expect(diffRows([['12.50']], [[12.5]], ['decimal(4,2)'], true)).not.toBeNull();
    expect(diffRows([[3]], [['3']], ['bigint'], true)).not.toBeNull();
    expect(diffRows([['9007199254740993']], [['9007199254740993']], ['bigint'], true)).toBeNull();
  });

  it('gives doubles a relative tolerance of 1e-9 and reals float32 rounding, NULLs none', () => {
    expect(diffRows([[1 + 1e-12]], [[1]], ['double'], true)).toBeNull();
    expect(diffRows([[1 + 1e-7]], [[1]], ['double'], true)).not.toBeNull();
    expect(diffRows([[0.1]], [[0.10000000149011612]], ['real'], true)).toBeNull();
    expect(diffRows([[1]], [[1 + 1e-12]], ['bigint'], true)).not.toBeNull();
    expect(diffRows([[null]], [[0]], ['double'], true)).not.toBeNull();
  });

  it('checks order only when asked, and row counts always', () => {
    const a = [[1], [2], [2]];
    expect(diffRows(a, [[2], [1], [2]], ['integer'], false)).toBeNull();
    expect(diffRows(a, [[2], [1], [2]], ['integer'], true)).toContain('first difference at row 1');
    expect(diffRows(a, [[1], [2]], ['integer'], false)).toContain('(no row)');
    expect(diffRows(a, [[1], [2], [1]], ['integer'], false)).not.toBeNull();
  });

  it('compares literal rows in text form', () => {
    expect(diffText([[3, '2.50', null, '', true]], [['3', '2.50', 'NULL', '(empty)', 'true']], ['integer', 'decimal(3,2)', 'date', 'varchar', 'boolean'], true)).toBeNull();
    expect(diffText([['2.5']], [['2.50']], ['decimal(3,2)'], true)).not.toBeNull();
    expect(diffText([[0.30000000000000004]], [['0.3']], ['double'], true)).toBeNull();
  });
});
