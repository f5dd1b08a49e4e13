import { z } from '@hono/zod-openapi';

const count = z.number().int().min(0);

/** What a harvester reports after every scan and at least every minute while idle. */
export const HeartbeatSchema = z
  .object({
    name: z.string().trim().min(1).max(100).openapi({ description: 'The harvester’s name (`--name`, default the host name); one record per name and token user' }),
    host: z.string().trim().min(1).max(255),
    version: z.string().trim().min(1).max(50),
    startedAt: z.string().datetime({ offset: true }),
    intervalS: z.number().int().min(1).max(3600).openapi({ description: 'Seconds between heartbeats; not seen for 3 of them: offline' }),
    pathsCount: count.openapi({ description: 'Folders or monitored paths it watches' }),
    files: count.openapi({ description: 'Files found at its last scan' }),
    lastScan: z.record(z.string(), z.number()).nullable().optional().openapi({ description: 'The last scan’s summary: counts by action, and ms' }),
    lastError: z.string().max(2000).nullable().optional(),
  })
  .strict()
  .openapi('Heartbeat');

export const HarvesterSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    ownerId: z.number().int(),
    host: z.string(),
    version: z.string(),
    startedAt: z.string(),
    lastSeenAt: z.string(),
    heartbeatIntervalS: z.number().int(),
    pathsCount: count,
    files: count,
    lastScan: z.record(z.string(), z.number()).nullable(),
    lastError: z.string().nullable(),
    online: z.boolean(),
  })
  .openapi('Harvester');

export const ChannelSchema = z
  .object({
    dataFileId: z.number().int(),
    name: z.string(),
    experimentId: z.number().int(),
    harvesterName: z.string(),
    state: z.enum(['running', 'stalled', 'finished', 'failed']),
    parseState: z.enum(['queued', 'parsing', 'ready', 'failed']),
    rows: z.number().int().nullable(),
    lastTestTimeS: z.number().nullable().openapi({ description: 'Test time of the last stored row (from its last step)' }),
    lastAppendAt: z.string().openapi({ description: 'Wall-clock time the last bytes arrived' }),
    appends: z.number().int().openapi({ description: 'Sends logged for the file (upload and appends)' }),
    usualIntervalS: z.number(),
    idleS: z.number(),
    rateRowsPerHour: z.number().nullable(),
    lastError: z.string().nullable(),
  })
  .openapi('Channel');

export type Heartbeat = z.infer<typeof HeartbeatSchema>;
export type Harvester = z.infer<typeof HarvesterSchema>;
export type Channel = z.infer<typeof ChannelSchema>;
