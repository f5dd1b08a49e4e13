// AssemblyScript source of the row kernel (row-kernel.ts loads it; `npm run build:kernel` compiles it
// into kernel.wasm.ts). It reads the plain rows of a delimited numeric table, the bulk of every cycler
// export, straight from bytes into f64 columns, and stops at the first row that is anything else, for the
// JavaScript scanner (table-scan.ts) to read with all its rules: blank lines, short rows, quotes,
// blanks around values, exponents, long mantissas, missing-value tokens and bad values.
//
// Memory (imported; the host lays it out, see row-kernel.ts): the bytes to scan, then per table
// `slotOf` (i32 per field index: its column slot or -1), `kinds` (u8 per slot: 0 a number, 1 a text
// field the host reads), the columns (f64, slot-major, `rowCap` rows each), the text fields' spans
// (i32 start and end per row, slot-major) and each row's start (i32 per row).

let delimiter: i32 = 44;
let decimalSep: i32 = 46;
let maxIndex: i32 = 0;
let slotOfPtr: usize = 0;
let kindsPtr: usize = 0;
let columnsPtr: usize = 0;
let spansPtr: usize = 0;
let rowStartsPtr: usize = 0;
let rowCap: i32 = 0;
/** Where the last scan stopped: the start of the first row it did not take. */
export let stopPos: i32 = 0;

export function configure(delim: i32, decimal: i32, maxIdx: i32, slotOf: usize, kinds: usize, columns: usize, spans: usize, rowStarts: usize, cap: i32): void {
  delimiter = delim;
  decimalSep = decimal;
  maxIndex = maxIdx;
  slotOfPtr = slotOf;
  kindsPtr = kinds;
  columnsPtr = columns;
  spansPtr = spans;
  rowStartsPtr = rowStarts;
  rowCap = cap;
}

const POW10: StaticArray<f64> = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/**
 * Reads rows that start in [start, stop) and end (line feed) before `end`, at most `maxRows` of them,
 * into rows 0… of the columns; returns how many, with stopPos at the next row's start. A number is
 * '-ddd.ddd' with at most 9 digits on each side and 15 in all, computed exactly as table-scan.ts's
 * scanPlainNumber does (so the values are the same bit for bit); an empty number field is NaN.
 */
export function scan(start: i32, end: i32, stop: i32, maxRows: i32): i32 {
  const delim = delimiter;
  const decimal = decimalSep;
  const lastField = maxIndex;
  const cap = <usize>rowCap;
  let p = start;
  let row = 0;
  while (p < stop && row < maxRows) {
    const rowStart = p;
    let field = 0;
    let taken = true;
    while (true) {
      const slot = field <= lastField ? load<i32>(slotOfPtr + (<usize>field << 2)) : -1;
      let q = p;
      if (slot >= 0 && load<u8>(kindsPtr + <usize>slot) == 0) {
        const negative = q < end && load<u8>(q) == 45;
        if (negative) q++;
        const w0 = q;
        let whole: i32 = 0;
        while (q < end) {
          const d = <i32>load<u8>(q) - 48;
          if (<u32>d > 9) break;
          whole = whole * 10 + d;
          q++;
        }
        const wholeDigits = q - w0;
        let fraction: i32 = 0;
        let fractionDigits = 0;
        if (q < end && <i32>load<u8>(q) == decimal) {
          q++;
          const f0 = q;
          while (q < end) {
            const d = <i32>load<u8>(q) - 48;
            if (<u32>d > 9) break;
            fraction = fraction * 10 + d;
            q++;
          }
          fractionDigits = q - f0;
        }
        const digits = wholeDigits + fractionDigits;
        let v: f64;
        if (digits == 0) {
          // An empty field is no value; anything else without digits is for the host.
          if (negative || q > w0) { taken = false; break; }
          v = NaN;
        } else {
          if (wholeDigits > 9 || fractionDigits > 9 || digits > 15) { taken = false; break; }
          v = fractionDigits == 0 ? <f64>whole : (<f64>whole * unchecked(POW10[fractionDigits]) + <f64>fraction) / unchecked(POW10[fractionDigits]);
          if (negative) v = -v;
        }
        store<f64>(columnsPtr + ((<usize>slot * cap + <usize>row) << 3), v);
      } else {
        while (q < end) {
          const c = <i32>load<u8>(q);
          if (c == delim || c == 10) break;
          if (c == 34) { taken = false; break; }
          q++;
        }
        if (!taken) break;
        if (slot >= 0) {
          const span = spansPtr + ((<usize>slot * cap + <usize>row) << 3);
          store<i32>(span, p);
          store<i32>(span, q, 4);
        }
      }
      if (q >= end) { taken = false; break; }
      const c = <i32>load<u8>(q);
      if (c == delim) { p = q + 1; field++; continue; }
      if (c == 10) { p = q + 1; break; }
      if (c == 13 && q + 1 < end && load<u8>(q + 1) == 10) { p = q + 2; break; }
      taken = false;
      break;
    }
    if (!taken || field < lastField) { stopPos = rowStart; return row; }
    store<i32>(rowStartsPtr + (<usize>row << 2), rowStart);
    row++;
  }
  stopPos = p;
  return row;
}
