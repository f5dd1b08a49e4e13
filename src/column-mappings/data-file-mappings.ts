import type { Db } from '../db/database.js';
import type { ColumnMapping } from '../parsers/cycler-parser.js';
import { findUsableMappings, getUsableMapping, viewerOfOwner } from './column-mapping.repository.js';

/** Where an upload records the mapping its user chose (data_files.attributes). */
export const COLUMN_MAPPING_ATTRIBUTE = 'columnMappingId';

/**
 * The mappings detection gets for a data file, as its owner may use them: the one chosen at upload
 * (NotFoundError once it is deleted or hidden), else the file's equipment's mappings, then general ones.
 */
export async function mappingsForDataFile(
  db: Db,
  file: { owner_id: number | null; equipment_id: number | null; attributes: Record<string, unknown> },
): Promise<{ columnMapping?: ColumnMapping; columnMappings?: ColumnMapping[] }> {
  const viewer = await viewerOfOwner(db, file.owner_id);
  const chosen = file.attributes[COLUMN_MAPPING_ATTRIBUTE];
  if (typeof chosen === 'number') return { columnMapping: (await getUsableMapping(db, viewer, chosen)).mapping };
  return { columnMappings: (await findUsableMappings(db, viewer, file.equipment_id)).map((m) => m.mapping) };
}
