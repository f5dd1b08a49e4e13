import { z } from '@hono/zod-openapi';

export const HistoryEntrySchema = z
  .object({
    id: z.number().int(),
    action: z.enum(['create', 'update', 'delete']),
    user_id: z.number().int().nullable(),
    username: z.string().nullable(),
    at: z.string().openapi({ format: 'date-time' }),
    changes: z.record(z.string(), z.object({ old: z.unknown(), new: z.unknown() })),
  })
  .openapi('HistoryEntry');
