import { z } from '@hono/zod-openapi';
import { CanonicalColumn } from '../domain/canonical-columns.js';
import { isMappableColumn, isUnitFor } from './mapping-vocabulary.js';

const Target = z
  .object({
    name: z.string().openapi({ example: CanonicalColumn.Voltage, description: 'Canonical BDF column' }),
    unit: z.string().max(40).openapi({ example: 'mV', description: 'Unit the file writes (converted on import); time columns also take datetime[:dmy|mdy|ymd] or hh:mm:ss' }),
  })
  .strict();

/** A generic-CSV column mapping (the `ColumnMapping` the parser takes), checked against the canonical columns and known units. */
export const ColumnMappingSchema = z
  .object({
    columns: z.record(z.string().trim().min(1).max(200), Target).openapi({ description: 'Header text as written in the file → canonical column and unit' }),
    delimiter: z.enum([',', ';', '\t']).optional(),
    decimalComma: z.boolean().optional(),
    headerLine: z.number().int().min(0).max(10_000).optional().openapi({ description: '0-based header line; found by the headers when absent' }),
    currentSign: z.enum(['positive-charge', 'positive-discharge']).optional(),
  })
  .strict()
  .superRefine((mapping, ctx) => {
    const seen = new Map<string, string>();
    for (const [header, target] of Object.entries(mapping.columns)) {
      if (!isMappableColumn(target.name)) {
        ctx.addIssue({ code: 'custom', path: ['columns', header, 'name'], message: `'${target.name}' is not a canonical column` });
        continue;
      }
      if (!isUnitFor(target.name, target.unit)) ctx.addIssue({ code: 'custom', path: ['columns', header, 'unit'], message: `'${target.unit}' is not a unit of '${target.name}'` });
      const other = seen.get(target.name);
      if (other !== undefined) ctx.addIssue({ code: 'custom', path: ['columns', header, 'name'], message: `'${target.name}' is already mapped from '${other}'` });
      seen.set(target.name, header);
    }
    const targets = new Set(seen.keys());
    const missing: string[] = [CanonicalColumn.Voltage, CanonicalColumn.Current].filter((c) => !targets.has(c));
    if (!targets.has(CanonicalColumn.TestTime) && !targets.has(CanonicalColumn.UnixTime)) missing.push(CanonicalColumn.TestTime);
    if (missing.length > 0) ctx.addIssue({ code: 'custom', path: ['columns'], message: `map a column to each of: ${missing.join(', ')} (or Unix Time for time)` });
  })
  .openapi('ColumnMappingSpec');
