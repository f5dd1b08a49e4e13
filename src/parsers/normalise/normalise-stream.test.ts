import { describe, expect, it } from 'vitest';
import { fixtureLoader } from '../../../tests/setup/parser-golden.js';
import { syntheticExport } from '../../../tests/setup/synthetic-export.js';
import { CanonicalColumn as C } from '../../domain/canonical-columns.js';
import { arbinCsvParser } from '../arbin/arbin-csv.parser.js';
import { arbinResParser } from '../arbin/res.parser.js';
import { bdfCsvParser } from '../bdf/bdf-csv.parser.js';
import { biologicMprParser } from '../biologic/mpr.parser.js';
import { biologicMptParser } from '../biologic/mpt.parser.js';
import type { CounterMode, CyclerParser, ParsedColumn, ParseResult } from '../cycler-parser.js';
import { maccorTextParser } from '../maccor/maccor-text.parser.js';
import { newareXlsParser } from '../neware/bts-xls.parser.js';
import { newareCsvParser } from '../neware/btsda-csv.parser.js';
import { newareNdaxParser } from '../neware/ndax.parser.js';
import { novonixParser } from '../novonix/novonix.parser.js';
import { findValues } from './columns.js';
import { restThresholdA } from './direction.js';
import { normalise } from './normalise.js';
import { decodeCheckpoint, encodeCheckpoint } from './normalise-checkpoint.js';
import { OriginalTimeColumn } from './normalise-plan.js';
import { NormaliseStream, type NormalisedBlock } from './normalise-stream.js';

/** Deterministic batch sizes drawn from `choices` (mulberry32). */
function batchSizes(choices: number[], seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return choices[(((t ^ (t >>> 14)) >>> 0) % choices.length)];
  };
}

function stream(raw: ParseResult, nextSize: () => number) {
  const s = new NormaliseStream({
    format: raw.format, fileName: 'f', counters: raw.counters,
    columns: raw.columns.map(({ values: _values, ...descriptor }) => descriptor),
    restThresholdA: restThresholdA(raw.columns.find((c) => c.name === C.Current)!.values),
    present: new Set(raw.columns.filter((c) => findValues(raw, c.name)).map((c) => c.name)),
    warnings: raw.warnings,
  });
  const blocks: NormalisedBlock[] = [];
  for (let at = 0; at < raw.rows;) {
    const n = Math.min(nextSize(), raw.rows - at);
    const block = s.push(raw.columns.map((c) => c.values.slice(at, at + n)));
    if (block) blocks.push(block);
    at += n;
  }
  const last = s.finish();
  if (last) blocks.push(last);
  return { blocks, columns: s.columns, warnings: s.warnings, timeResets: s.timeResets };
}

function concatenated(blocks: NormalisedBlock[], k: number, rows: number): Float64Array {
  const out = new Float64Array(rows);
  for (const b of blocks) out.set(b.columns[k].values, b.firstRow);
  return out;
}

/** First row where the two columns differ in any bit (-1: none). */
function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  const x = new BigInt64Array(a.buffer, a.byteOffset, a.length);
  const y = new BigInt64Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}

/** Streams `raw` in several batch splits and checks the blocks against normalise(). */
function expectStreamMatches(raw: ParseResult): void {
  const whole = normalise(raw, 'f');
  const splits = [[raw.rows], [1, 7, 1000], [2, 3, 64, 4099, 65536]];
  if (raw.rows <= 20_000) splits.push([1]);
  splits.forEach((choices, seed) => {
    const s = stream(raw, batchSizes(choices, seed + 1));
    const kept = s.columns.map((c, k) => ({ c, k })).filter(({ c }) => s.timeResets > 0 || c.name !== OriginalTimeColumn);
    expect(kept.map(({ c }) => c)).toEqual(whole.columns.map(({ values: _values, ...descriptor }) => descriptor));
    expect(s.warnings).toEqual(whole.warnings);
    let next = 0;
    for (const b of s.blocks) {
      expect(b.firstRow).toBe(next);
      expect(b.columns.map(({ values: _values, ...descriptor }) => descriptor)).toEqual(s.columns);
      for (const c of b.columns) expect(c.values.length).toBe(b.rows);
      next += b.rows;
    }
    expect(next).toBe(raw.rows);
    const differences = kept.map(({ c, k }) => ({ column: c.name, row: firstDifference(concatenated(s.blocks, k, raw.rows), whole.columns.find((w) => w.name === c.name)!.values) }));
    expect(differences.filter((d) => d.row >= 0), `split ${choices}`).toEqual([]);
    const cycle = whole.columns.find((c) => c.name === C.CycleCount)!.values;
    for (const b of s.blocks.slice(1)) expect(cycle[b.firstRow], `block at row ${b.firstRow}`).toBeGreaterThan(cycle[b.firstRow - 1]);
  });
}

const parseFixture = async (parser: CyclerParser, vendor: string, name: string) => parser.parse({ fileName: name, bytes: fixtureLoader(vendor)(name) });

/** A synthetic BioLogic export without (Q-Qo), so the parser declares 'per-half-cycle' counters. */
function halfCycleMpt(): { fileName: string; bytes: Uint8Array } {
  const { fileName, bytes } = syntheticExport('biologic-mpt', 'synth.mpt', 24_000);
  const lines = new TextDecoder('latin1').decode(bytes).split('\n');
  const header = lines.findIndex((l) => l.startsWith('mode\t'));
  const drop = lines[header].split('\t').indexOf('(Q-Qo)/mA.h');
  const text = lines.map((l, i) => (i < header || l === '' ? l : l.split('\t').filter((_, k) => k !== drop).join('\t'))).join('\n');
  return { fileName, bytes: new Uint8Array(Buffer.from(text, 'latin1')) };
}

const col = (name: string, values: ArrayLike<number>): ParsedColumn => ({ name, unit: name.split(' / ')[1] ?? null, originalName: name, originalUnit: null, values: Float64Array.from(values) });

/**
 * ~15 cycles of charge / rest / discharge / rest with noise; time missing for the first cycle and a
 * half, going backwards twice and missing now and then; an empty vendor cycle column.
 */
function syntheticRows(counters: { capacity: CounterMode; energy: CounterMode }, timeColumn: string): ParseResult {
  const rows = 5200;
  const t: number[] = [], i: number[] = [], v: number[] = [], chg: number[] = [], dch: number[] = [];
  let time = 100, q = 0, qc = 0, qd = 0;
  for (let k = 0; k < rows; k++) {
    const phase = k % 340;
    const current = phase < 150 ? 1 + 0.001 * (k % 7) : phase < 170 ? 0 : phase < 320 ? -0.5 : 0.00001;
    time += k === 2000 || k === 4100 ? -3000 : 1;
    q += current / 3600;
    if (current > 0) qc += current / 3600; else qd -= current / 3600;
    t.push(k < 510 || k % 97 === 5 ? NaN : time);
    i.push(current);
    v.push(3.6 + q);
    chg.push(qc);
    dch.push(qd);
  }
  const columns = [col(timeColumn, t), col(C.Voltage, v), col(C.Current, i), col(C.CycleVendor, t.map(() => NaN)), col(C.ChargingCapacity, chg), col(C.DischargingCapacity, dch)];
  return { format: 'synthetic', parserVersion: '1', rows, columns, metadata: {}, warnings: [{ code: 'parser-warning', message: 'kept' }], counters };
}

describe('NormaliseStream gives normalise() bit for bit, in blocks of whole cycles', () => {
  const cases: [string, () => Promise<ParseResult>][] = [
    ['Arbin CSV (per-cycle counters, vendor cycles)', () => parseFixture(arbinCsvParser, 'arbin', 'arbin_example.csv')],
    ['Arbin CSV with an empty cycle column (cycles from current)', () => parseFixture(arbinCsvParser, 'arbin', '2017-05-09_test-TC-contact_CH33.csv')],
    ['Arbin .res (18 cycles)', () => parseFixture(arbinResParser, 'arbin', '20160805_test001_45_cc_01.res')],
    ['BioLogic .mpr without a cycle column (63 cycles, signed-net)', () => parseFixture(biologicMprParser, 'biologic', 'biol.mpr')],
    ['BioLogic .mpt with per-half-cycle counters', () => biologicMptParser.parse(halfCycleMpt())],
    ['Neware CSV (per-step, 20 cycles)', () => parseFixture(newareCsvParser, 'neware', 'nw_regular_export_ife_example.csv')],
    ['Neware .ndax (per-step, 108k rows)', () => parseFixture(newareNdaxParser, 'neware', 'test_2.ndax')],
    ['Neware .xls without step index', () => parseFixture(newareXlsParser, 'neware', 'custom_data_003.xls')],
    ['Novonix (signed-net)', () => parseFixture(novonixParser, 'novonix', 'sample_data_novonix.csv')],
    ['Maccor (per-step)', () => parseFixture(maccorTextParser, 'maccor', 'maccor_002.txt')],
    ['Maccor without counters (COUNTERS_MISSING)', () => parseFixture(maccorTextParser, 'maccor', 'maccor_two.txt')],
    ['BDF CSV (109 cycles)', () => parseFixture(bdfCsvParser, 'bdf', 'batmo_bdf.csv')],
  ];
  for (const [label, parse] of cases) it(label, async () => expectStreamMatches(await parse()));

  it('synthetic: time backwards and missing (also before the first cycle ends), empty vendor cycles, running totals', () => {
    const raw = syntheticRows({ capacity: 'running-total', energy: 'per-half-cycle' }, C.TestTime);
    const whole = normalise(raw, 'f');
    expect(whole.warnings.map((w) => w.code)).toEqual(['parser-warning', 'TIME_NOT_MONOTONIC', 'TIME_MISSING', 'COUNTERS_MISSING']);
    expect(whole.columns.find((c) => c.name === C.CycleCount)!.values.at(-1)).toBeGreaterThan(10);
    expectStreamMatches(raw);
  });

  it('synthetic: time from Unix Time only, per-half-cycle counters', () => {
    expectStreamMatches(syntheticRows({ capacity: 'per-half-cycle', energy: 'none' }, C.UnixTime));
  });

  it('holds no more than the cycle in progress and a batch once time is known', () => {
    const raw = syntheticRows({ capacity: 'none', energy: 'none' }, C.TestTime);
    const s = stream(raw, () => 100);
    expect(Math.max(...s.blocks.map((b) => b.rows))).toBeLessThanOrEqual(680 + 100);
    expect(s.timeResets).toBe(2);
  });
});

/**
 * A stream over the rows up to each cut, checkpointed, then a new stream from that checkpoint with the
 * rest (rows appended to the file later): their blocks joined are normalise()'s rows bit for bit.
 * The whole-file facts (rest threshold, columns with values) are the whole file's here; the ingest
 * checks that the appended rows change none of them, else it parses the file again whole.
 */
function expectCheckpointMatches(raw: ParseResult): void {
  const whole = normalise(raw, 'f');
  const options = {
    format: raw.format, fileName: 'f', counters: raw.counters,
    columns: raw.columns.map(({ values: _values, ...descriptor }) => descriptor),
    restThresholdA: restThresholdA(raw.columns.find((c) => c.name === C.Current)!.values),
    present: new Set(raw.columns.filter((c) => findValues(raw, c.name)).map((c) => c.name)),
    warnings: raw.warnings,
  };
  for (const fraction of [0.013, 0.37, 0.81, 0.999]) {
    const cut = Math.max(1, Math.min(raw.rows - 1, Math.round(raw.rows * fraction)));
    const blocks: NormalisedBlock[] = [];
    const keep = (b: NormalisedBlock | null) => b && blocks.push(b);
    const head = new NormaliseStream(options);
    keep(head.push(raw.columns.map((c) => c.values.slice(0, cut))));
    // Through the stored form (JSON and bytes), as the ingest keeps it between two appends.
    const checkpoint = decodeCheckpoint(encodeCheckpoint(head.checkpoint()));
    const rest = new NormaliseStream({ ...options, checkpoint });
    keep(rest.push(raw.columns.map((c) => c.values.slice(cut))));
    keep(rest.finish());
    const kept = rest.columns.map((c, k) => ({ c, k })).filter(({ c }) => rest.timeResets > 0 || c.name !== OriginalTimeColumn);
    expect(kept.map(({ c }) => c.name)).toEqual(whole.columns.map((c) => c.name));
    expect(rest.warnings).toEqual(whole.warnings);
    const differences = kept.map(({ c, k }) => ({ column: c.name, row: firstDifference(concatenated(blocks, k, raw.rows), whole.columns.find((w) => w.name === c.name)!.values) }));
    expect(differences.filter((d) => d.row >= 0), `cut at row ${cut}`).toEqual([]);
  }
}

describe('NormaliseStream checkpointed part way and resumed with the rest gives normalise() bit for bit', () => {
  const cases: [string, () => Promise<ParseResult>][] = [
    ['Arbin CSV', () => parseFixture(arbinCsvParser, 'arbin', 'arbin_example.csv')],
    ['BioLogic .mpt, per-half-cycle counters', () => biologicMptParser.parse(halfCycleMpt())],
    ['Neware CSV (per-step)', () => parseFixture(newareCsvParser, 'neware', 'nw_regular_export_ife_example.csv')],
    ['Maccor (per-step)', () => parseFixture(maccorTextParser, 'maccor', 'maccor_002.txt')],
    ['BioLogic .mpr, cycles from current, signed-net', () => parseFixture(biologicMprParser, 'biologic', 'biol.mpr')],
    ['Neware .ndax (per-step, 108k rows)', () => parseFixture(newareNdaxParser, 'neware', 'test_2.ndax')],
    ['BDF CSV', () => parseFixture(bdfCsvParser, 'bdf', 'batmo_bdf.csv')],
  ];
  for (const [label, parse] of cases) it(label, async () => expectCheckpointMatches(await parse()));

  it('synthetic: time backwards and missing, running totals', () => expectCheckpointMatches(syntheticRows({ capacity: 'running-total', energy: 'per-half-cycle' }, C.TestTime)));
  it('synthetic: time from Unix Time, per-half-cycle counters', () => expectCheckpointMatches(syntheticRows({ capacity: 'per-half-cycle', energy: 'none' }, C.UnixTime)));
});
