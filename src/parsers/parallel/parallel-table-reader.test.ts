import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arbinCsvParser } from '../arbin/arbin-csv.parser.js';
import { ParseError } from '../cycler-parser.js';
import { parseFile } from '../parse-file.js';
import type { ParseResult } from '../cycler-parser.js';
import { splitRowRanges } from '../common/table-ranges.js';
import { readTable } from '../common/table-reader.js';
import type { ReadTableOptions, TableReader } from '../common/table-reader.js';
import { fieldReaderFactories, fromFieldSpecs, toFieldSpecs } from './field-readers.js';
import { createParallelTableReader } from './parallel-table-reader.js';
import { createTableWorkerPool } from './table-worker-pool.js';
import type { TableWorkerPool } from './table-worker-pool.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Exact equality of two columns, NaN payloads and -0 included. */
const bitsOf = (v: Float64Array): Uint8Array => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);

/**
 * A small Arbin CSV with everything that makes cutting rows hard: CRLF and LF lines, blank lines,
 * quoted numbers, a quoted text cell holding a comma, a line feed and an escaped quote, short
 * rows, missing tokens and a final line without a line feed.
 */
function awkwardArbinCsv(rows: number, opts: { badLine?: number; multilineCells?: boolean } = {}): string {
  const header = 'Data_Point,Test_Time(s),Date_Time,Step_Index,Cycle_Index,Current(A),Voltage(V),Charge_Capacity(Ah),Discharge_Capacity(Ah),Note\r\n';
  let body = '';
  for (let i = 1; i <= rows; i++) {
    const t = i * 1.5;
    const current = i % 40 < 20 ? 1.25 : -0.75;
    const date = `2024-01-15 ${String(9 + Math.floor(t / 3600)).padStart(2, '0')}:${String(Math.floor(t / 60) % 60).padStart(2, '0')}:${(t % 60).toFixed(3).padStart(6, '0')}`;
    const voltage = i % 97 === 0 ? '"3.70001"' : i % 89 === 0 ? 'n/a' : (3.5 + (i % 50) / 100).toFixed(6);
    const note = i % 7 === 0 ? `"rest, then${opts.multilineCells === false ? ' ' : '\n'}resume ""B"""` : i % 11 === 0 ? '' : 'ok';
    const eol = i % 3 === 0 ? '\n' : '\r\n';
    const step = Math.floor(i / 20) + 1;
    if (i % 53 === 0) { body += `${i},${t},${date},${step}${eol}`; continue; }
    const cap = (i % 20) * 0.001;
    const badVoltage = opts.badLine !== undefined && i === opts.badLine ? '3.7x' : voltage;
    body += `${i},${t},${date},${step},${Math.floor(i / 40) + 1},${current},${badVoltage},${current > 0 ? cap : 0},${current < 0 ? cap : 0},${note}${eol}`;
    if (i % 31 === 0) body += '\r\n';
  }
  return header + body.replace(/\r?\n$/, '');
}

let dir: string;
let workerUrl: URL;
const pools: TableWorkerPool[] = [];

beforeAll(async () => {
  // The worker runs compiled JavaScript; from the TypeScript sources, bundle it first.
  dir = mkdtempSync(join(tmpdir(), 'table-worker-'));
  const outfile = join(dir, 'table-worker.mjs');
  await build({ entryPoints: [new URL('./table-worker.ts', import.meta.url).pathname], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'warning' });
  workerUrl = pathToFileURL(outfile);
});

afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  rmSync(dir, { recursive: true, force: true });
});

function parallelReader(size: number): TableReader {
  const pool = createTableWorkerPool(workerUrl, size);
  pools.push(pool);
  return createParallelTableReader(pool, 1);
}

function expectSameColumns(a: ParseResult, b: ParseResult): void {
  expect(b.rows).toBe(a.rows);
  expect(b.columns.map((c) => c.name)).toEqual(a.columns.map((c) => c.name));
  a.columns.forEach((c, k) => expect(Buffer.compare(bitsOf(b.columns[k].values), bitsOf(c.values)), c.name).toBe(0));
  expect(b.warnings).toEqual(a.warnings);
}

describe('parallel table reader', () => {
  it('gives exactly the single-thread columns and warnings for 2 to 7 ranges cut anywhere', async () => {
    const bytes = enc(awkwardArbinCsv(3000));
    const single = await arbinCsvParser.parse({ fileName: 'awkward.csv', bytes });
    expect(single.warnings.map((w) => w.code)).toContain('short-rows');
    for (let size = 2; size <= 7; size++) {
      const parallel = await arbinCsvParser.parse({ fileName: 'awkward.csv', bytes, readTable: parallelReader(size) });
      expectSameColumns(single, parallel);
    }
  });

  it('reports a bad value in a later range with its absolute line number', async () => {
    const text = awkwardArbinCsv(3000, { badLine: 2500, multilineCells: false });
    const lineOfBad = text.split('\n').findIndex((l) => l.startsWith('2500,')) + 1;
    const bytes = enc(text);
    const single = await arbinCsvParser.parse({ fileName: 'bad.csv', bytes }).catch((e: unknown) => e);
    for (const size of [2, 3]) {
      const parallel = await arbinCsvParser.parse({ fileName: 'bad.csv', bytes, readTable: parallelReader(size) }).catch((e: unknown) => e);
      expect(parallel).toBeInstanceOf(ParseError);
      expect(parallel).toMatchObject({ line: lineOfBad, field: 'Voltage(V)' });
      expect((parallel as ParseError).message).toBe((single as ParseError).message);
    }
    expect(lineOfBad).toBeGreaterThan(2500);
  });

  it('gives the same columns when a worker is slow and this thread reads most ranges', async () => {
    const bytes = enc(awkwardArbinCsv(3000));
    const single = await arbinCsvParser.parse({ fileName: 'slow.csv', bytes });
    const pool = createTableWorkerPool(workerUrl, 1);
    pools.push(pool);
    const slow: TableWorkerPool = { ...pool, scan: async (...args) => { await new Promise((r) => setTimeout(r, 30)); return pool.scan(...args); } };
    const parallel = await arbinCsvParser.parse({ fileName: 'slow.csv', bytes, readTable: createParallelTableReader(slow, 1) });
    expectSameColumns(single, parallel);
  });

  it('fails the read when a worker fails', async () => {
    const broken: TableWorkerPool = { size: 2, scan: () => Promise.reject(new Error('worker died')), close: async () => {} };
    const bytes = enc(awkwardArbinCsv(3000));
    await expect(arbinCsvParser.parse({ fileName: 'x.csv', bytes, readTable: createParallelTableReader(broken, 1) })).rejects.toThrow('worker died');
  });

  it('reads small tables in the calling thread', async () => {
    const unused: TableWorkerPool = { size: 2, scan: () => Promise.reject(new Error('pool used')), close: async () => {} };
    const bytes = enc(awkwardArbinCsv(500));
    const r = await arbinCsvParser.parse({ fileName: 'small.csv', bytes, readTable: createParallelTableReader(unused) });
    expect(r.rows).toBe(500);
  });

  it('keeps a table whose field reader workers cannot rebuild in the calling thread', async () => {
    const unused: TableWorkerPool = { size: 2, scan: () => Promise.reject(new Error('pool used')), close: async () => {} };
    const bytes = enc('a,b\n1,x\n2,y\n3,z\n');
    const opts: ReadTableOptions = {
      format: 't', fileName: 't.csv', bytes, start: 4, firstLineNumber: 2, delimiter: 44, decimalComma: false,
      fields: [{ index: 0, name: 'a' }, { index: 1, name: 'b', read: (b, s) => b[s] - 119 }],
    };
    const r = await createParallelTableReader(unused, 1)(opts);
    expect(Array.from(r.columns[1])).toEqual(Array.from(readTable(opts).columns[1]));
    expect(toFieldSpecs(opts.fields)).toBeNull();
  });
});

/** Text fixtures of every vendor (binary formats never reach the table reader). */
function textFixtures(): string[] {
  const root = '../shared/fixtures';
  return readdirSync(root).filter((v) => statSync(`${root}/${v}`).isDirectory()).flatMap((v) => readdirSync(`${root}/${v}`)
    .filter((f) => /\.(csv|txt|tsv|mpt|\d{3})$/i.test(f) && statSync(`${root}/${v}/${f}`).size < 5_000_000)
    .map((f) => `${root}/${v}/${f}`));
}

describe('parallel table reader on the real fixtures', () => {
  it('parses every text fixture to the same columns (or the same error) as one thread', async () => {
    const files = textFixtures();
    expect(files.length).toBeGreaterThan(20);
    const inThread: TableReader = async (o) => readTable(o);
    const pool = createTableWorkerPool(workerUrl, 3);
    pools.push(pool);
    const formatsOnWorkers = new Set<string>();
    const parallel = createParallelTableReader({ ...pool, scan: (...args) => { formatsOnWorkers.add(currentFormat); return pool.scan(...args); } }, 1);
    let currentFormat = '';
    for (const path of files) {
      const input = { fileName: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(path)) };
      const one = await parseFile({ ...input, readTable: inThread }).catch((e: Error) => e);
      currentFormat = one instanceof Error ? '' : one.result.format;
      const many = await parseFile({ ...input, readTable: parallel }).catch((e: Error) => e);
      if (one instanceof Error) {
        expect((many as Error).message, path).toBe(one.message);
        continue;
      }
      expectSameColumns(one.result, (many as typeof one).result);
    }
    // Every parser on the shared table reader took the worker path on some fixture.
    expect([...formatsOnWorkers].sort()).toEqual(expect.arrayContaining(['arbin-csv', 'basytec-txt', 'biologic-mpt', 'maccor-txt', 'neware-csv', 'pec-csv']));
  });
});

describe('splitRowRanges', () => {
  it('cuts only after line feeds outside quoted cells and covers every byte once', () => {
    const text = 'x,"a\nb\nc\nd\ne\nf"\n1,2\n3,"4\n5"\n6,7';
    const bytes = enc(text);
    for (let parts = 2; parts <= 8; parts++) {
      const ranges = splitRowRanges(bytes, 0, bytes.length, parts);
      expect(ranges[0].start).toBe(0);
      expect(ranges.at(-1)!.end).toBe(bytes.length);
      for (let k = 1; k < ranges.length; k++) {
        expect(ranges[k].start).toBe(ranges[k - 1].end);
        const before = text.slice(0, ranges[k].start);
        expect(before.endsWith('\n')).toBe(true);
        expect((before.match(/"/g) ?? []).length % 2).toBe(0);
      }
    }
  });

  it('gives one range when no line feed is outside quotes', () => {
    const bytes = enc('"a\nb\nc\nd"');
    expect(splitRowRanges(bytes, 0, bytes.length, 4)).toEqual([{ start: 0, end: bytes.length }]);
  });
});

describe('field reader specs', () => {
  it('has a factory for every id, building a reader that names that id', () => {
    for (const [id, make] of Object.entries(fieldReaderFactories)) expect(make('ymd').ref?.id).toBe(id);
  });

  it('rebuilds named readers in a worker with the same id and argument', () => {
    const bytes = enc('a,b\n1,2024-01-15 09:00:01\n');
    return arbinCsvParser.parse({
      fileName: 'spec.csv', bytes: enc('Data_Point,Test_Time(s),Date_Time,Current(A),Voltage(V)\n1,1,01/02/2024 09:00:01,1,3.5\n'),
      readTable: async (opts) => {
        const specs = toFieldSpecs(opts.fields)!;
        expect(specs.find((s) => s.reader)?.reader).toEqual({ id: 'arbin-date-time', arg: 'mdy' });
        const rebuilt = fromFieldSpecs(specs).find((f) => f.read)!.read!;
        const original = opts.fields.find((f) => f.read)!.read!;
        expect(rebuilt.ref).toEqual(original.ref);
        expect(rebuilt(bytes, 6, 25)).toBe(original(bytes, 6, 25));
        return readTable(opts);
      },
    });
  });
});
