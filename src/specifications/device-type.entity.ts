import { defineEntity } from '../entities/entity-definition.js';

/** Abstract kinds of device (seeded: Single cell, Module, Pack). */
export const deviceTypeEntity = defineEntity({
  table: 'device_types',
  plural: 'device-types',
  label: 'DeviceType',
  fields: {},
  search: ['notes'],
  relations: [{ path: 'specifications', target: 'device_specifications', foreignKey: 'device_type_id', summary: 'Specifications of a device type' }],
  lockedWhenPublic: true,
  conflicts: { device_types_name_live: { field: 'name', message: 'A device type with this name already exists' } },
});
