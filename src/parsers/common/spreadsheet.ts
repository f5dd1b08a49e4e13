import { createRequire } from 'node:module';
import { unzipSync, zipSync } from 'fflate';
import { oleDateToEpochSeconds, parseDateTime } from './date-time.js';
import type { DateOrder } from './date-time.js';
import { parseDuration } from './duration.js';

/** One cell as SheetJS gives it with raw values: number, string, boolean or empty. */
export type Cell = string | number | boolean | null;

/** A workbook's sheets as rows of raw cells (dates stay Excel serial numbers). */
export interface SheetRows {
  name: string;
  rows: Cell[][];
}

/** True for the magic bytes of .xlsx (zip) or .xls (OLE2 compound file). */
export function isSpreadsheetMagic(head: Uint8Array): boolean {
  const zip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  const ole = head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
  return zip || ole;
}

/**
 * Reads the sheets whose names pass `keep` (all when absent) as raw cell rows. An .xlsx is
 * unpacked with fflate first (which rejects corrupt deflate data instead of looping, as SheetJS
 * 0.18.5 could) and handed to SheetJS re-packed without compression. SheetJS reports oddities with
 * console.error; those messages are returned instead of printed.
 */
export async function readSheets(bytes: Uint8Array, keep?: (name: string) => boolean): Promise<{ names: string[]; sheets: SheetRows[]; messages: string[] }> {
  // Loaded on first use: SheetJS and its code pages take ≈ 0.2 s to load, paid by every CLI start
  // otherwise. The CommonJS build loads the code pages (.xls text) itself; the ESM build would not.
  const XLSX = createRequire(import.meta.url)('@e965/xlsx') as typeof import('@e965/xlsx');
  const messages: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => { messages.push(args.map(String).join(' ')); };
  try {
    const input = isZip(bytes) ? zipSync(unzipSync(bytes), { level: 0 }) : bytes;
    const wb = XLSX.read(input, { type: 'array', cellDates: false, dense: true });
    const sheets = wb.SheetNames.filter((n) => !keep || keep(n)).map((name) => ({
      name,
      rows: XLSX.utils.sheet_to_json<Cell[]>(wb.Sheets[name], { header: 1, raw: true, defval: null, blankrows: false }),
    }));
    return { names: wb.SheetNames, sheets, messages };
  } finally {
    console.error = original;
  }
}

function isZip(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/** A cell as text ('' when empty). */
export function cellText(cell: Cell | undefined): string {
  return cell === null || cell === undefined ? '' : String(cell).replace(/\u0000+/g, '').trim();
}

/** A numeric cell, or a number written as text; NaN otherwise. */
export function cellNumber(cell: Cell | undefined): number {
  if (typeof cell === 'number') return cell;
  if (typeof cell === 'string' && cell.trim() !== '') return Number(cell.trim());
  return NaN;
}

/** A date cell: Excel serial (local) or date text → epoch seconds; NaN when not a date. */
export function cellDate(cell: Cell | undefined, order: DateOrder = 'mdy'): number {
  if (typeof cell === 'number') return oleDateToEpochSeconds(cell);
  if (typeof cell === 'string') return parseDateTime(cell.trim(), order);
  return NaN;
}

/** A duration cell: text 'd hh:mm:ss' → s, a number → number × `numberUnitS`. */
export function cellDuration(cell: Cell | undefined, numberUnitS: number): number {
  if (typeof cell === 'number') return cell * numberUnitS;
  if (typeof cell === 'string') return parseDuration(cell);
  return NaN;
}
