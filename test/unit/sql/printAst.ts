/**
 * A compact S-expression rendering of the AST, so parser tests can state the expected tree in
 * one line. Spans are left out; tests that care about positions check them directly.
 *
 *   names          a, t.a, "Quoted"
 *   literals       1, (decimal 1.5), (double 1e5), 'it''s', true, null, (date '2020-01-01'),
 *                  (interval -'1' year to month)
 *   operators      (+ a b), (- a), (= a b), (and a b c), (not a), (|| a b)
 *   calls          (call f a b), (call count *), (call count distinct a), (call f a (filter c))
 *   windows        (call f a ignore-nulls (over w (partition b) (order c) (rows (between
 *                  unbounded-preceding (preceding 1))))), (call f (over w)) for `OVER w`
 *   VALUES         (values [1 'a'] [2 null]), one bracketed list per row
 *   queries        (select [items] (from ...) (where ...) (group ...) (having ...) (window (w
 *                  (partition b)) ...)), with a (query ...) wrapper only when WITH, ORDER BY,
 *                  OFFSET or LIMIT is present
 */
import type {
  Expr,
  FrameBound,
  Identifier,
  Literal,
  QualifiedName,
  Query,
  QueryBody,
  Relation,
  SelectItem,
  SortItem,
  Statement,
  TypeSyntax,
  WindowSpec,
} from '../../../src/sql/ast.ts';

function unreachable(value: never): never {
  throw new Error(`unhandled node ${JSON.stringify(value)}`);
}

function sexpr(...parts: Array<string | null>): string {
  return `(${parts.filter((p): p is string => p !== null).join(' ')})`;
}

export function printIdentifier(id: Identifier): string {
  return id.quoted ? `"${id.value.replaceAll('"', '""')}"` : id.value;
}

function printName(name: QualifiedName | readonly Identifier[]): string {
  const parts = 'parts' in name ? name.parts : name;
  return parts.map(printIdentifier).join('.');
}

function printString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function printType(type: TypeSyntax): string {
  return `<${type.name}${type.params.length > 0 ? `(${type.params.join(',')})` : ''}>`;
}

function printLiteral(lit: Literal): string {
  switch (lit.literal) {
    case 'integer':
      return lit.text;
    case 'decimal':
      return sexpr('decimal', lit.text);
    case 'double':
      return sexpr('double', lit.text);
    case 'string':
      return printString(lit.value);
    case 'boolean':
      return String(lit.value);
    case 'null':
      return 'null';
    case 'typed':
      return sexpr(lit.type.name, printString(lit.value));
    case 'interval': {
      const fields = lit.to ? `${lit.from} to ${lit.to}` : lit.from;
      return sexpr('interval', `${lit.sign < 0 ? '-' : ''}${printString(lit.value)}`, fields.toLowerCase());
    }
    default:
      return unreachable(lit);
  }
}

export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'ColumnRef':
      return printName(e.parts);
    case 'Literal':
      return printLiteral(e);
    case 'Unary':
      return sexpr(e.op, printExpr(e.operand));
    case 'Binary':
    case 'Comparison':
      return sexpr(e.op, printExpr(e.left), printExpr(e.right));
    case 'Logical':
      return sexpr(e.op.toLowerCase(), ...e.terms.map(printExpr));
    case 'Not':
      return sexpr('not', printExpr(e.operand));
    case 'Between':
      return sexpr(e.not ? 'not-between' : 'between', printExpr(e.value), printExpr(e.low), printExpr(e.high));
    case 'InList':
      return sexpr(e.not ? 'not-in' : 'in', printExpr(e.value), sexpr(...e.list.map(printExpr)));
    case 'InSubquery':
      return sexpr(e.not ? 'not-in' : 'in', printExpr(e.value), printQuery(e.query));
    case 'Like':
      return sexpr(e.not ? 'not-like' : 'like', printExpr(e.value), printExpr(e.pattern), e.escape ? printExpr(e.escape) : null);
    case 'IsNull':
      return sexpr(e.not ? 'is-not-null' : 'is-null', printExpr(e.operand));
    case 'IsDistinctFrom':
      return sexpr(e.not ? 'is-not-distinct-from' : 'is-distinct-from', printExpr(e.left), printExpr(e.right));
    case 'Case':
      return sexpr(
        'case',
        e.operand ? printExpr(e.operand) : null,
        ...e.whens.map((w) => sexpr('when', printExpr(w.when), printExpr(w.then))),
        e.else ? sexpr('else', printExpr(e.else)) : null,
      );
    case 'Cast':
      return sexpr(e.safe ? 'try_cast' : 'cast', printExpr(e.operand), printType(e.type));
    case 'FunctionCall':
      return sexpr(
        'call',
        printName(e.name),
        e.distinct ? 'distinct' : null,
        e.star ? '*' : null,
        ...e.args.map(printExpr),
        e.filter ? sexpr('filter', printExpr(e.filter)) : null,
        e.nullTreatment ? `${e.nullTreatment.toLowerCase()}-nulls` : null,
        e.window ? sexpr('over', ...printWindowSpec(e.window)) : null,
      );
    case 'Extract':
      return sexpr('extract', e.field, printExpr(e.operand));
    case 'SubqueryExpr':
      return sexpr('subquery', printQuery(e.query));
    case 'Exists':
      return sexpr('exists', printQuery(e.query));
    default:
      return unreachable(e);
  }
}

function printFrameBound(b: FrameBound): string {
  switch (b.kind) {
    case 'UnboundedPreceding':
      return 'unbounded-preceding';
    case 'UnboundedFollowing':
      return 'unbounded-following';
    case 'CurrentRow':
      return 'current-row';
    case 'Preceding':
    case 'Following':
      return sexpr(b.kind.toLowerCase(), printExpr(b.offset));
    default:
      return unreachable(b);
  }
}

/** The parts of a window specification, without a wrapper: `w (partition a) (order b) (rows …)`. */
function printWindowSpec(w: WindowSpec): string[] {
  const parts: string[] = [];
  if (w.existingName) parts.push(printIdentifier(w.existingName));
  if (w.partitionBy.length > 0) parts.push(sexpr('partition', ...w.partitionBy.map(printExpr)));
  if (w.orderBy.length > 0) parts.push(sexpr('order', ...w.orderBy.map(printSortItem)));
  if (w.frame) {
    const { start, end } = w.frame;
    const bounds = end ? sexpr('between', printFrameBound(start), printFrameBound(end)) : printFrameBound(start);
    parts.push(sexpr(w.frame.unit.toLowerCase(), bounds));
  }
  return parts;
}

function printSelectItem(item: SelectItem): string {
  switch (item.kind) {
    case 'AllColumns':
      return item.qualifier ? `${printName(item.qualifier)}.*` : '*';
    case 'SingleColumn':
      return item.alias ? sexpr('as', printExpr(item.expr), printIdentifier(item.alias)) : printExpr(item.expr);
    default:
      return unreachable(item);
  }
}

function printAliased(inner: string, alias: Identifier | null, columns: readonly Identifier[] | null): string {
  if (!alias) return inner;
  return sexpr('as', inner, printIdentifier(alias), columns ? sexpr(...columns.map(printIdentifier)) : null);
}

export function printRelation(r: Relation): string {
  switch (r.kind) {
    case 'Table':
      return printAliased(printName(r.name), r.alias, r.columnAliases);
    case 'SubqueryRelation':
      return printAliased(sexpr('subquery', printQuery(r.query)), r.alias, r.columnAliases);
    case 'Join': {
      const name = r.type === 'INNER' ? 'join' : `${r.type.toLowerCase()}-join`;
      const criteria = r.on
        ? sexpr('on', printExpr(r.on))
        : r.using
          ? sexpr('using', ...r.using.map(printIdentifier))
          : null;
      return sexpr(name, printRelation(r.left), printRelation(r.right), criteria);
    }
    default:
      return unreachable(r);
  }
}

function printBody(body: QueryBody): string {
  switch (body.kind) {
    case 'QuerySpecification':
      return sexpr(
        body.distinct ? 'select-distinct' : 'select',
        `[${body.select.map(printSelectItem).join(' ')}]`,
        body.from.length > 0 ? sexpr('from', ...body.from.map(printRelation)) : null,
        body.where ? sexpr('where', printExpr(body.where)) : null,
        body.groupBy.length > 0 ? sexpr('group', ...body.groupBy.map(printExpr)) : null,
        body.having ? sexpr('having', printExpr(body.having)) : null,
        body.windows.length > 0
          ? sexpr('window', ...body.windows.map((w) => sexpr(printIdentifier(w.name), ...printWindowSpec(w.spec))))
          : null,
      );
    case 'SetOperation': {
      const name = body.op.toLowerCase() + (body.distinct ? '' : '-all');
      return sexpr(name, printBody(body.left), printBody(body.right));
    }
    case 'TableSubquery':
      return sexpr('paren', printQuery(body.query));
    case 'Values':
      return sexpr('values', ...body.rows.map((r) => `[${r.items.map(printExpr).join(' ')}]`));
    default:
      return unreachable(body);
  }
}

function printSortItem(s: SortItem): string {
  if (s.ascending && s.nullsFirst === null) return printExpr(s.expr);
  const nulls = s.nullsFirst === null ? null : s.nullsFirst ? 'nulls-first' : 'nulls-last';
  return sexpr(s.ascending ? 'asc' : 'desc', printExpr(s.expr), nulls);
}

export function printQuery(q: Query): string {
  const body = printBody(q.body);
  if (q.with.length === 0 && q.orderBy.length === 0 && !q.offset && !q.limit) return body;
  const withs = q.with.map((w) =>
    sexpr(printIdentifier(w.name), w.columnNames ? sexpr(...w.columnNames.map(printIdentifier)) : null, printQuery(w.query)),
  );
  return sexpr(
    'query',
    withs.length > 0 ? sexpr('with', ...withs) : null,
    body,
    q.orderBy.length > 0 ? sexpr('order', ...q.orderBy.map(printSortItem)) : null,
    q.offset ? sexpr('offset', printExpr(q.offset)) : null,
    q.limit ? sexpr('limit', printExpr(q.limit)) : null,
  );
}

export function printStatement(s: Statement): string {
  switch (s.kind) {
    case 'QueryStatement':
      return printQuery(s.query);
    case 'Explain':
      return sexpr(s.analyze ? 'explain-analyze' : 'explain', printStatement(s.statement));
    case 'Show':
      return sexpr(`show-${s.what.toLowerCase()}`, s.target ? printName(s.target) : null);
    default:
      return unreachable(s);
  }
}
