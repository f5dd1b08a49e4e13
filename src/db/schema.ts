import type { BatchTables } from '../batches/batch.table.js';
import type { DataFileTables } from '../data-files/data-file.table.js';
import type { DeviceTables } from '../devices/device.table.js';
import type { EquipmentTables } from '../equipment/equipment.table.js';
import type { ExperimentTables } from '../experiments/experiment.table.js';
import type { MaterialTables } from '../materials/material.table.js';
import type { ParameterTables } from '../parameters/parameter.table.js';
import type { ProtocolTables } from '../protocols/protocol.table.js';
import type { ReferenceTables } from '../references/reference.table.js';
import type { SpecificationTables } from '../specifications/specification.table.js';
import type { UnitTables } from '../units/unit.table.js';
import type { AuthTables } from '../auth/auth.table.js';
import type { HistoryTables } from '../history/history.table.js';
import type { PeopleTables } from '../people/person.table.js';
import type { OrganisationTables } from '../organisations/organisation.table.js';
import type { UserTables } from '../users/user.table.js';
import type { IngestTables } from '../ingest/ingest.table.js';
import type { ColumnMappingTables } from '../column-mappings/column-mapping.table.js';
import type { MonitoredPathTables } from '../monitored-paths/monitored-path.table.js';
import type { MonitorTables } from '../monitor/monitor.table.js';

/**
 * The whole database type, assembled from the feature table files (`*.table.ts`).
 * Add a feature's tables by extending this interface with its table interface.
 */
export interface Database extends UserTables, OrganisationTables, HistoryTables, AuthTables, PeopleTables,
    UnitTables, ParameterTables, MaterialTables, SpecificationTables, ProtocolTables, BatchTables, DeviceTables,
    EquipmentTables, ExperimentTables, ReferenceTables, DataFileTables, IngestTables, ColumnMappingTables,
    MonitoredPathTables, MonitorTables {
  app_meta: { key: string; value: unknown };
}
