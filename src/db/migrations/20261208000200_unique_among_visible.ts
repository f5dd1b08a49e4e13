import { sql, type Kysely } from 'kysely';

/**
 * Names, symbols and DOIs were unique among every live record, so creating a record whose name another
 * user's PRIVATE record held answered 409 "already exists": an oracle for hidden records (issue 18).
 * Each is now unique among public records (`…_live`) and among one owner's live records (`…_own`): a
 * conflict is only ever with a record the writer can see (a public one, or their own).
 */
const UNIQUE: readonly { name: string; table: string; key: string; where?: string }[] = [
  { name: 'organisations_name_live', table: 'organisations', key: 'lower(name)' },
  { name: 'quantities_name_live', table: 'quantities', key: 'lower(name)' },
  { name: 'units_quantity_symbol_live', table: 'units', key: 'quantity_id, symbol' },
  { name: 'parameters_kind_name_live', table: 'parameters', key: 'kind, lower(name)' },
  { name: 'device_types_name_live', table: 'device_types', key: 'lower(name)' },
  { name: 'experiments_institution_name_live', table: 'experiments', key: 'coalesce(institution_id, 0), lower(name)' },
  { name: 'literature_references_doi_live', table: 'literature_references', key: 'lower(doi)', where: 'doi is not null' },
];

const and = (where?: string) => (where ? sql.raw(` and ${where}`) : sql``);

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const u of UNIQUE) {
    await sql`drop index ${sql.id(u.name)}`.execute(db);
    await sql`create unique index ${sql.id(u.name)} on ${sql.table(u.table)} (${sql.raw(u.key)}) where status = 'public'${and(u.where)}`.execute(db);
    await sql`create unique index ${sql.id(u.name.replace(/_live$/, '_own'))} on ${sql.table(u.table)} (owner_id, ${sql.raw(u.key)}) where status <> 'deleted'${and(u.where)}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const u of UNIQUE) {
    await sql`drop index ${sql.id(u.name.replace(/_live$/, '_own'))}`.execute(db);
    await sql`drop index ${sql.id(u.name)}`.execute(db);
    await sql`create unique index ${sql.id(u.name)} on ${sql.table(u.table)} (${sql.raw(u.key)}) where status <> 'deleted'${and(u.where)}`.execute(db);
  }
}
