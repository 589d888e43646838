/**
 * The syntax tree of Squall's SQL (Trino dialect), as the parser produces it. Every node carries
 * the span of its first token so later phases can report `line:column`.
 *
 * The tree is syntax only: names are unresolved, literals are kept as written, and some forms are
 * normalized at parse time (`substring(x FROM a FOR b)` is a FunctionCall `substring(x, a, b)`,
 * `!=` is `<>`, `trim(LEADING 'x' FROM s)` is `ltrim(s, 'x')`, `CURRENT_DATE` is a FunctionCall).
 */
import type { Span } from '../errors.ts';

export type { Span };

export interface Identifier {
  readonly kind: 'Identifier';
  /** Unquoted identifiers are lower-cased; quoted ones keep their case (and lose the quotes). */
  readonly value: string;
  readonly quoted: boolean;
  readonly span: Span;
}

export interface QualifiedName {
  readonly kind: 'QualifiedName';
  readonly parts: readonly Identifier[];
  readonly span: Span;
}

// ---------------------------------------------------------------------------------------------
// Statements

export type Statement = QueryStatement | ExplainStatement | ShowStatement;

export interface QueryStatement {
  readonly kind: 'QueryStatement';
  readonly query: Query;
  readonly span: Span;
}

export interface ExplainStatement {
  readonly kind: 'Explain';
  readonly analyze: boolean;
  readonly statement: Statement;
  readonly span: Span;
}

/**
 * `SHOW CATALOGS`, `SHOW SCHEMAS [FROM catalog]`, `SHOW TABLES [FROM schema]`,
 * `SHOW COLUMNS FROM table` and its synonym `DESCRIBE table`.
 */
export interface ShowStatement {
  readonly kind: 'Show';
  readonly what: 'CATALOGS' | 'SCHEMAS' | 'TABLES' | 'COLUMNS';
  readonly target: QualifiedName | null;
  readonly span: Span;
}

// ---------------------------------------------------------------------------------------------
// Queries

export interface Query {
  readonly kind: 'Query';
  readonly with: readonly WithQuery[];
  readonly body: QueryBody;
  readonly orderBy: readonly SortItem[];
  /** `OFFSET n [ROW|ROWS]`: an integer literal. */
  readonly offset: Expr | null;
  /** `LIMIT n` or `FETCH FIRST n ROWS ONLY`: an integer literal; `LIMIT ALL` is null. */
  readonly limit: Expr | null;
  readonly span: Span;
}

export interface WithQuery {
  readonly kind: 'WithQuery';
  readonly name: Identifier;
  readonly columnNames: readonly Identifier[] | null;
  readonly query: Query;
  readonly span: Span;
}

export type QueryBody = QuerySpecification | SetOperation | TableSubquery | Values;

/**
 * `VALUES row, row, …`: a row is a parenthesized list `(a, b)` (or `ROW(a, b)`), or a single
 * expression (a one-column row, as `(a)` is too).
 */
export interface Values {
  readonly kind: 'Values';
  readonly rows: readonly ValuesRow[];
  readonly span: Span;
}

export interface ValuesRow {
  readonly items: readonly Expr[];
  readonly span: Span;
}

export interface QuerySpecification {
  readonly kind: 'QuerySpecification';
  readonly distinct: boolean;
  readonly select: readonly SelectItem[];
  /** Comma-separated FROM items, in order; empty when there is no FROM (`SELECT 1`). */
  readonly from: readonly Relation[];
  readonly where: Expr | null;
  /** Plain GROUP BY elements (expressions or ordinals); empty when absent. */
  readonly groupBy: readonly Expr[];
  readonly having: Expr | null;
  /** `WINDOW w AS (...), ...` after HAVING; empty when absent. */
  readonly windows: readonly NamedWindow[];
  readonly span: Span;
}

/** One `name AS (spec)` of a WINDOW clause; spanned at the name. */
export interface NamedWindow {
  readonly name: Identifier;
  readonly spec: WindowSpec;
  readonly span: Span;
}

/**
 * `OVER ([existing] [PARTITION BY …] [ORDER BY …] [frame])`, the spec of a WINDOW clause entry,
 * and `OVER name`, which is a spec with only `existingName` (spanned at the name; the
 * parenthesized forms are spanned at their `(`).
 */
export interface WindowSpec {
  readonly kind: 'WindowSpec';
  readonly existingName: Identifier | null;
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly SortItem[];
  readonly frame: WindowFrame | null;
  readonly span: Span;
}

/**
 * `{ROWS | RANGE | GROUPS} start` or `... BETWEEN start AND end`, spanned at the unit keyword.
 * `end` is null for the single-bound form (which means `AND CURRENT ROW`). Bound combinations
 * Trino rejects (a start of UNBOUNDED FOLLOWING, FOLLOWING then PRECEDING, …) are parse errors.
 */
export interface WindowFrame {
  readonly kind: 'WindowFrame';
  readonly unit: 'ROWS' | 'RANGE' | 'GROUPS';
  readonly start: FrameBound;
  readonly end: FrameBound | null;
  readonly span: Span;
}

/** `UNBOUNDED PRECEDING`, `CURRENT ROW`, `n FOLLOWING`, …; an offset bound is spanned at its expression. */
export type FrameBound =
  | { readonly kind: 'UnboundedPreceding' | 'UnboundedFollowing' | 'CurrentRow'; readonly span: Span }
  | { readonly kind: 'Preceding' | 'Following'; readonly offset: Expr; readonly span: Span };

/** `UNION [ALL|DISTINCT]`, `INTERSECT`, `EXCEPT` (parsed; planned in a later issue). */
export interface SetOperation {
  readonly kind: 'SetOperation';
  readonly op: 'UNION' | 'INTERSECT' | 'EXCEPT';
  readonly distinct: boolean;
  readonly left: QueryBody;
  readonly right: QueryBody;
  readonly span: Span;
}

/** A parenthesized query used as a query body: `(SELECT …) UNION (SELECT …)` or `(SELECT …) ORDER BY x`. */
export interface TableSubquery {
  readonly kind: 'TableSubquery';
  readonly query: Query;
  readonly span: Span;
}

export type SelectItem = AllColumns | SingleColumn;

/** `*` or `t.*` */
export interface AllColumns {
  readonly kind: 'AllColumns';
  readonly qualifier: QualifiedName | null;
  readonly span: Span;
}

export interface SingleColumn {
  readonly kind: 'SingleColumn';
  readonly expr: Expr;
  readonly alias: Identifier | null;
  readonly span: Span;
}

export interface SortItem {
  readonly kind: 'SortItem';
  readonly expr: Expr;
  readonly ascending: boolean;
  /** null when not written: Trino's default is NULLS LAST for both directions. */
  readonly nullsFirst: boolean | null;
  readonly span: Span;
}

// ---------------------------------------------------------------------------------------------
// Relations

export type Relation = TableRef | SubqueryRelation | Join;

export interface TableRef {
  readonly kind: 'Table';
  readonly name: QualifiedName;
  readonly alias: Identifier | null;
  readonly columnAliases: readonly Identifier[] | null;
  readonly span: Span;
}

export interface SubqueryRelation {
  readonly kind: 'SubqueryRelation';
  readonly query: Query;
  readonly alias: Identifier | null;
  readonly columnAliases: readonly Identifier[] | null;
  readonly span: Span;
}

/** Parsed now; planned in the next issue. */
export interface Join {
  readonly kind: 'Join';
  readonly type: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS';
  readonly left: Relation;
  readonly right: Relation;
  readonly on: Expr | null;
  readonly using: readonly Identifier[] | null;
  readonly span: Span;
}

// ---------------------------------------------------------------------------------------------
// Expressions

export type Expr =
  | ColumnRef
  | Literal
  | UnaryExpr
  | BinaryExpr
  | ComparisonExpr
  | LogicalExpr
  | NotExpr
  | BetweenExpr
  | InListExpr
  | InSubqueryExpr
  | LikeExpr
  | IsNullExpr
  | IsDistinctFromExpr
  | CaseExpr
  | CastExpr
  | FunctionCall
  | ExtractExpr
  | SubqueryExpr
  | ExistsExpr;

/** `a`, `t.a`, `s.t.a`, `c.s.t.a` */
export interface ColumnRef {
  readonly kind: 'ColumnRef';
  readonly parts: readonly Identifier[];
  readonly span: Span;
}

export type Literal =
  | { readonly kind: 'Literal'; readonly literal: 'integer'; readonly text: string; readonly span: Span }
  | { readonly kind: 'Literal'; readonly literal: 'decimal'; readonly text: string; readonly span: Span }
  | { readonly kind: 'Literal'; readonly literal: 'double'; readonly text: string; readonly span: Span }
  | { readonly kind: 'Literal'; readonly literal: 'string'; readonly value: string; readonly span: Span }
  | { readonly kind: 'Literal'; readonly literal: 'boolean'; readonly value: boolean; readonly span: Span }
  | { readonly kind: 'Literal'; readonly literal: 'null'; readonly span: Span }
  /** `DATE '…'`, `TIMESTAMP '…'`, `DECIMAL '…'`, `DOUBLE '…'`, … : a type name and the string. */
  | { readonly kind: 'Literal'; readonly literal: 'typed'; readonly type: TypeSyntax; readonly value: string; readonly span: Span }
  /** `INTERVAL [+|-] 'value' field [TO field]` */
  | {
      readonly kind: 'Literal';
      readonly literal: 'interval';
      readonly value: string;
      readonly sign: 1 | -1;
      readonly from: IntervalField;
      readonly to: IntervalField | null;
      readonly span: Span;
    };

export type IntervalField = 'YEAR' | 'MONTH' | 'DAY' | 'HOUR' | 'MINUTE' | 'SECOND';

export interface UnaryExpr {
  readonly kind: 'Unary';
  readonly op: '-' | '+';
  readonly operand: Expr;
  readonly span: Span;
}

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%';

export interface BinaryExpr {
  readonly kind: 'Binary';
  readonly op: ArithmeticOp | '||';
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
  /** The operator or predicate keyword (`+`, `=`, `BETWEEN`, `NOT`…): where Trino reports errors about it. */
  readonly opSpan: Span;
}

export type ComparisonOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

export interface ComparisonExpr {
  readonly kind: 'Comparison';
  readonly op: ComparisonOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
  /** The operator or predicate keyword (`+`, `=`, `BETWEEN`, `NOT`…): where Trino reports errors about it. */
  readonly opSpan: Span;
}

/** `a AND b`; a chain `a AND b AND c` is one node with three terms. */
export interface LogicalExpr {
  readonly kind: 'Logical';
  readonly op: 'AND' | 'OR';
  readonly terms: readonly Expr[];
  readonly span: Span;
}

export interface NotExpr {
  readonly kind: 'Not';
  readonly operand: Expr;
  readonly span: Span;
}

export interface BetweenExpr {
  readonly kind: 'Between';
  readonly not: boolean;
  readonly value: Expr;
  readonly low: Expr;
  readonly high: Expr;
  readonly span: Span;
  /** The operator or predicate keyword (`+`, `=`, `BETWEEN`, `NOT`…): where Trino reports errors about it. */
  readonly opSpan: Span;
}

export interface InListExpr {
  readonly kind: 'InList';
  readonly not: boolean;
  readonly value: Expr;
  readonly list: readonly Expr[];
  readonly span: Span;
  /** The operator or predicate keyword (`+`, `=`, `BETWEEN`, `NOT`…): where Trino reports errors about it. */
  readonly opSpan: Span;
}

export interface InSubqueryExpr {
  readonly kind: 'InSubquery';
  readonly not: boolean;
  readonly value: Expr;
  readonly query: Query;
  readonly span: Span;
  /** The operator or predicate keyword (`+`, `=`, `BETWEEN`, `NOT`…): where Trino reports errors about it. */
  readonly opSpan: Span;
}

export interface LikeExpr {
  readonly kind: 'Like';
  readonly not: boolean;
  readonly value: Expr;
  readonly pattern: Expr;
  readonly escape: Expr | null;
  readonly span: Span;
  /** The operator or predicate keyword (`+`, `=`, `BETWEEN`, `NOT`…): where Trino reports errors about it. */
  readonly opSpan: Span;
}

export interface IsNullExpr {
  readonly kind: 'IsNull';
  readonly not: boolean;
  readonly operand: Expr;
  readonly span: Span;
  /** The operator or predicate keyword (`+`, `=`, `BETWEEN`, `NOT`…): where Trino reports errors about it. */
  readonly opSpan: Span;
}

export interface IsDistinctFromExpr {
  readonly kind: 'IsDistinctFrom';
  readonly not: boolean;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
  /** The operator or predicate keyword (`+`, `=`, `BETWEEN`, `NOT`…): where Trino reports errors about it. */
  readonly opSpan: Span;
}

export interface WhenClause {
  readonly when: Expr;
  readonly then: Expr;
  readonly span: Span;
}

/** Searched (`operand` null) or simple (`CASE x WHEN 1 THEN …`) CASE. */
export interface CaseExpr {
  readonly kind: 'Case';
  readonly operand: Expr | null;
  readonly whens: readonly WhenClause[];
  readonly else: Expr | null;
  readonly span: Span;
}

export interface CastExpr {
  readonly kind: 'Cast';
  /** TRY_CAST */
  readonly safe: boolean;
  readonly operand: Expr;
  readonly type: TypeSyntax;
  readonly span: Span;
}

/**
 * A type as written: `decimal(15,2)` is `{ name: 'decimal', params: [15, 2] }`; multi-word names
 * are lower-cased and single-spaced: `double precision`, `interval day to second`,
 * `timestamp with time zone`.
 */
export interface TypeSyntax {
  readonly kind: 'TypeSyntax';
  readonly name: string;
  readonly params: readonly number[];
  readonly span: Span;
}

export interface FunctionCall {
  readonly kind: 'FunctionCall';
  readonly name: QualifiedName;
  readonly args: readonly Expr[];
  readonly distinct: boolean;
  /** `count(*)` */
  readonly star: boolean;
  /** `agg(x) FILTER (WHERE cond)` */
  readonly filter: Expr | null;
  /** `f(x) IGNORE NULLS OVER (...)`; only written before OVER, so null whenever `window` is. */
  readonly nullTreatment: 'IGNORE' | 'RESPECT' | null;
  /** `OVER (...)` or `OVER name`: a window function call; null for plain calls. */
  readonly window: WindowSpec | null;
  readonly span: Span;
}

/** `EXTRACT(field FROM x)`; field upper-cased: YEAR, QUARTER, MONTH, WEEK, DAY, DAY_OF_WEEK, DOW, DAY_OF_YEAR, DOY, HOUR, MINUTE, SECOND… */
export interface ExtractExpr {
  readonly kind: 'Extract';
  readonly field: string;
  readonly operand: Expr;
  readonly span: Span;
}

/** A scalar subquery `(SELECT …)` in an expression (parsed; planned later). */
export interface SubqueryExpr {
  readonly kind: 'SubqueryExpr';
  readonly query: Query;
  readonly span: Span;
}

export interface ExistsExpr {
  readonly kind: 'Exists';
  readonly query: Query;
  readonly span: Span;
}
