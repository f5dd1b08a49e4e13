import { oleDateToEpochSeconds, parseDateTime } from './date-time.js';
import type { DateOrder } from './date-time.js';
import { parseDuration } from './duration.js';

/** One cell as SheetJS gives it with raw values: number, string, boolean or empty. */
export type Cell = string | number | boolean | null;

/** One sheet as rows of raw cells (dates stay Excel serial numbers); read with readSheets (spreadsheet-reader.ts). */
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
