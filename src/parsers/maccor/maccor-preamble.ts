import { formatLocalIso, parseDateTime } from '../common/date-time.js';
import type { DateOrder } from '../common/date-time.js';

const KEYWORDS = ["Today''s Date", "Today's Date", 'Date of Test', 'Filename', 'Procedure', 'Comment/Barcode', 'Description', 'Tester Channel'];
const KEY_VALUE_NAMES: Record<string, string> = {
  'name': 'testName', 'channel': 'channel', 'tester': 'tester', 'procedure': 'procedure', 'description': 'description',
  'started': 'startedText', 'scap': 'nominalCapacityAh', 'c rate': 'cRate', 'ch. max. v': 'chargeMaxVoltage',
  'disch. min. v': 'dischargeMinVoltage', 'ch. max. i': 'chargeMaxCurrent', 'disch. max. i': 'dischargeMaxCurrent',
};
const KEYWORD_NAMES: Record<string, string> = {
  "Today''s Date": 'exportDateText', "Today's Date": 'exportDateText', 'Date of Test': 'testDateText', 'Filename': 'originalFileName',
  'Procedure': 'procedure', 'Comment/Barcode': 'comment', 'Description': 'description', 'Tester Channel': 'channel',
};

/**
 * Metadata from a Maccor preamble: the one-line form ('Today's Date 09/01/2020  Date of Test:
 * ... Procedure: ...', fields split by inconsistent tabs and spaces, so split by keyword), the
 * three-line form, the key/value form (Name:, Channel:, Started ...) and CSV ('Today's Date ,28-Nov-23').
 */
export function parseMaccorPreamble(lines: string[], decimalComma: boolean, order: DateOrder): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  for (const raw of lines) {
    // Control bytes appear in some preambles (binary garbage after a description): cut them off.
    const line = raw.replace(/[\u0000-\u0008\u000b-\u001f].*$/, '').trimEnd();
    if (line.trim() === '') continue;
    const hits = KEYWORDS.map((k) => ({ k, i: line.indexOf(k) })).filter((h) => h.i >= 0)
      .filter((h, _, all) => !all.some((o) => o !== h && o.i <= h.i && o.i + o.k.length >= h.i + h.k.length && o.k.length > h.k.length))
      .sort((a, b) => a.i - b.i);
    if (hits.length > 0) {
      hits.forEach((h, j) => {
        const stop = j + 1 < hits.length ? hits[j + 1].i : line.length;
        const value = line.slice(h.i + h.k.length, stop).replace(/^[\s:,]+|[\s:,]+$/g, '');
        if (value !== '') meta[KEYWORD_NAMES[h.k]] = value;
      });
      continue;
    }
    const m = /^([^\t,:]+?):?\s*[\t,]\s*(.*)$/.exec(line);
    if (!m) continue;
    const name = KEY_VALUE_NAMES[m[1].trim().toLowerCase()];
    if (name && m[2].trim() !== '') meta[name] = m[2].trim();
  }
  if (typeof meta.nominalCapacityAh === 'string') {
    const n = Number((meta.nominalCapacityAh as string).replace(decimalComma ? ',' : /$^/, '.'));
    if (Number.isFinite(n)) meta.nominalCapacityAh = n; else delete meta.nominalCapacityAh;
  }
  const started = (meta.startedText ?? meta.testDateText) as string | undefined;
  if (started) {
    const iso = formatLocalIso(parseDateTime(started, order));
    if (iso) meta.startTime = iso;
  }
  return meta;
}
