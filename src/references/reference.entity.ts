import { z } from '@hono/zod-openapi';
import { doiUrl, normaliseDoi } from '../domain/doi.js';
import { defineEntity } from '../entities/entity-definition.js';

/** Literature references: DOI validated and normalised (`10.xxxx/...`), title, URL, PDF. */
export const referenceEntity = defineEntity({
  table: 'literature_references',
  plural: 'references',
  label: 'Reference',
  fields: {
    doi: z.string().trim().max(500).nullable().optional().openapi({ example: '10.1149/1945-7111/abae37', description: 'A resolver URL or doi: prefix is stripped' }),
    title: z.string().trim().max(2000).optional(),
    url: z.url({ protocol: /^https?$/ }).max(2000).nullable().optional().openapi({ description: 'Defaults to https://doi.org/<doi>' }),
    journal: z.string().trim().max(500).nullable().optional(),
    year: z.number().int().min(1600).max(2200).nullable().optional(),
  },
  computedFields: {
    pdf_blob_key: z.string().nullable().openapi({ description: 'Set by PUT /references/{id}/pdf' }),
    pdf_sha256: z.string().nullable(),
    pdf_name: z.string().nullable(),
  },
  filters: { doi: 'text', title: 'text', journal: 'text', year: 'number' },
  search: ['title', 'doi', 'journal', 'notes'],
  sort: ['title', 'year', 'journal', 'doi'],
  relations: [{ path: 'parameter-data-sets', target: 'parameter_data_sets', foreignKey: 'reference_id', summary: 'Parameter data sets taken from a reference' }],
  lockedWhenPublic: true,
  conflicts: { literature_references_doi_live: { field: 'doi', message: 'A reference with this DOI already exists' } },
  prepare: (ctx, values) => {
    if (typeof values.doi === 'string') {
      values.doi = normaliseDoi(values.doi);
      const hadUrl = ctx.existing?.url ?? null;
      if (values.url === undefined && hadUrl === null) values.url = doiUrl(values.doi as string);
    }
    return values;
  },
});
