import { formatLocalIso, unixToEpochSeconds } from '../common/date-time.js';
import { decodeText } from '../common/decode-text.js';

/** First line of a TRI/BEEP `_Metadata.csv` (a Global_Table dump), any capitalisation. */
export function isArbinMetadataHeader(firstLine: string): boolean {
  const l = firstLine.toLowerCase();
  return l.startsWith(',test_id,') && l.includes('first_start_datetime');
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) { out.push(cur); cur = ''; }
    else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Test metadata from a TRI/BEEP `_Metadata.csv` companion (epoch start time, channel, schedule ...). */
export function parseArbinMetadataCsv(bytes: Uint8Array): Record<string, unknown> {
  const lines = decodeText(bytes).text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2) return {};
  const keys = splitCsvLine(lines[0]).map((k) => k.trim().toLowerCase());
  const values = splitCsvLine(lines[1]);
  const get = (k: string) => { const i = keys.indexOf(k); return i >= 0 ? values[i]?.trim() : undefined; };
  const meta: Record<string, unknown> = {};
  const start = Number(get('first_start_datetime'));
  if (Number.isFinite(start) && start > 0) meta.startTime = formatLocalIso(unixToEpochSeconds(start));
  const num = (k: string) => { const v = Number(get(k)); return Number.isFinite(v) ? v : undefined; };
  if (num('test_id') !== undefined) meta.testId = num('test_id');
  // IV_Ch_ID is 0-based in the Global_Table; channels are named from 1 in MITS Pro.
  if (num('iv_ch_id') !== undefined) meta.channel = (num('iv_ch_id') as number) + 1;
  if (get('schedule_file_name')) meta.schedule = get('schedule_file_name');
  if (get('item_id')) meta.itemId = get('item_id');
  if (get('schedule_version')) meta.scheduleVersion = get('schedule_version');
  return meta;
}
