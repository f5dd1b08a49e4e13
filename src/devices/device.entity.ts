import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { visibleTo } from '../access/visibility.js';
import { deviceSerial, followsBatchSerial } from './device-serial.js';
import { ValidationError } from '../domain/errors.js';
import { MAX_DEVICE_SEQUENCE, MAX_SERIAL_LENGTH } from '../domain/serial-template.js';
import { defineEntity, type WriteContext } from '../entities/entity-definition.js';

/** One device (cell, module) of a batch: batch + sequence number; the serial follows the batch's template. */
export const deviceEntity = defineEntity({
  table: 'devices',
  plural: 'devices',
  label: 'Device',
  fields: {
    name: z.string().trim().min(1).max(500).optional().openapi({ description: 'Defaults to the serial' }),
    batch_id: z.number().int().positive(),
    sequence: z.number().int().min(1).max(MAX_DEVICE_SEQUENCE).optional().openapi({ description: 'Defaults to the next free number in the batch' }),
    serial: z.string().trim().min(1).max(MAX_SERIAL_LENGTH).optional().openapi({ description: 'Defaults to the batch template filled with the sequence' }),
  },
  filters: { batch_id: 'id', sequence: 'number', serial: 'text' },
  search: ['serial', 'notes'],
  sort: ['batch_id', 'sequence', 'serial'],
  references: { batch_id: 'batches' },
  relations: [
    {
      path: 'experiments',
      target: 'experiments',
      targetIds: (_db, id) => sql`select experiment_id from experiment_devices where device_id = ${id}`,
      summary: 'Experiments a device was used in',
    },
    {
      path: 'data-files',
      target: 'data_files',
      targetIds: (_db, id) => sql`select data_file_id from data_file_devices where device_id = ${id}`,
      summary: 'Data files recorded on a device',
    },
  ],
  lockedWhenPublic: true,
  conflicts: {
    devices_batch_sequence_live: { field: 'sequence', message: 'This batch already has a device with this sequence number' },
    devices_batch_serial_live: { field: 'serial', message: 'This batch already has a device with this serial' },
  },
  prepare: prepareDevice,
});

async function prepareDevice(ctx: WriteContext, values: Record<string, unknown>): Promise<Record<string, unknown>> {
  const existing = ctx.existing;
  const batchId = (values.batch_id ?? existing?.batch_id) as number;
  const batch = await ctx.db.selectFrom('batches as t').select(['t.id', 't.name', 't.serial_template', 't.size']).where('t.id', '=', batchId).where(visibleTo(ctx.viewer, 'batches as t')).executeTakeFirst();
  if (!batch) throw new ValidationError(`batch_id: no visible batch ${batchId}`, [{ field: 'batch_id', message: `no visible record with id ${batchId}` }]);
  if (values.sequence === undefined && !existing) values.sequence = await nextSequence(ctx, batchId);
  const sequence = (values.sequence ?? existing?.sequence) as number;
  if (batch.size !== null && sequence > batch.size && ('sequence' in values || 'batch_id' in values)) {
    const message = `${sequence} is beyond the batch's size of ${batch.size}`;
    throw new ValidationError(`sequence: ${message}`, [{ field: 'sequence', message }]);
  }
  const followsTemplate = existing ? followsBatchSerial(existing.serial, batch.serial_template, batch.name, existing.sequence as number) : true;
  if (values.serial === undefined && followsTemplate && (!existing || 'sequence' in values || 'batch_id' in values)) {
    values.serial = deviceSerial(batch.serial_template, batch.name, sequence);
  }
  if (values.name === undefined && values.serial !== undefined && (!existing || existing.name === existing.serial)) values.name = values.serial;
  return values;
}

async function nextSequence(ctx: WriteContext, batchId: number): Promise<number> {
  const row = await ctx.db.selectFrom('devices').select(sql<number>`coalesce(max(sequence), 0) + 1`.as('next')).where('batch_id', '=', batchId).where('status', '<>', 'deleted').executeTakeFirstOrThrow();
  return Number(row.next);
}
