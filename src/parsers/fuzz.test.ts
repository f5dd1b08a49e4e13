import { createRng } from './binary/corruption-fuzz.fixture.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.js';
import { ParseError } from './cycler-parser.js';
import { parseFile } from './parse-file.js';
import { parsers } from './registry.js';
import { makeZipBomb } from './zip-bomb.fixture.js';

/** Small real files covering every vendor family (read in place). */
const FIXTURES = [
  'arbin/sample_data_arbin.csv', 'arbin/arbin.csv', 'arbin/mits7-0.res.gz', 'biologic/GCPL-0.mpr', 'biologic/MB-1.mpr',
  'biologic/Sample_data_biologic_no_header.mpt', 'biologic/biologic_example_Ewe.tsv', 'biologic/sample_settings.mps',
  'neware/filetype14-0.ndax', 'neware/new_nda_file.nda', 'maccor/maccor_example.001', 'maccor/sample_data_maccor.csv',
  'maccor/maccor_example.xls', 'pec/Test25195.csv', 'novonix/sample_data_novonix.csv', 'basytec/sample_data_basytec.txt',
  'batteryarchive/CALCE_CX2-33_prism_LCO_25C_0-100_0.5-0.5C_d_timeseries.csv', 'arbin/mock_data_001.xlsx',
];


interface Case { label: string; fileName: string; bytes: Uint8Array; format?: string }

function mutations(path: string, bytes: Uint8Array, rand: () => number): Case[] {
  const name = path.split('/').pop()!;
  const at = () => Math.floor(rand() * bytes.length);
  const flipped = (n: number) => { const b = bytes.slice(); for (let k = 0; k < n; k++) b[at()] ^= 1 << Math.floor(rand() * 8); return b; };
  const inserted = () => { const pos = at(); const junk = Uint8Array.from({ length: 1024 }, () => Math.floor(rand() * 256)); const b = new Uint8Array(bytes.length + junk.length); b.set(bytes.subarray(0, pos)); b.set(junk, pos); b.set(bytes.subarray(pos), pos + junk.length); return b; };
  return [
    { label: `${path} truncated`, fileName: name, bytes: bytes.subarray(0, at()) },
    { label: `${path} truncated to 100 bytes`, fileName: name, bytes: bytes.subarray(0, 100) },
    { label: `${path} 1 flipped bit`, fileName: name, bytes: flipped(1) },
    { label: `${path} 32 flipped bits`, fileName: name, bytes: flipped(32) },
    { label: `${path} garbage inserted`, fileName: name, bytes: inserted() },
    { label: `${path} renamed .ndax`, fileName: name.replace(/(\.[^.]+)+$/, '') + '.ndax', bytes },
    { label: `${path} renamed .mpr`, fileName: name.replace(/(\.[^.]+)+$/, '') + '.mpr', bytes },
  ];
}

/** Every input must end in a result or a ParseError / UnsupportedFormatError, quickly. */
async function run(c: Case, crashes: string[]): Promise<void> {
  const started = performance.now();
  try {
    const { result, cycles } = await parseFile({ fileName: c.fileName, bytes: c.bytes, format: c.format });
    expect(result.rows, c.label).toBeGreaterThanOrEqual(0);
    expect(Array.isArray(cycles)).toBe(true);
  } catch (err) {
    const known = err instanceof ParseError || (err instanceof AppError && ['UNSUPPORTED_FORMAT', 'VALIDATION'].includes(err.code));
    expect(known, `${c.label}: ${String(err)}`).toBe(true);
    if (err instanceof ParseError && err.message.includes('parser failed:')) crashes.push(`${c.label} [${err.format}]: ${err.message}`);
  }
  // A hang detector, not a benchmark: generous for a loaded 2-core machine.
  expect(performance.now() - started, c.label).toBeLessThan(30_000);
  expect(process.memoryUsage().rss, c.label).toBeLessThan(3 * 1024 ** 3);
}

describe('fuzz: every input ends in a result or a clear error', () => {
  const rand = createRng(20261125);

  it('mutated real fixtures', async () => {
    const crashes: string[] = [];
    for (const path of FIXTURES) {
      const bytes = new Uint8Array(readFileSync(`../shared/fixtures/${path}`));
      for (const c of mutations(path, bytes, rand)) await run(c, crashes);
    }
    // Unexpected exceptions inside parsers surface as 'parser failed' ParseErrors; list them for their owners.
    if (crashes.length > 0) console.log(`parser crashes wrapped as ParseError:\n${crashes.join('\n')}`);
  }, 300_000);

  it('empty, garbage and endless-line inputs for every registered parser', async () => {
    const crashes: string[] = [];
    const garbage = Uint8Array.from({ length: 4096 }, () => Math.floor(rand() * 256));
    const endless = new Uint8Array(8 << 20).fill(0x41);
    for (const p of parsers) {
      const ext = p.extensions[0] ?? '.dat';
      await run({ label: `${p.name} empty`, fileName: `empty${ext}`, bytes: new Uint8Array(0), format: p.name }, crashes);
      await run({ label: `${p.name} garbage`, fileName: `garbage${ext}`, bytes: garbage, format: p.name }, crashes);
      await run({ label: `${p.name} 8 MB line`, fileName: `line${ext}`, bytes: endless, format: p.name }, crashes);
    }
    for (const name of ['empty.csv', 'empty.ndax', 'empty.res']) await run({ label: name, fileName: name, bytes: new Uint8Array(0) }, crashes);
    if (crashes.length > 0) console.log(`parser crashes wrapped as ParseError:\n${crashes.join('\n')}`);
  }, 300_000);

  it('a 50 MB line without a newline, detected by extension', async () => {
    const endless = new Uint8Array(50 << 20).fill(0x31); // '1111…': looks numeric to a sniffing reader
    for (const name of ['line.csv', 'line.txt', 'line.mpt']) await run({ label: name, fileName: name, bytes: endless }, []);
  }, 300_000);

  it('zip bombs named .ndax (honest and lying headers)', async () => {
    for (const lie of [false, true]) {
      const bytes = makeZipBomb(4, { lieAboutSize: lie });
      expect(bytes.length).toBeLessThan(20 << 20);
      await run({ label: `zip bomb (lie=${lie})`, fileName: 'bomb.ndax', bytes }, []);
    }
  }, 120_000);

  it('a gzip bomb named .res.gz stops at the size limit', async () => {
    const { gzipSync } = await import('node:zlib');
    // 1.5 GiB of zeros would be too slow to build here; the limit is checked with a 64 MiB body and a 16 MiB cap.
    const { gunzipFile } = await import('./gunzip.js');
    const small = gzipSync(new Uint8Array(64 << 20));
    expect(() => gunzipFile('x.res.gz', small, 16 << 20)).toThrow(ParseError);
  });
});
