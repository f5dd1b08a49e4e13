import { openNdc } from './ndc-pages.js';
import { type NdcAux, readNdcAux } from './ndc-aux.reader.js';
import { pivotAux } from './neware-aux.js';
import type { NdaxAuxChannel } from './ndax-metadata.js';
import type { NewareAuxColumn } from './neware-records.js';
import type { ParseWarning } from '../cycler-parser.js';

/** Quantity letter of a TestInfo.xml aux channel type (103 temperature, 335 set-point, 345 humidity). */
const quantityByChlType: Record<number, string> = { 103: 'T', 335: 't', 345: 'H' };

interface AuxFile {
  name: string;
  key: number[];
}

function auxFileKey(name: string): number[] | null {
  const m = /^data_AUX_(\d+)_(\d+)_(\d+)\.ndc$/.exec(name) ?? /^data_(\d+)\.ndc$/.exec(name);
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : null;
}

/**
 * The TestInfo.xml channel of each aux file. data_AUX_<a>_<b>_<c>.ndc names its hardware channel
 * (a = RealChlID in all the shared fixtures), so files are paired by it when that is one-to-one;
 * otherwise, as NewareNDA does, by sorted file name against the <AuxN> order.
 */
function pairChannels(files: AuxFile[], channels: NdaxAuxChannel[], warnings: ParseWarning[]): NdaxAuxChannel[] {
  const byReal = files.map((f) => channels.filter((c) => c.realChlId === f.key[0]));
  if (files.length === channels.length && byReal.every((m) => m.length === 1) && new Set(byReal.map((m) => m[0])).size === files.length) {
    return byReal.map((m) => m[0]);
  }
  if (files.length === channels.length) return channels;
  warnings.push({ code: 'AUX_MAPPING', message: `${files.length} aux files but ${channels.length} aux channels in TestInfo.xml: channels numbered by file order` });
  return files.map((_, i) => ({ auxId: i + 1, chlType: 0, realChlId: NaN }));
}

interface AuxSeries {
  quantity: string;
  auxId: number;
  file: string;
  index: Float64Array;
  values: Float64Array;
}

/** The file's records split by the aux channel they carry; one part (channel null) when they carry one or none. */
function splitByChannel(aux: NdcAux): { channel: number | null; index: Float64Array; quantities: Record<string, Float64Array> }[] {
  const channels = aux.channel ? [...new Set(aux.channel)].sort((a, b) => a - b) : [];
  if (channels.length < 2) return [{ channel: null, index: aux.index, quantities: aux.quantities }];
  return channels.map((ch) => {
    const rows = aux.index.map((_, k) => k).filter((k) => aux.channel![k] === ch);
    const pick = (values: Float64Array) => Float64Array.from(rows, (k) => values[k]);
    return { channel: ch, index: pick(aux.index), quantities: Object.fromEntries(Object.entries(aux.quantities).map(([q, v]) => [q, pick(v)])) };
  });
}

/**
 * Numbers each quantity's channels by their AuxID, as BTSDA and NewareNDA name them (T1, V2 ...).
 * TestInfo.xml numbers AuxID per channel type, so two channels of one quantity can share a number
 * (or an unknown type 'X' can repeat one); then that quantity's channels are numbered 1..n in file
 * order instead, so no column replaces another.
 */
function numberSeries(series: AuxSeries[], warnings: ParseWarning[]): number[] {
  const numbers = series.map((s) => s.auxId);
  for (const q of new Set(series.map((s) => s.quantity))) {
    const members = series.map((s, k) => (s.quantity === q ? k : -1)).filter((k) => k >= 0);
    const ids = members.map((k) => series[k].auxId);
    if (new Set(ids).size === ids.length) continue;
    members.forEach((k, n) => (numbers[k] = n + 1));
    warnings.push({ code: 'AUX_RENUMBERED', message: `aux ${q} channels share AuxIDs (${members.map((k) => `${series[k].file}: ${q}${series[k].auxId}`).join(', ')}): numbered 1–${members.length} in file order` });
  }
  return numbers;
}

/**
 * Aux columns of an .ndax, one per aux channel and quantity, each under its own name. A file whose
 * records carry several aux channels is split by them (numbered by the records' channel).
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
    .filter((f): f is AuxFile => f.key !== null)
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2]);
  if (files.length === 0) return [];
  const paired = pairChannels(files, channels, warnings);
  const series: AuxSeries[] = [];
  files.forEach((f, i) => {
    const aux = readNdcAux(openNdc(format, fileName, f.name, entries.get(f.name)!));
    if (!aux) {
      warnings.push({ code: 'AUX_UNREADABLE', message: `${f.name}: unknown aux layout, skipped` });
      return;
    }
    const channel = paired[i];
    for (const part of splitByChannel(aux)) {
      for (const [q, values] of Object.entries(part.quantities)) {
        const quantity = q === '?' ? (quantityByChlType[channel.chlType] ?? 'X') : q;
        series.push({ quantity, auxId: part.channel ?? channel.auxId, file: f.name, index: part.index, values });
      }
    }
  });
  const numbers = numberSeries(series, warnings);
  return series.flatMap((s, k) => {
    const cols = pivotAux(mainIndex, s.index, new Float64Array(s.index.length).fill(numbers[k]), { [s.quantity]: s.values });
    return cols.map((c) => ({ ...c, originalName: `${s.quantity}${s.auxId}` }));
  });
}
