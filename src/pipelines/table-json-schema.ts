/**
 * A table's JSON Schema, generated from its definition (`src/store/schema/`): one property per
 * product column with the type of its kind, `null` allowed exactly where the column is nullable,
 * the column's `.describe()` text and, for a `json` column, the shape it was given. Internal
 * bookkeeping columns are not part of a record, so not of the schema either.
 */
import type { ColumnKind } from '../store/schema/column.js';
import { productColumns, type AnyColumn, type AnyTable } from '../store/schema/table.js';

export type JsonSchema = Record<string, unknown>;

const TYPE_OF: Record<Exclude<ColumnKind, 'json'>, JsonSchema> = {
  text: { type: 'string' },
  time: { type: 'string', format: 'date-time' },
  bool: { type: 'boolean' },
  int: { type: 'integer' },
  real: { type: 'number' },
};

/**
 * @example tableJsonSchema(gongUsers).properties.active // { type: ['boolean', 'null'] }
 */
export function tableJsonSchema(table: AnyTable): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const name of productColumns(table)) properties[name] = columnSchema(table.columns[name] as AnyColumn);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    description: table.description,
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

function columnSchema(column: AnyColumn): JsonSchema {
  const described = column.description ? { description: column.description } : {};
  if (column.kind === 'json') {
    // Any JSON value unless the column says more; null is one of them only for a nullable column.
    const shape: JsonSchema = column.valueSchema ?? { type: ['object', 'array', 'string', 'number', 'boolean'] };
    return column.isNullable ? { ...described, anyOf: [shape, { type: 'null' }] } : { ...described, ...shape };
  }
  const base = TYPE_OF[column.kind as Exclude<ColumnKind, 'json'>];
  if (!column.isNullable) return { ...described, ...base };
  return { ...described, ...base, type: [base.type as string, 'null'] };
}
