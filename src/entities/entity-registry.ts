import { organisationEntity } from '../organisations/organisation.entity.js';
import { personEntity } from '../people/person.entity.js';
import { batchEntity } from '../batches/batch.entity.js';
import { dataFileEntity } from '../data-files/data-file.entity.js';
import { deviceEntity } from '../devices/device.entity.js';
import { equipmentEntity } from '../equipment/equipment.entity.js';
import { experimentEntity } from '../experiments/experiment.entity.js';
import { componentEntity } from '../materials/component.entity.js';
import { compoundEntity } from '../materials/compound.entity.js';
import { parameterEntity } from '../parameters/parameter.entity.js';
import { protocolEntity } from '../protocols/protocol.entity.js';
import { parameterDataSetEntity } from '../references/parameter-data-set.entity.js';
import { referenceEntity } from '../references/reference.entity.js';
import { deviceTypeEntity } from '../specifications/device-type.entity.js';
import { specificationEntity } from '../specifications/specification.entity.js';
import { quantityEntity } from '../units/quantity.entity.js';
import { unitEntity } from '../units/unit.entity.js';
import { columnMappingEntity } from '../column-mappings/column-mapping.entity.js';
import { monitoredPathEntity } from '../monitored-paths/monitored-path.entity.js';
import type { EntityDefinition } from './entity-definition.js';

/**
 * Every entity served by the generic framework: routes, OpenAPI, history, visibility, and the
 * permission-matrix test all iterate this list. Add yours with one import and one line.
 */
export const entityRegistry: readonly EntityDefinition[] = [
  organisationEntity,
  personEntity,
  quantityEntity,
  unitEntity,
  parameterEntity,
  compoundEntity,
  componentEntity,
  deviceTypeEntity,
  specificationEntity,
  protocolEntity,
  batchEntity,
  deviceEntity,
  equipmentEntity,
  experimentEntity,
  referenceEntity,
  parameterDataSetEntity,
  dataFileEntity,
  columnMappingEntity,
  monitoredPathEntity,
];
