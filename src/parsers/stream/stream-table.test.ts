import { describe, expect, it } from 'vitest';
import { fixtureLoader } from '../../../tests/setup/parser-golden.js';
import { syntheticExport } from '../../../tests/setup/synthetic-export.js';
import { summariseCycles } from '../../domain/cycle-summary.js';
import { arbinCsvParser } from '../arbin/arbin-csv.parser.js';
import { ParseError, type ParsedColumn } from '../cycler-parser.js';
import { cycleSeriesOf, parseFile } from '../parse-file.js';
import type { NormalisedBlock } from '../normalise/normalise-stream.js';
import { OriginalTimeColumn, streamTable, type ByteSource } from './stream-table.js';

const arbin = fixtureLoader('arbin');

/** The bytes from `start` on, in pieces of `piece` bytes (as a blob store stream gives them). */
function memorySource(bytes: Uint8Array, piece: number): ByteSource {
  return {
    open: async (start) => (async function* () {
      for (let at = start; at < bytes.length; at += piece) yield bytes.slice(at, Math.min(bytes.length, at + piece));
    })(),
  };
}

async function streamed(fileName: string, bytes: Uint8Array, batchBytes: number, piece = 4096) {
  const plan = arbinCsvParser.planTable!({ fileName, head: bytes.subarray(0, 1 << 20) });
  const blocks: NormalisedBlock[] = [];
  let begun: { rows: number; medianTimeStepS: number } | undefined;
  const table = await streamTable(plan!, memorySource(bytes, piece), fileName, { begin: (s) => { begun = s; }, block: async (b) => { blocks.push(b); } }, { batchBytes });
  const keep = new Set(table.columns.map((c) => c.name));
  const columns: ParsedColumn[] = table.columns.map((c) => {
    const values = new Float64Array(table.rows);
    let at = 0;
    for (const b of blocks) {
      values.set(b.columns.find((x) => x.name === c.name)!.values, at);
      at += b.rows;
    }
    return { ...c, values };
  });
  return { table, blocks, columns, begun, keep };
}

describe('streamTable (a big delimited file in batches)', () => {
  const cases: [string, () => { fileName: string; bytes: Uint8Array }][] = [
    ['FastCharge_000025_CH8.csv', () => ({ fileName: 'FastCharge_000025_CH8.csv', bytes: arbin('FastCharge_000025_CH8.csv') })],
    ['arbin_example.csv', () => ({ fileName: 'arbin_example.csv', bytes: arbin('arbin_example.csv') })],
    ['synthetic 60,000 rows', () => syntheticExport('arbin-csv', 'synthetic.csv', 60_000)],
  ];
  for (const [name, load] of cases) {
    it(`gives exactly what parseFile gives: ${name}`, async () => {
      const { fileName, bytes } = load();
      const whole = await parseFile({ fileName, bytes });
      for (const batchBytes of [1 << 14, 1 << 17, 1 << 23]) {
        const s = await streamed(fileName, bytes, batchBytes);
        expect(s.table.rows).toBe(whole.result.rows);
        expect(s.begun?.rows).toBe(whole.result.rows);
        expect(s.table.metadata).toEqual(whole.result.metadata);
        expect(s.table.warnings).toEqual(whole.result.warnings);
        expect(s.columns.map(({ values: _v, ...c }) => c)).toEqual(whole.result.columns.map(({ values: _v, ...c }) => c));
        s.columns.forEach((c, k) => expect(c.values, c.name).toEqual(whole.result.columns[k].values));
        // Blocks hold whole cycles: their summaries are the whole file's.
        const cycles = s.blocks.flatMap((b) => summariseCycles(cycleSeriesOf(b)));
        expect(cycles).toEqual(whole.cycles);
        if (!s.table.warnings.some((w) => w.code === 'TIME_NOT_MONOTONIC')) expect(s.keep.has(OriginalTimeColumn)).toBe(false);
      }
    });
  }

  it('names the line and column of a bad value, as the whole-file reader does', async () => {
    const { bytes } = syntheticExport('arbin-csv', 'bad.csv', 20_000);
    const text = new TextDecoder().decode(bytes).split('\n');
    text[15_001] = text[15_001].replace(/,([\d.]+),/, ',oops,');
    const bad = new TextEncoder().encode(text.join('\n'));
    const whole = await parseFile({ fileName: 'bad.csv', bytes: bad }).catch((e: unknown) => e);
    const batched = await streamed('bad.csv', bad, 1 << 14).catch((e: unknown) => e);
    expect(whole).toBeInstanceOf(ParseError);
    expect(batched).toBeInstanceOf(ParseError);
    expect((batched as ParseError).toJSON()).toEqual((whole as ParseError).toJSON());
    expect((batched as ParseError).line).toBe(15_002);
  });

  it('refuses a header without rows like parseFile', async () => {
    const header = new TextEncoder().encode('Data_Point,Test_Time(s),Date_Time,Step_Time(s),Step_Index,Cycle_Index,Current(A),Voltage(V)\n');
    await expect(streamed('empty.csv', header, 1 << 14)).rejects.toThrow(/no data rows/);
  });
});
