/**
 * Seeded mutation fuzzing of the binary parsers (issue 17): CASES damaged files per format (default
 * 10,000, spread over the format's fixtures), counted per outcome. Not a speed measurement.
 * Run: sh bench/series-run.sh bench/binary-corruption.ts  (CASES=…, SEED=…, FORMATS=neware-nda,biologic-mpr, FULL=1 adds the big fixtures)
 */
import { createRng, fuzzTargets, runCase, type CaseResult } from '../src/parsers/binary/corruption-fuzz.fixture.js';

const cases = Number(process.env.CASES ?? 10_000);
const seed = Number(process.env.SEED ?? 1);
const only = process.env.FORMATS?.split(',');
const limitMs = 10_000;

const targets = fuzzTargets(process.env.FULL !== '1').filter((t) => !only || only.includes(t.format));
const formats = [...new Set(targets.map((t) => t.format))];
for (const format of formats) {
  const mine = targets.filter((t) => t.format === format);
  const counts = new Map<string, number>();
  const failures: CaseResult[] = [];
  let slowest = 0;
  const started = performance.now();
  for (const [k, t] of mine.entries()) {
    const original = await t.parser.parse({ fileName: t.fileName, bytes: t.bytes });
    const rand = createRng(seed * 1000 + k);
    const n = Math.ceil(cases / mine.length);
    for (let i = 0; i < n; i++) {
      const r = await runCase(t, original, rand, limitMs, `seed ${seed * 1000 + k} case ${i}:`);
      const key = r.outcome === 'prefix-silent' || r.outcome === 'altered-silent' ? `${r.outcome} (${t.file.split('/')[1]})` : r.outcome;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      slowest = Math.max(slowest, r.ms);
      if (r.failed && failures.length < 5) failures.push(r);
    }
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const list = [...counts].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`${format}: ${total} cases in ${((performance.now() - started) / 1000).toFixed(0)} s, slowest ${slowest.toFixed(0)} ms — ${list}`);
  for (const f of failures) console.log(`  FAIL ${f.outcome}: ${f.label} ${f.detail?.split('\n')[0] ?? ''}`);
}
