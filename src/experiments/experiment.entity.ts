import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { MAX_DEVICE_SEQUENCE } from '../domain/serial-template.js';
import { isCalendarDate } from '../domain/calendar-date.js';
import { defineEntity } from '../entities/entity-definition.js';
import { park, parkChildren, recordChildHistory, takeParked } from '../metadata/child-rows.js';
import { deviceConfigurations, experimentTypes, thermalManagements } from './experiment.table.js';
import {
  readExperimentDeviceLinks,
  devicesUnderTestJson,
  replaceExperimentDevices,
  resolveExperimentDevices,
  type ExperimentDeviceInput,
} from './experiment-devices.repository.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').refine(isCalendarDate, 'not a valid date');

const DeviceInput = z
  .object({
    device_id: z.number().int().positive().optional(),
    batch_id: z.number().int().positive().optional(),
    sequence: z.number().int().min(1).max(MAX_DEVICE_SEQUENCE).optional(),
    position: z.string().trim().max(100).nullable().optional(),
  })
  .strict()
  .refine((d) => d.device_id !== undefined || (d.batch_id !== undefined && d.sequence !== undefined), 'give device_id, or batch_id and sequence');
const DeviceOutput = z.object({ device_id: z.number().int(), position: z.string().nullable(), serial: z.string(), batch_id: z.number().int(), sequence: z.number().int() });

/** Experiments: names unique within the owner's institution; devices under test named by batch + sequence. */
export const experimentEntity = defineEntity({
  table: 'experiments',
  plural: 'experiments',
  label: 'Experiment',
  fields: {
    date: isoDate.nullable().optional(),
    device_configuration: z.enum(deviceConfigurations).nullable().optional(),
    temperature_c: z.number().finite().min(-273.15).max(1000).nullable().optional(),
    c_rate: z.number().finite().min(0).max(1000).nullable().optional(),
    type: z.enum(experimentTypes).optional(),
    thermal_management: z.enum(thermalManagements).optional(),
    external_link: z.url({ protocol: /^https?$/ }).max(2000).nullable().optional(),
    summary: z.string().max(100_000).optional(),
    protocol_id: z.number().int().positive().nullable().optional(),
    devices: z.array(DeviceInput).max(10_000).optional().openapi({ description: 'Replaces the devices under test; missing devices of a batch are created' }),
  },
  computedFields: { institution_id: z.number().int().nullable().openapi({ description: 'The creator’s institution' }), devices: z.array(DeviceOutput) },
  filters: {
    institution_id: 'id',
    date: 'date',
    type: { enum: experimentTypes },
    thermal_management: { enum: thermalManagements },
    device_configuration: { enum: deviceConfigurations },
    temperature_c: 'number',
    c_rate: 'number',
    protocol_id: 'id',
    external_link: 'text',
  },
  search: ['summary', 'notes', 'external_link'],
  sort: ['date', 'type', 'temperature_c', 'c_rate', 'institution_id'],
  references: { protocol_id: 'protocols' },
  relations: [
    {
      path: 'devices',
      target: 'devices',
      targetIds: (_db, id) => sql`select device_id from experiment_devices where experiment_id = ${id}`,
      summary: 'Devices under test',
    },
    { path: 'data-files', target: 'data_files', foreignKey: 'experiment_id', summary: 'Data files of an experiment' },
  ],
  lockedWhenPublic: false,
  conflicts: { experiments_institution_name_live: { field: 'name', message: 'An experiment with this name already exists in this institution' } },
  prepare: async (ctx, values) => {
    if (!ctx.existing) values.institution_id = ctx.viewer.institutionId;
    const devices = parkChildren<ExperimentDeviceInput[]>(ctx, values, 'devices');
    if (devices) park(ctx, 'links', await resolveExperimentDevices(ctx.db, ctx.viewer, devices));
    return values;
  },
  afterWrite: async (ctx, row, action) => {
    takeParked(ctx, 'devices');
    const links = takeParked<Awaited<ReturnType<typeof resolveExperimentDevices>>>(ctx, 'links');
    if (action === 'delete' || !links) return;
    const before = ctx.existing ? await readExperimentDeviceLinks(ctx.db, row.id) : [];
    await replaceExperimentDevices(ctx.db, row.id, links);
    await recordChildHistory(ctx, 'experiments', row.id, 'devices', before, [...links].sort((a, b) => a.device_id - b.device_id));
  },
  derived: (viewer, alias) => ({ devices: devicesUnderTestJson(viewer, alias) }),
});
