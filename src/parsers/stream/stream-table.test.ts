import { describe, expect, it } from 'vitest';
import { arbinWithBadValue, file, plannedTableCases, withoutFields } from '../../../tests/setup/planned-table-cases.js';
import { syntheticExport } from '../../../tests/setup/synthetic-export.js';
import { summariseCycles } from '../../domain/cycle-summary.js';
import { ParseError, type ColumnMapping, type ParsedColumn, type TablePlan } from '../cycler-parser.js';
import { cycleSeriesOf, parseFile } from '../parse-file.js';
import type { NormalisedBlock } from '../normalise/normalise-stream.js';
import { planFromFile } from './plan-from-file.js';
import { OriginalTimeColumn, streamTable, type ByteSource } from './stream-table.js';


/** The bytes from `start` on, in pieces of `piece` bytes (as a blob store stream gives them). */
function memorySource(bytes: Uint8Array, piece: number): ByteSource {
  return {
    open: async (start) => (async function* () {
      for (let at = start; at < bytes.length; at += piece) yield bytes.slice(at, Math.min(bytes.length, at + piece));
    })(),
  };
}

/** The plan the ingest worker would make: detection and planTable on the file's head and tail. */
function planOf(fileName: string, bytes: Uint8Array, columnMapping?: ColumnMapping): Promise<TablePlan | null> {
  return planFromFile(fileName, bytes.length, async (offset, length) => bytes.slice(offset, offset + length), { columnMapping });
}

async function streamed(plan: TablePlan, fileName: string, bytes: Uint8Array, batchBytes: number) {
  const blocks: NormalisedBlock[] = [];
  let begun: { rows: number; medianTimeStepS: number } | undefined;
  const source = memorySource(bytes, Math.min(4096, batchBytes));
  const table = await streamTable(plan, source, fileName, { begin: (s) => { begun = s; }, block: async (b) => { blocks.push(b); } }, { batchBytes });
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

const bitsOf = (v: Float64Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

describe('streamTable (a big delimited file in batches)', () => {
  for (const c of plannedTableCases) {
    it(`gives exactly what parseFile gives: ${c.label}`, async () => {
      const { fileName, bytes } = c.load();
      const plan = await planOf(fileName, bytes, c.columnMapping);
      expect(plan?.format).toBe(c.format);
      const whole = await parseFile({ fileName, bytes, columnMapping: c.columnMapping });
      expect(whole.result.format).toBe(c.format);
      for (const batchBytes of c.batchBytes ?? [1 << 10, 1 << 14, 1 << 23]) {
        const s = await streamed(plan!, fileName, bytes, batchBytes);
        expect(s.table.rows).toBe(whole.result.rows);
        expect(s.begun?.rows).toBe(whole.result.rows);
        expect([s.table.format, s.table.parserVersion, s.table.counters]).toEqual([whole.result.format, whole.result.parserVersion, whole.result.counters]);
        expect(s.table.metadata).toEqual(whole.result.metadata);
        expect(s.table.warnings).toEqual(whole.result.warnings);
        expect(s.columns.map(({ values: _v, ...col }) => col)).toEqual(whole.result.columns.map(({ values: _v, ...col }) => col));
        s.columns.forEach((col, k) => {
          if (!bitsOf(col.values).equals(bitsOf(whole.result.columns[k].values))) expect(col.values, `${col.name}, batches of ${batchBytes} bytes`).toEqual(whole.result.columns[k].values);
        });
        // Blocks hold whole cycles: their summaries are the whole file's.
        const cycles = s.blocks.flatMap((b) => summariseCycles(cycleSeriesOf(b)));
        expect(cycles).toEqual(whole.cycles);
        if (!s.table.warnings.some((w) => w.code === 'TIME_NOT_MONOTONIC')) expect(s.keep.has(OriginalTimeColumn)).toBe(false);
      }
    });
  }

  // Formats and layouts whose rows need more than the head to be read: read whole, never in batches.
  const unplanned: [string, () => { fileName: string; bytes: Uint8Array }][] = [
    ['biologic-mpt with date-times in time/s (Test Time counts from the first time stamp)', file('biologic/Sample_data_biologic_timestamped.txt')],
    ['biologic-mpt without a current column (current from dq over the time step)', () => {
      const s = syntheticExport('biologic-mpt', 'no-current.mpt', 2_000);
      return { fileName: s.fileName, bytes: withoutFields(s.bytes, 3, '\t', ['I/mA', 'control/mA']) };
    }],
    ['bdf-csv with step labels (current sign decided over the whole file)', file('bdf/batmo_bdf.csv')],
    ['neware-csv layered export (records between cycle and step rows)', file('neware/nw_regular_export_ife_example.csv')],
    ['novonix-csv (a resumed test appends [Summary]/[Data] blocks)', file('novonix/sample_data_novonix.csv')],
  ];
  for (const [label, load] of unplanned) {
    it(`has no plan: ${label}`, async () => {
      const { fileName, bytes } = load();
      expect(await planOf(fileName, bytes)).toBeNull();
    });
  }

  it('gathers lines longer than a batch across pieces without a line feed (batches of 64 bytes, pieces of 64)', async () => {
    const { fileName, bytes } = file('arbin/arbin_example.csv')();
    const whole = await parseFile({ fileName, bytes });
    const s = await streamed((await planOf(fileName, bytes))!, fileName, bytes, 64);
    expect(s.table.rows).toBe(whole.result.rows);
    s.columns.forEach((col, k) => expect(col.values, col.name).toEqual(whole.result.columns[k].values));
  });

  it('names the line and column of a bad value, as the whole-file reader does', async () => {
    const bad = arbinWithBadValue();
    const whole = await parseFile({ fileName: 'bad.csv', bytes: bad }).catch((e: unknown) => e);
    const batched = await streamed((await planOf('bad.csv', bad))!, 'bad.csv', bad, 1 << 14).catch((e: unknown) => e);
    expect(whole).toBeInstanceOf(ParseError);
    expect(batched).toBeInstanceOf(ParseError);
    expect((batched as ParseError).toJSON()).toEqual((whole as ParseError).toJSON());
    expect((batched as ParseError).line).toBe(15_002);
  });

  it('refuses a header without rows like parseFile', async () => {
    const header = new TextEncoder().encode('Data_Point,Test_Time(s),Date_Time,Step_Time(s),Step_Index,Cycle_Index,Current(A),Voltage(V)\n');
    await expect(streamed((await planOf('empty.csv', header))!, 'empty.csv', header, 1 << 14)).rejects.toThrow(/no data rows/);
  });
});
