import { ParseError } from '../cycler-parser.js';
import type { SheetRows } from './spreadsheet.js';
import { discardSheetWorker, releaseSheetWorker, takeSheetWorker, type SheetReply, type SheetTask } from './spreadsheet-worker-pool.js';

/** How long (s) and how much heap (MB) one workbook read may take before its file fails. */
export interface SpreadsheetLimits {
  timeS: number;
  memoryMb: number;
}

/**
 * Generous for a real export (the 0.6 MB fixtures read in < 2 s on a cold worker; an Excel sheet
 * is at most 1,048,576 rows), small enough that a hostile file costs one worker, not the server.
 */
export const DEFAULT_SPREADSHEET_LIMITS: SpreadsheetLimits = { timeS: 120, memoryMb: 2048 };

/** A workbook's sheet names, the kept sheets as raw cell rows, and what SheetJS complained about. */
export interface Workbook {
  names: string[];
  sheets: SheetRows[];
  messages: string[];
}

/**
 * Reads the sheets whose names match `keep` (all when absent) as raw cell rows (dates stay Excel
 * serial numbers) with SheetJS on a worker thread: a workbook that reads longer than
 * `limits.timeS` or needs more than `limits.memoryMb` fails as a ParseError naming the file while
 * this thread keeps serving. Every failure is a ParseError; the worker is then discarded.
 */
export function readSheets(source: { format: string; fileName: string; bytes: Uint8Array }, keep?: RegExp, limits: SpreadsheetLimits = DEFAULT_SPREADSHEET_LIMITS): Promise<Workbook> {
  const { format, fileName } = source;
  const task: SheetTask = { bytes: source.bytes, keep: keep ?? null };
  const sheetWorker = takeSheetWorker(limits.memoryMb);
  return new Promise((resolve, reject) => {
    const fail = (message: string, cause?: unknown): void => {
      clearTimeout(timer);
      discardSheetWorker(sheetWorker);
      reject(new ParseError({ format, fileName, byte: 0, message, cause }));
    };
    const timer = setTimeout(() => fail(`spreadsheet read took longer than ${limits.timeS} s`), limits.timeS * 1000);
    sheetWorker.current = (outcome: SheetReply | Error) => {
      if (outcome instanceof Error) {
        const outOfMemory = (outcome as Error & { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
        fail(outOfMemory ? `spreadsheet read needed more than ${limits.memoryMb} MB of memory` : outcome.message, outcome);
      } else if ('failure' in outcome) {
        fail(`not a readable workbook: ${outcome.failure}`);
      } else {
        clearTimeout(timer);
        releaseSheetWorker(sheetWorker);
        resolve(outcome);
      }
    };
    sheetWorker.worker.postMessage(task);
  });
}
