import type { EntityDefinition } from '../entities/entity-definition.js';
import { referenceEntity } from '../references/reference.entity.js';
import { specificationEntity } from '../specifications/specification.entity.js';
import type { AttachmentKind } from './attachment-kinds.js';

/** A record that carries one file: where it is stored (blob key, sha256, original name) and what it may be. */
export interface AttachmentTarget {
  entity: EntityDefinition;
  /** URL segment after /api/v1/<plural>/{id}/. */
  path: string;
  label: string;
  columns: { key: string; sha256: string; name: string };
  accepts: readonly AttachmentKind[];
}

export const attachmentTargets: readonly AttachmentTarget[] = [
  {
    entity: specificationEntity,
    path: 'spec-sheet',
    label: 'spec sheet',
    columns: { key: 'spec_sheet_blob_key', sha256: 'spec_sheet_sha256', name: 'spec_sheet_name' },
    accepts: ['pdf', 'png', 'jpeg'],
  },
  { entity: referenceEntity, path: 'pdf', label: 'PDF', columns: { key: 'pdf_blob_key', sha256: 'pdf_sha256', name: 'pdf_name' }, accepts: ['pdf'] },
];
