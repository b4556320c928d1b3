/**
 * The tenant boundary as a Kysely plugin: every query built on a scoped handle is rewritten so
 * that it sees and writes one connection's rows only. Feature code then never writes a
 * `connection_id` filter, and cannot forget one.
 *
 * - SELECT: each tenant table in `FROM` gets `<alias>.connection_id = ?` in `WHERE`; each joined
 *   tenant table gets it in its `ON` (so a left join still yields nulls rather than another
 *   connection's row). Subqueries, CTEs and unions are rewritten the same way, at every depth.
 * - UPDATE / DELETE: the same filter on the target table and on `FROM`/`USING`/joined tables.
 * - INSERT: `connection_id` is filled on every row that does not give it (a row that gives
 *   another connection's id is refused), and added to an `ON CONFLICT (…)` target that lacks it,
 *   since every tenant table's key starts with it.
 * - Raw SQL (`sql\`…\`.execute(scoped)`): its text cannot be rewritten, so it is refused unless
 *   it binds this connection's id somewhere (the dialect code that needs raw SQL writes
 *   `${scope.connectionId}`); a query built with Kysely and embedded in it is rewritten as above.
 *
 * Tenant tables are those defined with `tenant: true` (`../schema/`), plus the search index's
 * tables, which the dialects create.
 */
import {
  AliasNode,
  AndNode,
  BinaryOperationNode,
  ColumnNode,
  IdentifierNode,
  InsertQueryNode,
  JoinNode,
  OnNode,
  OperationNodeTransformer,
  OperatorNode,
  ParensNode,
  PrimitiveValueListNode,
  ReferenceNode,
  SelectionNode,
  SelectQueryNode,
  TableNode,
  ValueListNode,
  ValueNode,
  ValuesNode,
  WhereNode,
  type DeleteQueryNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type UpdateQueryNode,
} from 'kysely';

const TENANT_COLUMN = 'connection_id';

/** Adds the tenant filter to queries on `tenantTables` for one connection. */
export class TenantScopePlugin implements KyselyPlugin {
  readonly #transformer: TenantScopeTransformer;

  constructor(
    readonly connectionId: string,
    tenantTables: ReadonlySet<string>,
  ) {
    this.#transformer = new TenantScopeTransformer(connectionId, tenantTables);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node;
    if (node.kind === 'RawNode' && !bindsValue(node, this.connectionId)) {
      throw new TypeError(
        'raw SQL on a connection-scoped handle must bind the connection id (`${scope.connectionId}`): the scope cannot rewrite SQL text; build the query with Kysely instead',
      );
    }
    return this.#transformer.transformNode(node);
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

class TenantScopeTransformer extends OperationNodeTransformer {
  constructor(
    private readonly connectionId: string,
    private readonly tenantTables: ReadonlySet<string>,
  ) {
    super();
  }

  protected override transformSelectQuery(node: SelectQueryNode): SelectQueryNode {
    const out = super.transformSelectQuery(node);
    const filters = (out.from?.froms ?? []).flatMap((f) => this.filterFor(f));
    return { ...out, ...this.scopeJoins(out.joins), where: withFilters(out.where, filters) } as SelectQueryNode;
  }

  protected override transformUpdateQuery(node: UpdateQueryNode): UpdateQueryNode {
    const out = super.transformUpdateQuery(node);
    const targets = [out.table, ...(out.from?.froms ?? [])].filter((t): t is OperationNode => t !== undefined);
    const filters = targets.flatMap((t) => (t.kind === 'ListNode' ? (t as unknown as { items: OperationNode[] }).items : [t])).flatMap((t) => this.filterFor(t));
    return { ...out, ...this.scopeJoins(out.joins), where: withFilters(out.where, filters) } as UpdateQueryNode;
  }

  protected override transformDeleteQuery(node: DeleteQueryNode): DeleteQueryNode {
    const out = super.transformDeleteQuery(node);
    const filters = [...out.from.froms, ...(out.using?.tables ?? [])].flatMap((t) => this.filterFor(t));
    return { ...out, ...this.scopeJoins(out.joins), where: withFilters(out.where, filters) } as DeleteQueryNode;
  }

  protected override transformInsertQuery(node: InsertQueryNode): InsertQueryNode {
    const out = super.transformInsertQuery(node);
    if (!out.into || !this.tenantTables.has(tableName(out.into) ?? '')) return out;
    const columns = out.columns ?? [];
    const at = columns.findIndex((c) => c.column.name === TENANT_COLUMN);
    let values = out.values;
    if (at >= 0) {
      if (values && ValuesNode.is(values)) for (const row of values.values) this.checkGiven(row, at);
    } else if (values && ValuesNode.is(values)) {
      values = ValuesNode.create(
        values.values.map((row) =>
          PrimitiveValueListNode.is(row)
            ? PrimitiveValueListNode.create([...row.values, this.connectionId])
            : ValueListNode.create([...row.values, ValueNode.create(this.connectionId)]),
        ),
      );
    } else if (values && SelectQueryNode.is(values)) {
      values = { ...values, selections: [...(values.selections ?? []), SelectionNode.create(ValueNode.create(this.connectionId) as unknown as Parameters<typeof SelectionNode.create>[0])] } as SelectQueryNode;
    }
    const withColumn = at >= 0 ? columns : [...columns, ColumnNode.create(TENANT_COLUMN)];
    let onConflict = out.onConflict;
    if (onConflict?.columns && !onConflict.columns.some((c) => c.column.name === TENANT_COLUMN)) {
      onConflict = { ...onConflict, columns: [ColumnNode.create(TENANT_COLUMN), ...onConflict.columns] };
    }
    return InsertQueryNode.cloneWith(out, { columns: withColumn, ...(values ? { values } : {}), ...(onConflict ? { onConflict } : {}) });
  }

  private checkGiven(row: OperationNode, at: number): void {
    const given = PrimitiveValueListNode.is(row) ? row.values[at] : ValueListNode.is(row) && ValueNode.is(row.values[at]!) ? row.values[at].value : this.connectionId;
    if (given !== this.connectionId) throw new TypeError('a connection-scoped insert gave another connection_id');
  }

  private scopeJoins(joins: readonly JoinNode[] | undefined): { joins?: readonly JoinNode[] } {
    if (!joins) return {};
    return {
      joins: joins.map((join) => {
        const [filter] = this.filterFor(join.table);
        if (!filter) return join;
        return { ...join, on: join.on ? OnNode.create(AndNode.create(ParensNode.create(join.on.on), filter)) : OnNode.create(filter) } as JoinNode;
      }),
    };
  }

  /** `<name or alias>.connection_id = ?` when `from` is a tenant table. */
  private filterFor(from: OperationNode): OperationNode[] {
    let table: OperationNode = from;
    let alias: string | undefined;
    if (AliasNode.is(from)) {
      table = from.node;
      alias = IdentifierNode.is(from.alias) ? from.alias.name : undefined;
    }
    if (!TableNode.is(table) || table.table.schema) return [];
    const name = tableName(table);
    if (name === undefined || !this.tenantTables.has(name)) return [];
    const column = ReferenceNode.create(ColumnNode.create(TENANT_COLUMN), TableNode.create(alias ?? name));
    return [BinaryOperationNode.create(column, OperatorNode.create('='), ValueNode.create(this.connectionId))];
  }
}

function tableName(node: TableNode): string | undefined {
  return node.table.identifier.name;
}

function withFilters(where: WhereNode | undefined, filters: readonly OperationNode[]): WhereNode | undefined {
  if (filters.length === 0) return where;
  const all = filters.reduce((a, b) => AndNode.create(a, b));
  return WhereNode.create(where ? AndNode.create(ParensNode.create(where.where), all) : all);
}

/** Whether a raw query binds `value` as a parameter, at any depth. */
function bindsValue(node: OperationNode, value: string): boolean {
  if (ValueNode.is(node)) return node.value === value;
  if (node.kind === 'RawNode') return (node as unknown as { parameters: OperationNode[] }).parameters.some((p) => bindsValue(p, value));
  return false;
}
