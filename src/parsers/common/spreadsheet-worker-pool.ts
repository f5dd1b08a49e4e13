import { Worker } from 'node:worker_threads';
import type { Cell } from './spreadsheet.js';

/** One read for spreadsheet-worker.js: the file's bytes (copied) and which sheets to return. */
export interface SheetTask {
  bytes: Uint8Array;
  keep: RegExp | null;
}
export type SheetReply = { names: string[]; sheets: { name: string; rows: Cell[][] }[]; messages: string[] } | { failure: string };

/** A spreadsheet worker and the read it is doing (answered with its reply, or the Error that ended it). */
export interface SheetWorker {
  readonly worker: Worker;
  readonly memoryMb: number;
  current?: (outcome: SheetReply | Error) => void;
}

const WORKER_URL = new URL('./spreadsheet-worker.js', import.meta.url);
// Starting a worker and loading SheetJS costs ≈ 0.3 s and each fresh isolate compiles SheetJS
// again (the 0.6 MB Arbin fixture reads 4× slower cold), so one warm worker waits for the next file.
const IDLE_MS = 60_000;
let idle: { sheetWorker: SheetWorker; timer: NodeJS.Timeout } | undefined;

/** A warm idle worker with this heap limit (MB), else a new one. */
export function takeSheetWorker(memoryMb: number): SheetWorker {
  if (idle && idle.sheetWorker.memoryMb === memoryMb) {
    const { sheetWorker, timer } = idle;
    idle = undefined;
    clearTimeout(timer);
    sheetWorker.worker.ref();
    return sheetWorker;
  }
  const sheetWorker: SheetWorker = { worker: new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: memoryMb } }), memoryMb };
  sheetWorker.worker.on('message', (reply: SheetReply) => sheetWorker.current?.(reply));
  // An idle worker runs nothing; should it fail all the same, its exit below drops it.
  sheetWorker.worker.on('error', (err) => sheetWorker.current?.(err));
  sheetWorker.worker.on('exit', (code) => {
    if (idle?.sheetWorker === sheetWorker) idle = undefined;
    sheetWorker.current?.(new Error(`spreadsheet reader stopped (exit code ${code}) before answering`));
  });
  return sheetWorker;
}

/** Keeps a worker that answered for the next read (unref'd: it never holds the process open). */
export function releaseSheetWorker(sheetWorker: SheetWorker): void {
  sheetWorker.current = undefined;
  if (idle) {
    clearTimeout(idle.timer);
    void idle.sheetWorker.worker.terminate();
  }
  sheetWorker.worker.unref();
  const timer = setTimeout(() => { if (idle?.sheetWorker === sheetWorker) idle = undefined; void sheetWorker.worker.terminate(); }, IDLE_MS).unref();
  idle = { sheetWorker, timer };
}

/** Ends a worker whose read failed, ran over its time or memory, or whose file may have left it in a bad state. */
export function discardSheetWorker(sheetWorker: SheetWorker): void {
  sheetWorker.current = undefined;
  void sheetWorker.worker.terminate();
}
