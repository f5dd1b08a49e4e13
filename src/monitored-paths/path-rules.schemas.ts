import { z } from '@hono/zod-openapi';
import picomatch from 'picomatch';

const DeviceRuleSchema = z
  .union([
    z.object({ kind: z.literal('fixed'), device_ids: z.array(z.number().int().positive()).min(1).max(100) }),
    z.object({
      kind: z.literal('group'),
      group: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a named group of the pattern, e.g. channel'),
      match: z.enum(['serial', 'name']).openapi({ description: "The device whose serial (or name) equals the group's value, case-insensitively" }),
    }),
  ])
  .openapi('PathDeviceRule', { description: 'Which devices a matched file covers: fixed ids, or the device named by a group of the pattern' });

/** One rule of a monitored path: a pattern over the file's path under the folder → an experiment and devices. */
export const PathRuleSchema = z
  .object({
    syntax: z.enum(['regex', 'glob']).openapi({ description: 'regex: JavaScript syntax with named groups, searched in the path (anchor it with ^ and $); glob: picomatch over the whole path' }),
    pattern: z.string().min(1).max(500).openapi({ example: '^ch(?<channel>\\d+)/.*\\.csv$' }),
    experiment_id: z.number().int().positive(),
    device: DeviceRuleSchema.optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.syntax === 'glob') {
      if (rule.device?.kind === 'group') ctx.addIssue({ code: 'custom', path: ['device', 'group'], message: 'a glob has no named groups: use a regex pattern' });
      return;
    }
    let compiled: RegExp;
    try {
      compiled = new RegExp(rule.pattern);
    } catch (err) {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: `not a valid regular expression: ${(err as Error).message}` });
      return;
    }
    const group = rule.device?.kind === 'group' ? rule.device.group : undefined;
    if (group && !compiled.source.includes(`(?<${group}>`)) ctx.addIssue({ code: 'custom', path: ['device', 'group'], message: `the pattern has no named group '${group}'` });
  })
  .openapi('PathRule');

export type PathRule = z.infer<typeof PathRuleSchema>;

export const PathRulesSchema = z.array(PathRuleSchema).max(200).openapi({ description: 'Tried in order; the first whose pattern matches places the file' });

/** The rule's named groups when it matches the file's path under the folder (`/`-separated), else null. */
export function matchRule(rule: PathRule, name: string): Record<string, string> | null {
  if (rule.syntax === 'glob') return picomatch.isMatch(name, rule.pattern, { dot: false }) ? {} : null;
  const found = new RegExp(rule.pattern).exec(name);
  return found ? { ...(found.groups ?? {}) } : null;
}
