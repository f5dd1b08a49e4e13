import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createRangeScanner, type TableChunk, type TableSyntax } from '../table-scan.js';
import type { TableField } from '../table-reader.js';

/** A small deterministic PRNG so failures reproduce. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A text field reader as the parsers have them: a number from some texts, NaN from others. */
const readLength = (bytes: Uint8Array, start: number, end: number): number => (bytes[start] === 120 /* x */ ? NaN : (end - start) * 1000 + bytes[start]);

/** Every row read with and without the kernel, scanning to `steps` stops in turn (the end last). */
function scanBoth(syntax: TableSyntax, fields: TableField[], bytes: Uint8Array, steps: number[], reserveRows?: number): [TableChunk, TableChunk] {
  const run = (useKernel: boolean): TableChunk => {
    const scanner = createRangeScanner(syntax, fields, bytes, 0, bytes.length, reserveRows, useKernel);
    for (const stop of [...steps, bytes.length]) {
      // A stop falls between rows, as the readers cut them.
      const at = stop >= bytes.length ? bytes.length : bytes.indexOf(10, stop) + 1 || bytes.length;
      if (!scanner.scanTo(at)) break;
    }
    return scanner.finish();
  };
  return [run(true), run(false)];
}

function expectSame(withKernel: TableChunk, alone: TableChunk): void {
  const { columns: a, ...restA } = withKernel;
  const { columns: b, ...restB } = alone;
  expect(restA).toEqual(restB);
  expect(a.length).toBe(b.length);
  for (let k = 0; k < a.length; k++) {
    expect(a[k].length).toBe(b[k].length);
    for (let i = 0; i < a[k].length; i++) if (!Object.is(a[k][i], b[k][i])) expect([k, i, a[k][i]]).toEqual([k, i, b[k][i]]);
  }
}

/** Random fields: plain numbers, the odd form of each kind the JavaScript scanner must take over. */
function field(rnd: () => number, decimal: string, text: boolean, oddRate: number): string {
  const digits = (n: number): string => Array.from({ length: n }, () => String(Math.floor(rnd() * 10))).join('');
  const plain = (): string => `${rnd() < 0.3 ? '-' : ''}${digits(1 + Math.floor(rnd() * 9))}${rnd() < 0.8 ? decimal + digits(Math.floor(rnd() * 10)) : ''}`;
  if (text) return rnd() >= oddRate ? `t${digits(Math.floor(rnd() * 5))}` : (['', ' x', '"q"', 'n/a', 'x'] as const)[Math.floor(rnd() * 5)];
  if (rnd() >= oddRate) return plain();
  const odd = [
    '', ' ', 'n/a', 'NaN', '-', '--', 'oops', '1e5', '2.5E-3', `${digits(12)}${decimal}${digits(6)}`, `${digits(10)}`, `${decimal}5`, '5' + decimal,
    `"${plain()}"`, ` ${plain()}`, `${plain()} `, `\t${plain()}`, '+3', '-', `${plain()}x`,
  ];
  return odd[Math.floor(rnd() * odd.length)];
}

function randomTable(seed: number): { syntax: TableSyntax; fields: TableField[]; bytes: Uint8Array } {
  const rnd = random(seed);
  const [delimiter, decimal] = ([[',', '.'], ['\t', '.'], [';', ','], ['\t', ',']] as const)[seed % 4];
  const width = 2 + Math.floor(rnd() * 8);
  // Half the tables mostly plain (long stretches for the kernel), half full of odd fields.
  const oddRate = seed % 2 === 0 ? 0.0005 : 0.07;
  const kinds = Array.from({ length: width }, () => { const r = rnd(); return r < 0.15 ? 'text' : r < 0.25 ? 'skip' : r < 0.35 ? 'lenient' : 'number'; });
  const fields: TableField[] = [];
  kinds.forEach((kind, index) => {
    if (kind === 'skip') return;
    fields.push({ index, name: `f${index}`, ...(kind === 'text' ? { read: readLength } : {}), ...(kind === 'lenient' ? { lenient: true } : {}) });
  });
  if (fields.length === 0) fields.push({ index: 0, name: 'f0' });
  const lines: string[] = [];
  const rows = 50 + Math.floor(rnd() * 3000);
  for (let r = 0; r < rows; r++) {
    const shape = rnd();
    if (shape < oddRate / 5) { lines.push(rnd() < 0.5 ? '' : '  \r'); continue; }
    let n = width;
    if (shape < oddRate / 2.5) n = 1 + Math.floor(rnd() * width);
    else if (shape < oddRate / 1.7) n = width + 1 + Math.floor(rnd() * 3);
    const values = Array.from({ length: n }, (_, k) => field(rnd, decimal, kinds[k] === 'text' || kinds[k] === 'skip', oddRate));
    lines.push(values.join(delimiter) + (rnd() < 0.3 ? '\r' : ''));
  }
  const text = lines.join('\n') + (rnd() < 0.5 ? '\n' : '');
  return { syntax: { delimiter: delimiter.charCodeAt(0), decimalComma: decimal === ',' }, fields, bytes: encode(text) };
}

describe('row kernel', () => {
  it('is kernel.as.ts compiled (npm run build:kernel writes it)', () => {
    expect(() => execFileSync(process.execPath, ['scripts/build-row-kernel.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('reads random tables exactly as the JavaScript scanner alone: values, lines, short rows, the first bad field', () => {
    let kernelRows = 0;
    let errors = 0;
    for (let seed = 1; seed <= 240; seed++) {
      const { syntax, fields, bytes } = randomTable(seed);
      const rnd = random(seed * 31);
      const steps = Array.from({ length: Math.floor(rnd() * 6) }, () => Math.floor(rnd() * bytes.length)).sort((x, y) => x - y);
      const [withKernel, alone] = scanBoth(syntax, fields, bytes, steps, seed % 3 === 0 ? 16 : undefined);
      expectSame(withKernel, alone);
      kernelRows += withKernel.rows;
      if (alone.error) errors++;
    }
    // The cases reach both ends: rows read, and bad fields found (which stop the scan).
    expect(kernelRows).toBeGreaterThan(10_000);
    expect(errors).toBeGreaterThan(20);
  });

  it('reads plain rows with every field form it takes itself, in both decimal styles', () => {
    const syntax: TableSyntax = { delimiter: 59, decimalComma: true };
    const fields: TableField[] = [{ index: 0, name: 'a' }, { index: 1, name: 'b', read: readLength }, { index: 3, name: 'c' }];
    const text = '1;tt;skip;-0,5\r\n123456789,987654321;t;"quoted; skipped";\n-0;t;;000000001,100000000\n';
    const [withKernel, alone] = scanBoth(syntax, fields, encode(text), []);
    expectSame(withKernel, alone);
    expect(withKernel.columns[2][1]).toBeNaN();
    expect(withKernel.columns[0][1]).toBe(123456789.987654321);
    expect(Object.is(withKernel.columns[0][2], -0)).toBe(true);
  });

  it('goes on past a line longer than its window, and over a buffer written over between refills', () => {
    const fields: TableField[] = [{ index: 0, name: 'a' }, { index: 2, name: 'c' }];
    const rows = (from: number, n: number): string => Array.from({ length: n }, (_, k) => `${from + k},x,${(from + k) / 4}\n`).join('');
    const long = encode(rows(0, 100) + `7,${'y'.repeat(1_500_000)},8\n` + rows(100, 20_000));
    expectSame(...scanBoth({ delimiter: 44, decimalComma: false }, fields, long, [50, 1_400_000]));

    const run = (useKernel: boolean): TableChunk => {
      const buffer = new Uint8Array(64_000);
      const first = encode(rows(0, 3000));
      const scanner = createRangeScanner({ delimiter: 44, decimalComma: false }, fields, buffer, 0, 0, 10_000, useKernel);
      let end = 0;
      for (const part of [first.subarray(0, 40_000), encode(rows(5000, 3000)).subarray(0, 40_000)]) {
        end = part.lastIndexOf(10) + 1;
        buffer.set(part.subarray(0, end));
        scanner.refill(buffer, 0, end);
        scanner.scanTo(end);
      }
      return scanner.finish();
    };
    expectSame(run(true), run(false));
  });
});
