import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { AppError } from '../domain/errors.js';
import { defineEntity } from '../entities/entity-definition.js';
import { assertAllVisible, parkChildren, recordChildHistory, takeParked } from '../metadata/child-rows.js';
import { assertValidContinuation } from './data-file-continuation.js';
import { readDataFileDeviceIds, replaceDataFileDevices, visibleDeviceIdsJson } from './data-file-devices.repository.js';

const states = ['queued', 'parsing', 'ready', 'failed'] as const;

/**
 * Data files: raw cycler files of an experiment and what parsing found. Created by uploading
 * (POST /api/v1/experiments/:id/files, src/ingest); here they are listed, described and deleted.
 */
export const dataFileEntity = defineEntity({
  table: 'data_files',
  plural: 'data-files',
  label: 'DataFile',
  fields: {
    name: z.string().trim().min(1).max(500).optional(),
    equipment_id: z.number().int().positive().nullable().optional(),
    device_ids: z.array(z.number().int().positive()).max(1000).optional().openapi({ description: 'Replaces the devices the file covers' }),
    continues_id: z.number().int().positive().nullable().optional().openapi({
      description: 'The data file of the same experiment this one continues (a test resumed into a new file); `joined=true` on the data endpoints reads the chain as one series',
    }),
  },
  computedFields: {
    experiment_id: z.number().int(),
    original_name: z.string(),
    sha256: z.string(),
    size_bytes: z.number().int(),
    blob_key: z.string(),
    recorded_at: z.string().nullable().openapi({ format: 'date-time' }),
    format: z.string().nullable(),
    parser_version: z.string().nullable(),
    state: z.enum(states),
    error: z.unknown().nullable(),
    columns: z.unknown().nullable(),
    row_count: z.number().int().nullable(),
    metadata: z.unknown().nullable(),
    series_key: z.string().nullable(),
    quality_flags: z.unknown().nullable(),
    timezone: z.string().nullable(),
    harvester_name: z.string().nullable().openapi({ description: 'The harvester that uploads or appends to it (channel monitor); null for a file added by hand' }),
    device_ids: z.array(z.number().int()),
  },
  filters: {
    experiment_id: 'id',
    equipment_id: 'id',
    continues_id: 'id',
    state: { enum: states },
    format: 'text',
    original_name: 'text',
    sha256: 'text',
    recorded_at: 'date',
    size_bytes: 'number',
    row_count: 'number',
    harvester_name: 'text',
  },
  search: ['original_name', 'format', 'notes'],
  sort: ['original_name', 'recorded_at', 'size_bytes', 'row_count', 'state', 'format', 'experiment_id'],
  references: { equipment_id: 'equipment', continues_id: 'data_files' },
  conflicts: { data_files_continues_live: { field: 'continues_id', message: 'Another data file already continues that one' } },
  relations: [
    {
      path: 'devices',
      target: 'devices',
      targetIds: (_db, id) => sql`select device_id from data_file_devices where data_file_id = ${id}`,
      summary: 'Devices a data file covers',
    },
  ],
  lockedWhenPublic: false,
  prepare: async (ctx, values) => {
    if (!ctx.existing) {
      throw new AppError('VALIDATION', 'Data files are added by uploading them: POST /api/v1/experiments/{id}/files', {
        issues: [{ field: '(body)', message: 'upload the file to its experiment instead' }],
      });
    }
    if (values.continues_id !== undefined) await assertValidContinuation(ctx.db, ctx.existing.id, values.continues_id as number | null);
    const deviceIds = parkChildren<number[]>(ctx, values, 'device_ids');
    if (deviceIds) await assertAllVisible(ctx.db, ctx.viewer, 'devices', deviceIds, 'device_ids');
    return values;
  },
  afterWrite: async (ctx, row, action) => {
    const deviceIds = takeParked<number[]>(ctx, 'device_ids');
    if (action === 'delete' || !deviceIds) return;
    const before = await readDataFileDeviceIds(ctx.db, row.id);
    await replaceDataFileDevices(ctx.db, row.id, deviceIds);
    await recordChildHistory(ctx, 'data_files', row.id, 'device_ids', before, [...new Set(deviceIds)].sort((a, b) => a - b));
  },
  derived: (viewer, alias) => ({ device_ids: visibleDeviceIdsJson(viewer, alias) }),
});
