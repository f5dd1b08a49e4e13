import { ParseError, type ParseWarning } from '../cycler-parser.js';
import type { ByteSource } from '../binary/byte-view.js';
import { type MprDtype, mprColumnIds, mprDtypeSize, mprFlagIds } from './mpr-column-ids.js';

/** One field of a data record; `skip` fields hold bytes of a quantity we cannot name. */
export interface MprField {
  id: number;
  header: string;
  dtype: MprDtype | 'flags' | 'skip';
  offset: number;
}

interface Slot {
  id: number;
  header: string | null;
  dtype: MprDtype | 'flags' | null;
  inferred: boolean;
}

/**
 * Column ids are u16. Ids 256–511 partly repeat 0–255 with the same quantity and dtype
 * (467/211 Q charge/discharge, 468/212 half cycle, 434/178 (Q-Qo)/C, 473–497/217–241 harmonics)
 * and partly name other quantities of the same width (430 Phase(Zwe-ce) vs 174 <Ewe>/V,
 * 272 Phase(Z2) vs 16 Analog IN 1). So the low byte is only a guess: an exact id wins, and a guess
 * is accepted only when the module's length confirms the record size it implies.
 */
function resolveSlot(id: number): Slot {
  const flag = mprFlagIds[id];
  if (flag) return { id, header: flag[0], dtype: 'flags', inferred: false };
  const known = mprColumnIds[id];
  if (known) return { id, header: known[0], dtype: known[1], inferred: false };
  const low = id > 0xff ? mprColumnIds[id & 0xff] : undefined;
  if (low) return { id, header: low[0], dtype: low[1], inferred: true };
  return { id, header: null, dtype: null, inferred: false };
}

const slotSize = (s: Slot): number => (s.dtype === 'flags' ? 0 : s.dtype ? mprDtypeSize[s.dtype] : 0);

/**
 * Lays out a record from the column ids: flag ids share one byte placed where the first appears,
 * the others follow in order. Ids missing from the table are guessed from their low byte, and one
 * id that cannot be guessed is skipped; both only when `measuredSize` (module bytes / rows) proves
 * the widths. Otherwise the layout cannot be known and a ParseError names the id.
 */
export function layOutMprRecord(
  src: ByteSource,
  ids: number[],
  idOffsets: number[],
  measuredSize: number | null,
  warnings: ParseWarning[],
): { fields: MprField[]; size: number } {
  const slots = ids.map(resolveSlot);
  const unknown = slots.map((s, k) => (s.dtype === null ? k : -1)).filter((k) => k >= 0);
  const guessed = slots.some((s) => s.inferred);
  const flagByte = slots.some((s) => s.dtype === 'flags') ? 1 : 0;
  const knownSize = flagByte + slots.reduce((sum, s) => sum + slotSize(s), 0);
  const refuse = (k: number, why: string): never => {
    throw new ParseError({
      format: src.format,
      fileName: src.fileName,
      byte: idOffsets[k],
      message: `unknown BioLogic column id ${ids[k]} (column ${k + 1} of ${ids.length}${k > 0 ? `, after id ${ids[k - 1]}` : ''}; low byte ${ids[k] & 0xff}, high byte ${ids[k] >> 8}): ${why}; export the file as .mpt instead`,
    });
  };
  if (unknown.length > 0 || guessed) {
    const first = unknown[0] ?? slots.findIndex((s) => s.inferred);
    if (measuredSize === null) refuse(first, 'the record layout cannot be known (the data module gives no record size to check a guess against)');
    const rest = measuredSize! - knownSize;
    if (unknown.length > 1) refuse(first, `the record layout cannot be known (${unknown.length} columns of unknown width)`);
    if (unknown.length === 0 && rest !== 0) refuse(first, `its guessed width does not fit the ${measuredSize}-byte records`);
    if (unknown.length === 1 && ![1, 2, 4, 8].includes(rest)) refuse(first, `the record layout cannot be known (${rest} bytes left for it in ${measuredSize}-byte records)`);
  }
  const fields: MprField[] = [];
  let size = 0;
  let flagsOffset = -1;
  slots.forEach((s, k) => {
    if (s.dtype === 'flags') {
      if (flagsOffset < 0) {
        flagsOffset = size;
        size += 1;
      }
      fields.push({ id: s.id, header: s.header!, dtype: 'flags', offset: flagsOffset });
      return;
    }
    if (s.dtype === null) {
      const width = measuredSize! - knownSize;
      warnings.push({ code: 'MPR_COLUMN_SKIPPED', byte: idOffsets[k], message: `BioLogic column id ${s.id} is unknown; its ${width} bytes per record (from the data module's length) are skipped` });
      fields.push({ id: s.id, header: `column id ${s.id}`, dtype: 'skip', offset: size });
      size += width;
      return;
    }
    if (s.inferred) {
      warnings.push({ code: 'MPR_COLUMN_ID_GUESSED', byte: idOffsets[k], message: `BioLogic column id ${s.id} (= ${s.id & 0xff} + ${s.id >> 8}·256) is not in the table; read as '${s.header}' (${s.dtype}) of id ${s.id & 0xff}, a width the data module's length confirms` });
    }
    fields.push({ id: s.id, header: s.header!, dtype: s.dtype!, offset: size });
    size += mprDtypeSize[s.dtype!];
  });
  return { fields, size };
}
