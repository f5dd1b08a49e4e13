import { z } from '@hono/zod-openapi';

export const PlacementRequestSchema = z
  .object({
    files: z
      .array(z.object({ name: z.string().min(1).max(1000).openapi({ description: "The file's path under the folder, `/`-separated" }), size_bytes: z.number().int().nonnegative() }))
      .max(5000),
  })
  .openapi('PlacementRequest');

export const PlacementSchema = z
  .object({
    name: z.string(),
    source: z.enum(['assigned', 'rule', 'default', 'unassigned']),
    experiment_id: z.number().int().nullable(),
    device_ids: z.array(z.number().int()),
    equipment_id: z.number().int().nullable(),
    reason: z.string().nullable(),
  })
  .openapi('FilePlacement');

export const UnassignedFileSchema = z
  .object({
    id: z.number().int(),
    monitored_path_id: z.number().int(),
    monitored_path_name: z.string(),
    harvester_name: z.string(),
    name: z.string(),
    size_bytes: z.number(),
    reason: z.string(),
    first_seen_at: z.string().openapi({ format: 'date-time' }),
    last_seen_at: z.string().openapi({ format: 'date-time' }),
    experiment_id: z.number().int().nullable(),
    device_ids: z.array(z.number().int()),
    assigned_at: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('UnassignedFile');

export const AssignSchema = z
  .object({
    experiment_id: z.number().int().positive(),
    device_ids: z.array(z.number().int().positive()).max(100).default([]),
  })
  .openapi('UnassignedFileAssignment');

export const UnassignedQuerySchema = z.object({
  monitored_path_id: z.string().regex(/^\d{1,9}$/, 'expected a monitored path id').transform(Number).optional().openapi({ type: 'integer' }),
  state: z.enum(['waiting', 'assigned', 'all']).default('waiting'),
});
