import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { visibleTo } from '../access/visibility.js';
import { deviceSerial, followsBatchSerial } from '../devices/device-serial.js';
import { validateSerialTemplate } from '../domain/serial-template.js';
import { isCalendarDate } from '../domain/calendar-date.js';
import { ValidationError } from '../domain/errors.js';
import { defineEntity, type WriteContext } from '../entities/entity-definition.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').refine(isCalendarDate, 'not a valid date');

/** A physical lot built to a specification; its serial template names each device. */
export const batchEntity = defineEntity({
  table: 'batches',
  plural: 'batches',
  label: 'Batch',
  fields: {
    specification_id: z.number().int().positive(),
    manufacturer_id: z.number().int().positive().nullable().optional(),
    manufactured_on: isoDate.nullable().optional(),
    size: z.number().int().min(0).max(10_000_000).nullable().optional(),
    serial_template: z.string().trim().min(1).max(200).nullable().optional().openapi({ example: 'ABC-%03d', description: 'printf-style: %d, %0Nd; %% for a literal %' }),
    manufacturing_protocol_id: z.number().int().positive().nullable().optional(),
  },
  computedFields: { device_count: z.number().int().openapi({ description: 'Devices of the batch the viewer can see' }) },
  filters: { specification_id: 'id', manufacturer_id: 'id', manufactured_on: 'date', size: 'number', serial_template: 'text', manufacturing_protocol_id: 'id' },
  search: ['serial_template', 'notes'],
  sort: ['manufactured_on', 'size', 'specification_id'],
  references: { specification_id: 'device_specifications', manufacturer_id: 'organisations', manufacturing_protocol_id: 'protocols' },
  relations: [
    { path: 'devices', target: 'devices', foreignKey: 'batch_id', summary: 'Devices of a batch' },
    {
      path: 'experiments',
      target: 'experiments',
      targetIds: (_db, id) => sql`select ed.experiment_id from experiment_devices ed join devices d on d.id = ed.device_id where d.batch_id = ${id}`,
      summary: 'Experiments the devices of a batch were used in',
    },
  ],
  lockedWhenPublic: true,
  prepare: async (ctx, values) => {
    if (typeof values.serial_template === 'string') validateSerialTemplate(values.serial_template);
    if (ctx.existing && typeof values.size === 'number') await checkSizeHoldsDevices(ctx, values.size);
    return values;
  },
  derived: (viewer, alias) => ({
    device_count: sql`(select count(*)::int from devices d where d.batch_id = ${sql.ref(`${alias}.id`)} and ${visibleTo(viewer, 'devices as d')})`,
  }),
  afterWrite: async (ctx, row, action) => {
    // Devices whose serial still follows the old template follow the new one; hand-set serials stay.
    if (action !== 'update' || !ctx.existing || ctx.existing.serial_template === row.serial_template) return;
    const devices = await ctx.db.selectFrom('devices').select(['id', 'sequence', 'serial']).where('batch_id', '=', row.id).where('status', '<>', 'deleted').execute();
    const oldTemplate = ctx.existing.serial_template as string | null;
    const newTemplate = row.serial_template as string | null;
    for (const d of devices) {
      if (!followsBatchSerial(d.serial, oldTemplate, String(ctx.existing.name), d.sequence)) continue;
      const serial = deviceSerial(newTemplate, row.name, d.sequence);
      await ctx.db.updateTable('devices').set({ serial, name: serial, modified_at: new Date() }).where('id', '=', d.id).execute();
    }
  },
});

/** A batch cannot shrink below the sequence numbers its devices already carry. */
async function checkSizeHoldsDevices(ctx: WriteContext, size: number): Promise<void> {
  const row = await ctx.db.selectFrom('devices').select(sql<number>`coalesce(max(sequence), 0)`.as('last')).where('batch_id', '=', ctx.existing!.id as number).where('status', '<>', 'deleted').executeTakeFirstOrThrow();
  if (Number(row.last) <= size) return;
  const message = 'smaller than the sequence numbers of devices already in this batch';
  throw new ValidationError(`size: ${message}`, [{ field: 'size', message }]);
}
