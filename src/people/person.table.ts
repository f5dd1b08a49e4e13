import type { Generated } from 'kysely';
import type { RecordColumns } from '../db/record-columns.js';

/** A person (author, contact); `name` is the long name. */
export interface PeopleTable extends RecordColumns {
  short_name: Generated<string>;
  user_id: number | null;
  organisation_id: number | null;
}

export interface PeopleTables {
  people: PeopleTable;
}
