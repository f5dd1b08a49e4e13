import { unzipSync, zipSync } from 'fflate';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { AppError } from '../../domain/errors.js';
import { ParseError, type CyclerParser, type ParseResult } from '../cycler-parser.js';
import { arbinResParser } from '../arbin/res.parser.js';
import { biologicMprParser } from '../biologic/mpr.parser.js';
import { newareNdaParser } from '../neware/nda.parser.js';
import { newareNdaxParser } from '../neware/ndax.parser.js';
import { findImplausibleValue } from './plausible-prefix.js';

/**
 * Seeded mutation fuzzing of the binary parsers over the shared fixtures (issue 17), shared by
 * binary-corruption.fuzz.test.ts (a few cases in CI) and bench/binary-corruption.ts (10,000+).
 */

/** Deterministic PRNG (mulberry32) so every case can be regenerated from the seed. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type MutationKind = 'truncate' | 'flip' | 'splice' | 'overwrite' | 'repeat';
const KINDS: MutationKind[] = ['truncate', 'flip', 'splice', 'overwrite', 'repeat'];

/** One damaged copy of `bytes`: cut, 1-8 bytes flipped, 1 B-4 KiB random bytes inserted or written over, a block repeated. */
export function mutate(bytes: Uint8Array, rand: () => number, kind = KINDS[Math.floor(rand() * KINDS.length)]): { kind: MutationKind; bytes: Uint8Array; at: number } {
  const at = Math.floor(rand() * bytes.length);
  const junk = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
  const join = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) (out.set(p, o), (o += p.length));
    return out;
  };
  const size = 1 + Math.floor(rand() ** 2 * 4096);
  if (kind === 'truncate') return { kind, bytes: bytes.slice(0, at), at };
  if (kind === 'flip') {
    const b = bytes.slice();
    const n = 1 + Math.floor(rand() * 8);
    for (let k = 0; k < n; k++) b[k === 0 ? at : Math.floor(rand() * b.length)] ^= 1 + Math.floor(rand() * 255);
    return { kind, bytes: b, at };
  }
  if (kind === 'splice') return { kind, bytes: join(bytes.subarray(0, at), junk(size), bytes.subarray(at)), at };
  if (kind === 'overwrite') {
    const b = bytes.slice();
    b.set(junk(Math.min(size, b.length - at)), at);
    return { kind, bytes: b, at };
  }
  const end = Math.min(bytes.length, at + size);
  return { kind, bytes: join(bytes.subarray(0, end), bytes.subarray(at, end), bytes.subarray(end)), at };
}

/** A fixture of one binary format; `inner` names a zip entry to damage (re-zipped, so its CRC is valid). */
export interface FuzzTarget {
  format: string;
  parser: CyclerParser;
  file: string;
  fileName: string;
  bytes: Uint8Array;
  inner?: string;
}

function load(path: string): Uint8Array {
  const bytes = new Uint8Array(readFileSync(`../shared/fixtures/${path}`));
  return path.endsWith('.gz') ? new Uint8Array(gunzipSync(bytes)) : bytes;
}

const target = (parser: CyclerParser, file: string, inner?: string): FuzzTarget => ({
  format: parser.name,
  parser,
  file,
  fileName: file.split('/').pop()!.replace(/\.gz$/, ''),
  bytes: load(file),
  inner,
});

/** Fixtures per binary format: small ones for CI (`quick`), all the stated ones for the bench. */
export function fuzzTargets(quick: boolean): FuzzTarget[] {
  const t: FuzzTarget[] = [
    target(newareNdaParser, 'neware/new_nda_file.nda'),
    target(newareNdaParser, 'neware/TestFile.nda'),
    target(newareNdaxParser, 'neware/test.ndax'),
    target(newareNdaxParser, 'neware/test.ndax', 'data.ndc'),
    target(newareNdaxParser, 'neware/123456789012_Unit27_Example_Data_File.ndax', 'data_runInfo.ndc'),
    target(newareNdaxParser, 'neware/ZZZZZZZZTEST.ndax', 'data.ndc'),
    target(biologicMprParser, 'biologic/GCPL-0.mpr'),
    target(biologicMprParser, 'biologic/MB-1.mpr'),
    target(biologicMprParser, 'biologic/00_test_04_MB_C01.mpr'),
    target(arbinResParser, 'arbin/mits7-0.res.gz'),
  ];
  if (!quick) t.push(target(biologicMprParser, 'biologic/biol.mpr'), target(arbinResParser, 'arbin/aux_one_x_dx.res'));
  return t;
}

const unzipped = new WeakMap<FuzzTarget, ReturnType<typeof unzipSync>>();

function damage(t: FuzzTarget, rand: () => number): { kind: MutationKind; bytes: Uint8Array; at: number } {
  if (!t.inner) return mutate(t.bytes, rand);
  const entries = unzipped.get(t) ?? unzipSync(t.bytes);
  unzipped.set(t, entries);
  const m = mutate(entries[t.inner], rand);
  // Stored, not deflated: the parser reads the same entries, and the fuzz runs 10x faster.
  return { ...m, bytes: zipSync({ ...entries, [t.inner]: new Uint8Array(m.bytes) }, { level: 0 }) };
}

export type Outcome = 'error' | 'identical' | 'prefix-warned' | 'altered-warned' | 'altered-silent';
export type Failure = 'crash' | 'slow' | 'non-finite' | 'implausible-silent' | 'prefix-silent';

export interface CaseResult {
  label: string;
  outcome: Outcome | Failure;
  failed: boolean;
  detail?: string;
  ms: number;
}

/** Values of the columns both results have, row by row, over the mutated result's rows. */
function samePrefix(original: ParseResult, r: ParseResult): boolean {
  if (r.rows > original.rows) return false;
  for (const c of r.columns) {
    const o = original.columns.find((x) => x.name === c.name);
    if (!o) continue;
    for (let i = 0; i < r.rows; i++) if (!Object.is(c.values[i], o.values[i])) return false;
  }
  return true;
}

/** ±Infinity anywhere; NaN (= missing) only where the intact file has gaps too, or with a warning. */
function nonFinite(original: ParseResult, r: ParseResult, warned: boolean): string | null {
  for (const c of r.columns) {
    const o = original.columns.find((x) => x.name === c.name);
    const nanOk = warned || !o || o.values.some(Number.isNaN);
    for (const v of c.values) if (v === Infinity || v === -Infinity || (!nanOk && Number.isNaN(v))) return `${c.name} = ${v}`;
  }
  return null;
}

/** Classifies what the parser made of one damaged file, against the intact file's result. */
export async function runCase(t: FuzzTarget, original: ParseResult, rand: () => number, limitMs: number, label: string): Promise<CaseResult> {
  const m = damage(t, rand);
  const name = `${label} ${t.file}${t.inner ? `:${t.inner}` : ''} ${m.kind}@${m.at}`;
  const started = performance.now();
  let r: ParseResult;
  try {
    r = await t.parser.parse({ fileName: t.fileName, bytes: m.bytes });
  } catch (e) {
    const ms = performance.now() - started;
    const known = e instanceof ParseError || (e instanceof AppError && e.code === 'UNSUPPORTED_FORMAT');
    if (!known) return { label: name, outcome: 'crash', failed: true, detail: String((e as Error).stack ?? e), ms };
    return { label: name, outcome: ms > limitMs ? 'slow' : 'error', failed: ms > limitMs, ms };
  }
  const ms = performance.now() - started;
  if (ms > limitMs) return { label: name, outcome: 'slow', failed: true, ms };
  const warned = r.warnings.length > original.warnings.length || r.warnings.some((w) => w.code === 'TRUNCATED' || w.code === 'CORRUPT_RECORDS');
  const bad = nonFinite(original, r, warned);
  if (bad) return { label: name, outcome: 'non-finite', failed: true, detail: bad, ms };
  const implausible = findImplausibleValue({ format: t.format, fileName: t.fileName, byteOf: () => undefined, allowsMissing: () => true }, r.columns, r.rows);
  if (implausible && !warned) return { label: name, outcome: 'implausible-silent', failed: true, detail: `${implausible.column} = ${implausible.value} at row ${implausible.row}`, ms };
  const prefix = samePrefix(original, r);
  if (prefix && r.rows === original.rows) return { label: name, outcome: 'identical', failed: false, ms };
  if (prefix) return warned ? { label: name, outcome: 'prefix-warned', failed: false, ms } : { label: name, outcome: 'prefix-silent', failed: true, detail: `${r.rows} of ${original.rows} rows`, ms };
  return { label: name, outcome: warned ? 'altered-warned' : 'altered-silent', failed: false, ms };
}
