import { formatLocalIso, parseDateTime } from '../common/date-time.js';
import type { TextLine } from '../common/text-lines.js';

/** Where the column-name line is: from 'Nb header lines : N' (N counts it), or line 1 for a bare data block. */
export function findMptHeaderLine(lines: TextLine[]): TextLine | undefined {
  if (/^(EC|BT)-Lab ASCII FILE/i.test(lines[0]?.text ?? '')) {
    const m = /Nb header lines\s*:\s*(\d+)/i.exec(lines[1]?.text ?? '');
    return m ? lines[Number(m[1]) - 1] : undefined;
  }
  return isBiologicColumnLine(lines[0]?.text ?? '') ? lines[0] : undefined;
}

/** A BioLogic column-name line: tab-separated with 'time/s' and an EC-Lab flag or quantity column. */
export function isBiologicColumnLine(text: string): boolean {
  const cells = text.split('\t');
  return cells.includes('time/s') && cells.some((c) => /^(mode|ox\/red|Ns|Ns changes|Ewe\/V|Ecell\/V|I\/mA|<I>\/mA)$/.test(c));
}

/** Metadata from the settings block: acquisition start, channel, device, software, technique, mass, capacity. */
export function parseMptHeader(lines: string[]): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  if (lines.length === 0) return meta;
  meta.software = /^BT-Lab/i.test(lines[0]) ? 'BT-Lab' : 'EC-Lab';
  if (lines[3]?.trim()) meta.technique = lines[3].trim();
  const value = (re: RegExp) => { for (const l of lines) { const m = re.exec(l); if (m) return m[1].trim(); } return undefined; };
  const started = value(/^Acquisition started on\s*:\s*(.+)$/);
  if (started) {
    meta.acquisitionStartedText = started;
    const iso = formatLocalIso(parseDateTime(started, 'mdy'));
    if (iso) meta.startTime = iso;
  }
  const fields: [string, RegExp][] = [
    ['channel', /^Run on channel\s*:\s*(.+)$/],
    ['device', /^Device\s*:\s*(.+)$/],
    ['softwareVersion', /^((?:EC|BT)-Lab for windows v\S+)/i],
    ['electrodeMaterial', /^Electrode material\s*:\s*(.+)$/],
    ['electrolyte', /^Electrolyte\s*:\s*(.+)$/],
    ['comments', /^Comments\s*:\s*(.+)$/],
    ['massOfActiveMaterial', /^Mass of active material\s*:\s*(.+)$/],
    ['batteryCapacity', /^Battery capacity\s*:\s*(.+)$/],
    ['savedFile', /^\s*File\s*:\s*(.+)$/],
  ];
  for (const [key, re] of fields) {
    const v = value(re);
    if (v) meta[key] = v;
  }
  return meta;
}
