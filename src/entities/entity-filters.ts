import { z } from '@hono/zod-openapi';
import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { isCalendarDate } from '../domain/calendar-date.js';
import type { EntityDefinition, FilterType } from './entity-definition.js';

/** Query-string operators per filter type: `?col=v` is equality, `?col__op=v` the others. */
const OPERATORS = {
  text: ['eq', 'contains'],
  id: ['eq', 'in'],
  number: ['eq', 'gt', 'gte', 'lt', 'lte'],
  date: ['eq', 'gt', 'gte', 'lt', 'lte'],
  boolean: ['eq'],
  enum: ['eq', 'in'],
} as const;

type Op = 'eq' | 'contains' | 'in' | 'gt' | 'gte' | 'lt' | 'lte';

const BUILT_IN_FILTERS: Record<string, FilterType> = {
  name: 'text',
  status: { enum: ['private', 'public'] },
  owner_id: 'id',
  created_at: 'date',
  modified_at: 'date',
};

const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function valueSchema(type: FilterType, op: Op): z.ZodType {
  if (typeof type === 'object') {
    const one = z.enum(type.enum as unknown as [string, ...string[]]);
    return op === 'in' ? z.string().transform((s) => s.split(',')).pipe(z.array(one).max(100)) : one;
  }
  switch (type) {
    case 'text':
      return z.string().max(500);
    case 'id':
      return op === 'in'
        ? z.string().regex(/^\d{1,9}(,\d{1,9}){0,999}$/, 'expected comma-separated ids').transform((s) => s.split(',').map(Number))
        : z.string().regex(/^\d{1,9}$/, 'expected an id').transform(Number);
    case 'number':
      return z.string().regex(NUMBER, 'expected a number').transform(Number).refine(Number.isFinite, 'out of range');
    case 'date':
      return z.string().regex(DATE, 'expected an ISO date or date-time').refine(isCalendarDate, 'not a valid date');
    case 'boolean':
      return z.enum(['true', 'false']).transform((v) => v === 'true');
  }
}

function opsOf(type: FilterType): readonly Op[] {
  return typeof type === 'object' ? OPERATORS.enum : OPERATORS[type];
}

function paramName(column: string, op: Op): string {
  return op === 'eq' ? column : `${column}__${op}`;
}

export function allFilters(def: EntityDefinition): Record<string, FilterType> {
  return { ...BUILT_IN_FILTERS, ...def.filters };
}

/** The zod shape of every filter query parameter of an entity. */
export function filterQueryShape(def: EntityDefinition): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const [column, type] of Object.entries(allFilters(def))) {
    for (const op of opsOf(type)) shape[paramName(column, op)] = valueSchema(type, op).optional();
  }
  return shape;
}

const SQL_OP = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** Escapes LIKE wildcards so user text matches literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyQuery = SelectQueryBuilder<any, any, any>;

/** Adds a WHERE for each filter present in the (validated) query, on alias `t`. */
export function applyFilters(qb: AnyQuery, def: EntityDefinition, query: Record<string, unknown>): AnyQuery {
  for (const [column, type] of Object.entries(allFilters(def))) {
    for (const op of opsOf(type)) {
      const value = query[paramName(column, op)];
      if (value === undefined) continue;
      const ref = sql.ref(`t.${column}`);
      if (op === 'contains') qb = qb.where(sql<SqlBool>`${ref}::text ilike ${likePattern(String(value))}`);
      else if (op === 'in') qb = qb.where(ref, 'in', value as unknown[]);
      else qb = qb.where(ref, SQL_OP[op], value);
    }
  }
  return qb;
}
