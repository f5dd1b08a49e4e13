import { z } from '@hono/zod-openapi';

/** JSON form of a preview request (the multipart form sends the head as a `file` part instead). */
export const PreviewJsonRequest = z
  .object({
    fileName: z.string().trim().min(1).max(500),
    head: z.string().max(400_000).openapi({ description: 'The first ≤ 256 KiB of the file, base64' }),
    fileSize: z.number().int().min(0).optional().openapi({ description: 'Size of the whole file in bytes' }),
    equipmentId: z.number().int().positive().optional().openapi({ description: 'Try this equipment’s saved mappings first' }),
    columnMappingId: z.number().int().positive().optional().openapi({ description: 'Use this saved mapping' }),
  })
  .strict()
  .openapi('PreviewRequest');

const PreviewColumn = z.object({ name: z.string(), unit: z.string().nullable(), originalName: z.string(), originalUnit: z.string().nullable() });

export const PreviewSchema = z
  .object({
    fileName: z.string(),
    format: z.string().nullable().openapi({ description: 'Registry name of the parser that would read the file; null when none does' }),
    label: z.string().nullable(),
    confidence: z.number(),
    columnMappingId: z.number().int().nullable().openapi({ description: 'The saved mapping detection used (generic CSV)' }),
    columns: z.array(PreviewColumn).nullable().openapi({ description: 'Columns read from the head; null when the head cannot be parsed alone (binary formats)' }),
    rows: z.number().int().nullable().openapi({ description: 'Rows in the head' }),
    warnings: z.array(z.object({ code: z.string(), message: z.string(), line: z.number().int().optional(), byte: z.number().int().optional() })),
    reason: z.string().optional(),
    reasons: z.array(z.string()).optional(),
    headerCandidates: z
      .object({
        lineIndex: z.number().int(),
        cells: z.array(z.string()),
        delimiter: z.enum([',', ';', '\t']),
        decimalComma: z.boolean(),
        sampleRows: z.array(z.array(z.string())),
      })
      .nullable()
      .optional()
      .openapi({ description: 'The likely header line of an unknown text file, to build a column mapping from' }),
  })
  .openapi('ParserPreview');

export const MappableColumnsSchema = z
  .object({ columns: z.array(z.object({ name: z.string(), unit: z.string(), units: z.array(z.string()) })) })
  .openapi('MappableColumns');
