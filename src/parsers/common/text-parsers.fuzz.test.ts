import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../cycler-parser.js';
import type { CyclerParser } from '../cycler-parser.js';
import { arbinCsvParser } from '../arbin/arbin-csv.parser.js';
import { basytecParser } from '../basytec/basytec.parser.js';
import { biologicMptParser } from '../biologic/mpt.parser.js';
import { maccorExcelParser } from '../maccor/maccor-excel.parser.js';
import { maccorTextParser } from '../maccor/maccor-text.parser.js';
import { pecParser } from '../pec/pec.parser.js';

const cases: [CyclerParser, string][] = [
  [maccorTextParser, 'maccor/maccor_example.001'],
  [maccorTextParser, 'maccor/sample_data_maccor.csv'],
  [maccorTextParser, 'maccor/maccor_two.txt'],
  [maccorExcelParser, 'maccor/maccor_example.xls'],
  [maccorExcelParser, 'maccor/maccor_example_new.xlsx'],
  [arbinCsvParser, 'arbin/sample_data_arbin.csv'],
  [arbinCsvParser, 'arbin/FastCharge_000025_CH8.csv'],
  [biologicMptParser, 'biologic/Sample_data_biologic_timestamped.txt'],
  [biologicMptParser, 'biologic/biologic_example_Ewe.tsv'],
  [pecParser, 'pec/Test25195.csv'],
  [basytecParser, 'basytec/sample_data_basytec.txt'],
];

/** A small deterministic PRNG so failures reproduce. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function mutations(bytes: Uint8Array, rnd: () => number): Uint8Array[] {
  const out: Uint8Array[] = [new Uint8Array(0), bytes.subarray(0, 1), new Uint8Array(200_000).fill(0x41)];
  for (let k = 0; k < 6; k++) out.push(bytes.subarray(0, Math.floor(rnd() * bytes.length)));
  for (let k = 0; k < 6; k++) {
    const m = bytes.slice();
    for (let j = 0; j < 1 + Math.floor(rnd() * 20); j++) m[Math.floor(rnd() * m.length)] = Math.floor(rnd() * 256);
    out.push(m);
  }
  for (let k = 0; k < 3; k++) {
    const at = Math.floor(rnd() * bytes.length);
    const junk = Uint8Array.from({ length: 64 }, () => Math.floor(rnd() * 256));
    const m = new Uint8Array(bytes.length + junk.length);
    m.set(bytes.subarray(0, at)); m.set(junk, at); m.set(bytes.subarray(at), at + junk.length);
    out.push(m);
  }
  return out;
}

describe('text parsers on damaged input', () => {
  for (const [parser, file] of cases) {
    it(`${parser.name} on mutations of ${file}: a result or a ParseError, nothing else`, async () => {
      const bytes = new Uint8Array(readFileSync('../shared/fixtures/' + file));
      const rnd = random(file.length * 7919);
      for (const m of mutations(bytes, rnd)) {
        try {
          const r = await parser.parse({ fileName: file, bytes: m });
          for (const c of r.columns) expect(c.values.length).toBe(r.rows);
        } catch (e) {
          if (!(e instanceof ParseError)) throw e;
          expect(e.message).toContain(file);
        }
      }
    });
  }
});
