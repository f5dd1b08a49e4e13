import { mappingsForDataFile } from '../column-mappings/data-file-mappings.js';
import type { Db } from '../db/database.js';
import type { DetectOptions } from '../parsers/detect.js';

/**
 * What detection knows about a data file besides its bytes: the column mappings its owner may use
 * and the format its equipment writes (`default_format`, preferred when that parser claims the file).
 */
export async function detectionHintsForDataFile(
  db: Db,
  file: { owner_id: number | null; equipment_id: number | null; attributes: Record<string, unknown> },
): Promise<Omit<DetectOptions, 'format'>> {
  const mappings = await mappingsForDataFile(db, file);
  if (file.equipment_id === null) return mappings;
  const equipment = await db.selectFrom('equipment').select('default_format').where('id', '=', file.equipment_id).executeTakeFirst();
  return { ...mappings, preferredFormat: equipment?.default_format ?? undefined };
}
