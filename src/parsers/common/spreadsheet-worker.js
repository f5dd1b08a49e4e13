// @ts-check
// Reads workbooks on a worker thread for spreadsheet-reader.ts, one task per message. Plain
// JavaScript so that the same file runs from the sources (tests) and from dist: a worker starts
// from a file, which Node 20 cannot do for TypeScript.
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import { unzipSync, zipSync } from 'fflate';

/** @typedef {import('./spreadsheet.js').Cell} Cell */
/** @typedef {import('./spreadsheet-worker-pool.js').SheetTask} SheetTask */
/** @typedef {import('./spreadsheet-worker-pool.js').SheetReply} SheetReply */

// The CommonJS build loads SheetJS's code pages for .xls text itself; the ESM build would not.
/** @type {typeof import('@e965/xlsx')} */
const XLSX = createRequire(import.meta.url)('@e965/xlsx');

/** @type {string[]} */
let messages = [];
// SheetJS reports oddities with console.error; they are returned as warnings instead of printed.
console.error = (...args) => { messages.push(args.map(String).join(' ')); };

/**
 * @param {SheetTask} task
 * @returns {SheetReply}
 */
function readTask({ bytes, keep }) {
  messages = [];
  try {
    // fflate rejects corrupt deflate data at once; SheetJS gets the parts re-packed uncompressed.
    const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
    const input = isZip ? zipSync(unzipSync(bytes), { level: 0 }) : bytes;
    const wb = XLSX.read(input, { type: 'array', cellDates: false, dense: true });
    const sheets = wb.SheetNames.filter((name) => !keep || keep.test(name)).map((name) => ({
      name,
      rows: /** @type {Cell[][]} */ (XLSX.utils.sheet_to_json(wb.Sheets[name], { header: 1, raw: true, defval: null, blankrows: false })),
    }));
    return { names: wb.SheetNames, sheets, messages };
  } catch (err) {
    return { failure: err instanceof Error ? err.message : String(err) };
  }
}

parentPort?.on('message', (/** @type {SheetTask} */ task) => parentPort?.postMessage(readTask(task)));
