import { z } from '@hono/zod-openapi';
import { defineEntity } from '../entities/entity-definition.js';
import { assertAllVisible } from '../metadata/child-rows.js';
import { PathRulesSchema, type PathRule } from './path-rules.schemas.js';

/**
 * Folders a named harvester (`liionsden harvest --name NAME`) watches. Each new file goes to the
 * experiment (and devices) of the first rule whose pattern matches its path under the folder, else
 * to the default experiment, else it waits in the unassigned files until a person assigns it.
 */
export const monitoredPathEntity = defineEntity({
  table: 'monitored_paths',
  plural: 'monitored-paths',
  label: 'MonitoredPath',
  fields: {
    harvester_name: z.string().trim().min(1).max(200).openapi({ description: 'The harvester that watches it: `liionsden harvest --name NAME`', example: 'cycler-pc-3' }),
    folder: z.string().trim().min(1).max(1000).openapi({ description: 'The folder on the harvester’s machine', example: 'D:/Cycler/Data' }),
    glob: z.string().trim().min(1).max(500).optional().openapi({ description: 'Which files, by their path under the folder (default every file)', example: '**/*.csv' }),
    equipment_id: z.number().int().positive().nullable().optional().openapi({ description: 'The cycler writing into the folder; given to every data file it harvests' }),
    default_experiment_id: z.number().int().positive().nullable().optional().openapi({ description: 'Where files no rule matches go; null: they wait unassigned' }),
    rules: PathRulesSchema.optional(),
    enabled: z.boolean().optional().openapi({ description: 'false: paused, the harvester skips the folder' }),
  },
  filters: { harvester_name: 'text', folder: 'text', equipment_id: 'id', default_experiment_id: 'id', enabled: 'boolean' },
  search: ['harvester_name', 'folder', 'notes'],
  sort: ['harvester_name', 'folder', 'enabled'],
  references: { equipment_id: 'equipment', default_experiment_id: 'experiments' },
  lockedWhenPublic: false,
  prepare: async (ctx, values) => {
    const rules = values.rules as PathRule[] | undefined;
    if (rules) {
      await assertAllVisible(ctx.db, ctx.viewer, 'experiments', rules.map((r) => r.experiment_id), 'rules.experiment_id');
      const fixed = rules.flatMap((r) => (r.device?.kind === 'fixed' ? r.device.device_ids : []));
      await assertAllVisible(ctx.db, ctx.viewer, 'devices', fixed, 'rules.device.device_ids');
    }
    return values;
  },
});
