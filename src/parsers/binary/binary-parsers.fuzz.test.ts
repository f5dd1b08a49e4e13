import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError, type CyclerParser } from '../cycler-parser.js';
import { newareNdaParser } from '../neware/nda.parser.js';
import { newareNdaxParser } from '../neware/ndax.parser.js';
import { biologicMprParser } from '../biologic/mpr.parser.js';
import { arbinResParser } from '../arbin/res.parser.js';
import { arbinXlsxParser } from '../arbin/xlsx.parser.js';

/** Deterministic pseudo-random mutations: truncation, flipped bytes, inserted garbage. */
function mutations(original: Uint8Array, count: number): Uint8Array[] {
  let seed = 20261125;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const out: Uint8Array[] = [new Uint8Array(0), original.subarray(0, 10)];
  for (let k = 0; k < count; k++) {
    const b = original.slice();
    if (k % 3 === 0) {
      out.push(b.subarray(0, Math.floor(rnd() * b.length)));
    } else if (k % 3 === 1) {
      for (let j = 0; j < 20; j++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
      out.push(b);
    } else {
      const at = Math.floor(rnd() * b.length);
      const garbage = Uint8Array.from({ length: 200 }, () => Math.floor(rnd() * 256));
      const grown = new Uint8Array(b.length + garbage.length);
      grown.set(b.subarray(0, at));
      grown.set(garbage, at);
      grown.set(b.subarray(at), at + garbage.length);
      out.push(grown);
    }
  }
  return out;
}

const cases: [CyclerParser, string][] = [
  [newareNdaParser, 'neware/new_nda_file.nda'],
  [newareNdaParser, 'neware/TestFile.nda'],
  [newareNdaxParser, 'neware/test.ndax'],
  [newareNdaxParser, 'neware/123456789012_Unit27_Example_Data_File.ndax'],
  [biologicMprParser, 'biologic/GCPL-0.mpr'],
  [biologicMprParser, 'biologic/00_test_04_MB_C01.mpr'],
  [arbinResParser, 'arbin/mits7-0.res.gz'],
  [arbinXlsxParser, 'arbin/mock_data_001.xlsx'],
];

describe('binary parsers on damaged input', () => {
  for (const [parser, file] of cases) {
    it(`${parser.name}: every mutation of ${file} ends in a result or a ParseError`, async () => {
      const original = new Uint8Array(readFileSync(`../shared/fixtures/${file}`));
      for (const bytes of mutations(original, 30)) {
        try {
          const r = await parser.parse({ fileName: file.split('/')[1], bytes });
          expect(r.rows).toBe(r.columns[0]?.values.length ?? 0);
          for (const c of r.columns) expect(c.values.length).toBe(r.rows);
        } catch (e) {
          expect(e).toBeInstanceOf(ParseError);
        }
      }
    });
  }
});
