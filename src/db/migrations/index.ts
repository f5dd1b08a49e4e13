import type { Migration } from 'kysely';
import * as m20261125000000 from './20261125000000_init.js';
import * as m20261125000100 from './20261125000100_accounts.js';
import * as m20261125010000 from './20261125010000_record_history.js';
import * as m20261125010100 from './20261125010100_auth_sessions_tokens.js';
import * as m20261125010200 from './20261125010200_people.js';
import * as m20261125020000 from './20261125020000_units_parameters.js';
import * as m20261125020100 from './20261125020100_materials_devices.js';
import * as m20261125020200 from './20261125020200_experiments_data_files.js';
import * as m20261125030000 from './20261125030000_ingest_jobs_summaries.js';
import * as m20261125040000 from './20261125040000_column_mappings.js';
import * as m20261125061000 from './20261125061000_list_page_indexes.js';
import * as m20261125070000 from './20261125070000_cycle_columns.js';
import * as m20261207000000 from './20261207000000_login_failures.js';
import * as m20261207010000 from './20261207010000_series_resume_points.js';
import * as m20261207020000 from './20261207020000_job_outages.js';
import * as m20261208000000 from './20261208000000_monitored_paths.js';
import * as m20261208000100 from './20261208000100_harvester_monitor.js';
import * as m20261208000200 from './20261208000200_unique_among_visible.js';
import * as m20261208000300 from './20261208000300_data_file_continues.js';

/**
 * Every migration, by timestamped name. Append-only: add a line for each new file.
 * A static list (not a folder scan) so the same code runs from src/ under Vitest and from dist/.
 */
export const migrations: Record<string, Migration> = {
  '20261125000000_init': m20261125000000,
  '20261125000100_accounts': m20261125000100,
  '20261125010000_record_history': m20261125010000,
  '20261125010100_auth_sessions_tokens': m20261125010100,
  '20261125010200_people': m20261125010200,
  '20261125020000_units_parameters': m20261125020000,
  '20261125020100_materials_devices': m20261125020100,
  '20261125020200_experiments_data_files': m20261125020200,
  '20261125030000_ingest_jobs_summaries': m20261125030000,
  '20261125040000_column_mappings': m20261125040000,
  '20261125061000_list_page_indexes': m20261125061000,
  '20261125070000_cycle_columns': m20261125070000,
  '20261207000000_login_failures': m20261207000000,
  '20261207010000_series_resume_points': m20261207010000,
  '20261207020000_job_outages': m20261207020000,
  '20261208000000_monitored_paths': m20261208000000,
  '20261208000100_harvester_monitor': m20261208000100,
  '20261208000200_unique_among_visible': m20261208000200,
  '20261208000300_data_file_continues': m20261208000300,
};
