import { describe, expect, it } from 'vitest';
import { createRng, fuzzTargets, runCase, type CaseResult } from './corruption-fuzz.fixture.js';

// Issue 17. CI variant: FUZZ_BINARY_CASES damaged copies of each fixture (default 12), seeded by
// FUZZ_BINARY_SEED; bench/binary-corruption.ts runs 10,000+ per format and counts the outcomes.
const cases = Number(process.env.FUZZ_BINARY_CASES ?? 12);
const seed = Number(process.env.FUZZ_BINARY_SEED ?? 20261207);
// A hang detector, not a benchmark: the largest fixture here parses in well under a second.
const limitMs = 10_000;

const byFormat = new Map<string, ReturnType<typeof fuzzTargets>>();
for (const t of fuzzTargets(true)) byFormat.set(t.format, [...(byFormat.get(t.format) ?? []), t]);

describe('binary parsers on damaged files: a ParseError or a warned prefix, never silent garbage', () => {
  for (const [format, targets] of byFormat) {
    it(`${format}: truncated, flipped, spliced, overwritten and repeated bytes`, async () => {
      const failures: CaseResult[] = [];
      for (const [k, t] of targets.entries()) {
        const original = await t.parser.parse({ fileName: t.fileName, bytes: t.bytes });
        const rand = createRng(seed + k);
        for (let i = 0; i < cases; i++) {
          const r = await runCase(t, original, rand, limitMs, `seed ${seed + k} case ${i}:`);
          // A cut exactly between two records of a format with no count or end marker (.nda v29)
          // cannot be told from a whole file; everything else must be caught.
          const undetectable = r.outcome === 'prefix-silent' && t.file.endsWith('new_nda_file.nda');
          if (r.failed && !undetectable) failures.push(r);
        }
      }
      expect(failures.map((f) => `${f.outcome}: ${f.label} ${f.detail ?? ''}`)).toEqual([]);
    }, 120_000);
  }
});
