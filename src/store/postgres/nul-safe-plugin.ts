import {
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type ValueNode,
} from 'kysely';

/**
 * PostgreSQL cannot store U+0000: `text` refuses the byte and `jsonb` the `\u0000` escape. One
 * such character in a transcript would fail its page on every retry and stall the connection's
 * sync for good, so bound strings have it replaced by U+FFFD (the replacement character) on the
 * way in. SQLite stores it exactly; this is the one value PostgreSQL cannot keep byte for byte.
 */
export class NulSafePlugin implements KyselyPlugin {
  private readonly transformer = new NulSafeTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

class NulSafeTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    return typeof node.value === 'string' ? { ...node, value: withoutNul(node.value) } : node;
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return { ...node, values: node.values.map((v) => (typeof v === 'string' ? withoutNul(v) : v)) };
  }
}

/** An unescaped `\u0000` in JSON text (an odd number of backslashes before `u0000`). */
const JSON_NUL_ESCAPE = /(?<!\\)((?:\\\\)*)\\u0000/g;

/** Replaces U+0000, raw or as a JSON escape, with U+FFFD. */
export function withoutNul(value: string): string {
  if (!value.includes('\u0000') && !value.includes('\\u0000')) return value;
  return value.replaceAll('\u0000', '\uFFFD').replace(JSON_NUL_ESCAPE, '$1\\ufffd');
}
