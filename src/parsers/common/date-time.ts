/**
 * Date-time parsing for vendor exports. Every result is epoch seconds computed as if the file's
 * local wall clock were UTC: the test PC's zone is not in the files, so callers flag it as
 * unknown (`zoneUnknown`) and the platform applies a per-upload zone later.
 */
export type DateOrder = 'mdy' | 'dmy' | 'ymd';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const OLE_EPOCH_OFFSET_DAYS = 25569; // 1899-12-30 → 1970-01-01
const DOTNET_EPOCH_OFFSET_S = 62135596800; // 0001-01-01 → 1970-01-01

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// Scratch space for the tokenizer: numbers with their digit counts and the separator before each.
const nums = new Float64Array(8);
const widths = new Int32Array(8);
const seps = new Int32Array(8);

/**
 * Parses a date or date-time from bytes [start, end): MM/DD/YYYY, DD.MM.YYYY, YYYY-MM-DD (ISO,
 * with 'T' and an optional zone offset), YYYY/MM/DD, DD-Mon-YY, '14 December 2020, 12:22:12 PM',
 * optional fractional seconds and AM/PM. A date alone means midnight. `order` resolves
 * ambiguous all-numeric dates whose year is last; a '.' separator always means day first.
 * Returns NaN when the text is not a date.
 */
export function parseDateTimeBytes(bytes: Uint8Array, start: number, end: number, order: DateOrder = 'mdy'): number {
  const fast = fixedLayoutDate(bytes, start, end, order);
  if (fast === fast) return fast;
  let n = 0;
  let month = 0;
  let pm = -1;
  let offsetSign = 0;
  let sep = 0;
  let p = start;
  let fraction = 0;
  while (p < end) {
    const c = bytes[p];
    if (c >= 48 && c <= 57) {
      if (n === 8) return NaN;
      let v = 0;
      const s = p;
      while (p < end && bytes[p] >= 48 && bytes[p] <= 57) { v = v * 10 + bytes[p] - 48; p++; }
      // A fraction right after the seconds ('12:00:01.707'); n ≥ 5 means date + h:m:s seen.
      if (sep === 46 && n >= 5 && seps[n - 1] === 58) {
        fraction = v / 10 ** (p - s);
        sep = 0;
        continue;
      }
      if ((sep === 43 || sep === 45) && n >= 5 && seps[n - 1] === 58) offsetSign = sep === 45 ? -1 : 1;
      nums[n] = v; widths[n] = p - s; seps[n] = sep; n++;
      sep = 0;
      continue;
    }
    const lower = c | 0x20;
    if (lower >= 97 && lower <= 122) {
      const s = p;
      while (p < end && ((bytes[p] | 0x20) >= 97 && (bytes[p] | 0x20) <= 122)) p++;
      const len = p - s;
      const w0 = bytes[s] | 0x20;
      if (len === 2 && (bytes[s + 1] | 0x20) === 109 && (w0 === 97 || w0 === 112)) pm = w0 === 112 ? 1 : 0;
      else if (len >= 3) {
        const key = String.fromCharCode(w0, bytes[s + 1] | 0x20, bytes[s + 2] | 0x20);
        const m = MONTHS.indexOf(key);
        if (m < 0) return NaN;
        month = m + 1;
        nums[n] = -1; widths[n] = 0; seps[n] = sep; n++;
      } else if (!(len === 1 && (w0 === 116 || w0 === 122))) return NaN; // 'T' separator, 'Z' zone
      sep = 0;
      continue;
    }
    if (c !== 32 && c !== 9 && c !== 44) sep = c;
    p++;
  }
  if (n < 3) return NaN;
  let year: number;
  let mon: number;
  let day: number;
  if (month > 0) {
    // 'DD-Mon-YY' or '14 December 2020' or 'Dec 14 2020'
    if (nums[0] === -1) { mon = month; day = nums[1]; year = nums[2]; }
    else { mon = month; day = nums[0]; year = nums[2]; }
    if (nums[1] === -1 && nums[0] !== -1) year = nums[2];
  } else if (widths[0] === 4) { year = nums[0]; mon = nums[1]; day = nums[2]; }
  else if (seps[1] === 46 || order === 'dmy') { day = nums[0]; mon = nums[1]; year = nums[2]; }
  else if (order === 'ymd') { year = nums[0]; mon = nums[1]; day = nums[2]; }
  else { mon = nums[0]; day = nums[1]; year = nums[2]; }
  if (year < 100) year += year < 70 ? 2000 : 1900;
  if (!(mon >= 1 && mon <= 12 && day >= 1 && day <= 31)) return NaN;
  let hour = n > 3 ? nums[3] : 0;
  const minute = n > 4 ? nums[4] : 0;
  const second = n > 5 && seps[5] === 58 ? nums[5] : 0;
  if (pm === 1 && hour < 12) hour += 12;
  else if (pm === 0 && hour === 12) hour = 0;
  if (hour > 24 || minute > 59 || second > 60) return NaN;
  let seconds = daysFromCivil(year, mon, day) * 86400 + hour * 3600 + minute * 60 + second + fraction;
  if (offsetSign !== 0) {
    const i = n > 6 ? 6 : -1;
    if (i > 0) {
      const hh = widths[i] === 4 ? Math.floor(nums[i] / 100) : nums[i];
      const mm = widths[i] === 4 ? nums[i] % 100 : n > 7 ? nums[7] : 0;
      seconds -= offsetSign * (hh * 3600 + mm * 60);
    }
  }
  return seconds;
}

const d2 = (b: Uint8Array, i: number): number => (b[i] - 48) * 10 + b[i + 1] - 48;
let cachedDateKey = -1;
let cachedDays = 0;

/**
 * Fast path for the fixed layouts that fill big files: 'YYYY-MM-DD hh:mm:ss[.f]' (also '/' and
 * 'T') and 'MM/DD/YYYY hh:mm:ss[.f]' with two-digit fields. NaN when the layout does not match,
 * so the general tokenizer takes over.
 */
function fixedLayoutDate(b: Uint8Array, s: number, e: number, order: DateOrder): number {
  if (e - s < 19) return NaN;
  let y: number;
  let mo: number;
  let d: number;
  let t: number;
  const sep = b[s + 4];
  if ((sep === 45 || sep === 47) && b[s + 7] === sep && (b[s + 10] === 32 || b[s + 10] === 84)) {
    y = d2(b, s) * 100 + d2(b, s + 2); mo = d2(b, s + 5); d = d2(b, s + 8); t = s + 11;
  } else if (b[s + 2] === 47 && b[s + 5] === 47 && b[s + 10] === 32 && order !== 'ymd') {
    const a = d2(b, s);
    const c = d2(b, s + 3);
    mo = order === 'mdy' ? a : c; d = order === 'mdy' ? c : a; y = d2(b, s + 6) * 100 + d2(b, s + 8); t = s + 11;
  } else return NaN;
  if (b[t + 2] !== 58 || b[t + 5] !== 58 || e - t < 8) return NaN;
  const h = d2(b, t);
  const mi = d2(b, t + 3);
  const sec = d2(b, t + 6);
  if (!(y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h <= 24 && mi >= 0 && mi <= 59 && sec >= 0 && sec <= 60)) return NaN;
  let fraction = 0;
  let p = t + 8;
  if (p < e && b[p] === 46) {
    let f = 0;
    let k = 0;
    p++;
    while (p < e && b[p] >= 48 && b[p] <= 57) { if (k < 15) { f = f * 10 + b[p] - 48; k++; } p++; }
    fraction = f / POW10_SMALL[k];
  }
  if (p !== e) return NaN;
  const key = (y * 16 + mo) * 32 + d;
  if (key !== cachedDateKey) { cachedDays = daysFromCivil(y, mo, d); cachedDateKey = key; }
  return cachedDays * 86400 + h * 3600 + mi * 60 + sec + fraction;
}

const POW10_SMALL = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** String form of parseDateTimeBytes (for header values). */
export function parseDateTime(text: string, order: DateOrder = 'mdy'): number {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return parseDateTimeBytes(bytes, 0, bytes.length, order);
}

/** OLE Automation / Excel serial date (days since 1899-12-30, local) → epoch seconds. */
export function oleDateToEpochSeconds(days: number): number {
  return (days - OLE_EPOCH_OFFSET_DAYS) * 86400;
}

/** .NET DateTime ticks (100 ns since 0001-01-01) → epoch seconds. */
export function dotNetTicksToEpochSeconds(ticks: number): number {
  return ticks / 1e7 - DOTNET_EPOCH_OFFSET_S;
}

/** Unix epoch in seconds or milliseconds (guessed from magnitude) → epoch seconds. */
export function unixToEpochSeconds(value: number): number {
  return Math.abs(value) > 1e11 ? value / 1000 : value;
}

/** ISO-8601 text of epoch seconds, without zone ('2024-01-15T09:00:01.000'), for metadata. */
export function formatLocalIso(epochSeconds: number): string | null {
  if (!Number.isFinite(epochSeconds)) return null;
  return new Date(Math.round(epochSeconds * 1000)).toISOString().slice(0, 23);
}

/**
 * Day-first or month-first, decided once per file from many all-numeric dates: a first field
 * above 12 means day first, a second above 12 month first; undecided → `fallback`.
 */
export function inferDateOrder(texts: string[], fallback: DateOrder): DateOrder {
  for (const t of texts) {
    const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}/.exec(t);
    if (!m) continue;
    if (Number(m[1]) > 12) return 'dmy';
    if (Number(m[2]) > 12) return 'mdy';
  }
  return fallback;
}
