import { openNdc } from './ndc-pages.js';
import { readNdcAux } from './ndc-aux.reader.js';
import { pivotAux } from './neware-aux.js';
import type { NdaxAuxChannel } from './ndax-metadata.js';
import type { NewareAuxColumn } from './neware-records.js';
import type { ParseWarning } from '../cycler-parser.js';

/** Quantity letter of a TestInfo.xml aux channel type (103 temperature, 335 set-point, 345 humidity). */
const quantityByChlType: Record<number, string> = { 103: 'T', 335: 't', 345: 'H' };

function auxFileKey(name: string): number[] | null {
  const m = /^data_AUX_(\d+)_(\d+)_(\d+)\.ndc$/.exec(name) ?? /^data_(\d+)\.ndc$/.exec(name);
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : null;
}

/**
 * Aux columns of an .ndax. The files carry no channel id, so — as NewareNDA does — they are sorted
 * by the numbers in their names and matched in order to the <AuxN> entries of TestInfo.xml.
 */
export function readNdaxAux(
  format: string,
  fileName: string,
  entries: Map<string, Uint8Array>,
  channels: NdaxAuxChannel[],
  mainIndex: Float64Array,
  warnings: ParseWarning[],
): NewareAuxColumn[] {
  const files = [...entries.keys()]
    .map((name) => ({ name, key: auxFileKey(name) }))
    .filter((f): f is { name: string; key: number[] } => f.key !== null)
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2]);
  if (files.length === 0) return [];
  if (files.length !== channels.length) {
    warnings.push({ code: 'AUX_MAPPING', message: `${files.length} aux files but ${channels.length} aux channels in TestInfo.xml: channels numbered by file order` });
  }
  const out: NewareAuxColumn[] = [];
  files.forEach((f, i) => {
    const aux = readNdcAux(openNdc(format, fileName, f.name, entries.get(f.name)!));
    if (!aux) {
      warnings.push({ code: 'AUX_UNREADABLE', message: `${f.name}: unknown aux layout, skipped` });
      return;
    }
    const channel = channels.length === files.length ? channels[i] : { auxId: i + 1, chlType: 0 };
    const quantities: Record<string, Float64Array> = {};
    for (const [q, values] of Object.entries(aux.quantities)) quantities[q === '?' ? (quantityByChlType[channel.chlType] ?? 'X') : q] = values;
    out.push(...pivotAux(mainIndex, aux.index, new Float64Array(aux.index.length).fill(channel.auxId), quantities));
  });
  return out;
}
