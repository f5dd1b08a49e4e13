import type { Database } from '../db/schema.js';

/** The tables of user records: rows with an owner and a status, read through the visibility scope. */
export type RecordTable = { [K in keyof Database]: Database[K] extends { status: unknown; owner_id: unknown } ? K : never }[keyof Database];

/** `'data_files'` or `'data_files as t'`: a record table and the alias a query gave it (Kysely's spelling). */
export type ScopedTable = RecordTable | `${RecordTable} as ${string}`;

export function splitScopedTable(spec: ScopedTable): { table: RecordTable; alias: string } {
  const [table, alias] = spec.split(' as ');
  return { table: table as RecordTable, alias: alias ?? table };
}
