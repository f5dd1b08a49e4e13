import type { TableField } from '../table-reader.js';
import { ROW_KERNEL_WASM } from './kernel.wasm.js';

/**
 * The row kernel (kernel.as.ts, compiled to WebAssembly): reads the plain rows of a delimited table
 * 1.5× faster than the JavaScript scanner, with the same values bit for bit. The scanner (table-scan.ts)
 * calls it first and reads the row it stops at itself, so every rule of the format stays in one place.
 */
export interface RowKernel {
  /**
   * Reads rows of `bytes` from `pos` that start before `stop` and end before `end`, at most `maxRows`,
   * into `columns` from row `row`; returns the rows read and where the next row starts. A text field's
   * reader runs here on the kernel's copy of the bytes; a row whose text field reads as not a value
   * (`isBad`) is left for the caller, as is any row the kernel does not take.
   */
  scan(bytes: Uint8Array, pos: number, end: number, stop: number, columns: Float64Array[], row: number, maxRows: number): { rows: number; next: number };
  /** Forgets the copied bytes (the caller's buffer now holds other bytes). */
  invalidate(): void;
}

/** A text field that read as NaN: true when that is an error (not a missing-value token, not a lenient column). */
export type BadFieldCheck = (bytes: Uint8Array, start: number, end: number, slot: number) => boolean;

interface KernelExports {
  configure(delimiter: number, decimal: number, maxIndex: number, slotOf: number, kinds: number, columns: number, spans: number, rowStarts: number, cap: number): void;
  scan(start: number, end: number, stop: number, maxRows: number): number;
  stopPos: { value: number };
}

/** The part of Node's WebAssembly global used here (its types come with TypeScript's DOM library, not @types/node). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
}
const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/** Bytes copied into the kernel's memory at a time (whole lines). */
const WINDOW_BYTES = 1 << 20;
/** Where the bytes go: past the kernel's own static data (its constants, < 1 KiB). */
const IN = 1 << 16;
const PAGE = 1 << 16;
const SPACE = 32;
const TAB = 9;
const CR = 13;
const QUOTE = 34;
const LF = 10;

let compiled: object | undefined;

/** A kernel for one table's fields (an instance with its own memory, ≈ 1–3 MB). */
export function createRowKernel(delimiter: number, decimalComma: boolean, fields: readonly TableField[], isBad: BadFieldCheck): RowKernel {
  compiled ??= new wasm.Module(Buffer.from(ROW_KERNEL_WASM, 'base64'));
  const slots = fields.length;
  let maxIndex = 0;
  for (const f of fields) maxIndex = Math.max(maxIndex, f.index);
  // Rows per call: ~1 MiB of columns, whatever the table's width.
  const cap = Math.max(256, Math.min(4096, Math.floor(WINDOW_BYTES / (8 * Math.max(1, slots)))));
  const slotOfAt = IN + WINDOW_BYTES;
  const kindsAt = slotOfAt + 4 * (maxIndex + 1);
  const columnsAt = align8(kindsAt + slots);
  const spansAt = columnsAt + slots * cap * 8;
  const rowStartsAt = spansAt + slots * cap * 8;
  const memory = new wasm.Memory({ initial: Math.ceil((rowStartsAt + cap * 4) / PAGE) });
  const kernel = new wasm.Instance(compiled, { env: { memory } }).exports as unknown as KernelExports;
  const u8 = new Uint8Array(memory.buffer);
  const i32 = new Int32Array(memory.buffer);
  const f64 = new Float64Array(memory.buffer);
  i32.fill(-1, slotOfAt >> 2, (slotOfAt >> 2) + maxIndex + 1);
  fields.forEach((f, slot) => {
    i32[(slotOfAt >> 2) + f.index] = slot;
    u8[kindsAt + slot] = f.read ? 1 : 0;
  });
  kernel.configure(delimiter, decimalComma ? 44 : 46, maxIndex, slotOfAt, kindsAt, columnsAt, spansAt, rowStartsAt, cap);
  const numberSlots = fields.flatMap((f, slot) => (f.read ? [] : [slot]));
  const textSlots = fields.flatMap((f, slot) => (f.read ? [slot] : []));

  // The bytes [windowStart, windowEnd) of `windowOf` are at IN (whole lines, or up to the data's end).
  let windowOf: Uint8Array | undefined;
  let windowStart = 0;
  let windowEnd = 0;
  const load = (bytes: Uint8Array, pos: number, end: number): void => {
    const limit = Math.min(end, pos + WINDOW_BYTES);
    const lastLine = limit === end ? end : bytes.lastIndexOf(LF, limit - 1) + 1;
    windowOf = bytes;
    windowStart = pos;
    windowEnd = Math.max(pos, lastLine);
    u8.set(bytes.subarray(pos, windowEnd), IN);
  };

  return {
    scan(bytes, pos, end, stop, columns, row, maxRows) {
      if (windowOf !== bytes || pos < windowStart || pos >= windowEnd) load(bytes, pos, end);
      const at = (offset: number): number => IN + offset - windowStart;
      let rows = kernel.scan(at(pos), at(windowEnd), at(Math.min(stop, windowEnd)), Math.min(maxRows, cap));
      let next = windowStart + kernel.stopPos.value - IN;
      for (const slot of textSlots) {
        const read = fields[slot].read!;
        const column = columns[slot];
        const spans = (spansAt >> 2) + slot * cap * 2;
        for (let r = 0; r < rows; r++) {
          let a = i32[spans + 2 * r];
          let b = i32[spans + 2 * r + 1];
          while (a < b && (u8[a] === SPACE || u8[a] === TAB || u8[a] === QUOTE)) a++;
          while (b > a && (u8[b - 1] === SPACE || u8[b - 1] === CR || u8[b - 1] === TAB || u8[b - 1] === QUOTE)) b--;
          const v = a < b ? read(u8, a, b) : NaN;
          if (v !== v && isBad(u8, i32[spans + 2 * r], i32[spans + 2 * r + 1], slot)) {
            // The caller reads this row itself and reports it.
            next = windowStart + i32[(rowStartsAt >> 2) + r] - IN;
            rows = r;
            break;
          }
          column[row + r] = v;
        }
      }
      for (const slot of numberSlots) {
        const from = (columnsAt >> 3) + slot * cap;
        columns[slot].set(f64.subarray(from, from + rows), row);
      }
      return { rows, next };
    },
    invalidate() {
      windowOf = undefined;
    },
  };
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
