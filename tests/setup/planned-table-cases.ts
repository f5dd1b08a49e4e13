import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { CanonicalColumn as C } from '../../src/domain/canonical-columns.js';
import type { ColumnMapping } from '../../src/parsers/cycler-parser.js';
import { fixtureLoader } from './parser-golden.js';
import { syntheticExport } from './synthetic-export.js';

/**
 * Every parser with a table plan, on its real files (and a synthetic one where the shared generator writes
 * the format): the files that the batched and the piecewise readers must read exactly as parseFile does
 * (src/parsers/stream/stream-table.test.ts, src/parsers/parse-local-file.test.ts).
 */

const fixture = (path: string): Uint8Array => fixtureLoader('')(path);
const enc = new TextEncoder();

/** Drops the named fields from every line from the header (0-based line `header`) on. */
export function withoutFields(bytes: Uint8Array, header: number, delimiter: string, names: string[]): Uint8Array {
  const lines = new TextDecoder('latin1').decode(bytes).split('\n');
  const drop = names.map((n) => lines[header].replace(/\r$/, '').split(delimiter).indexOf(n));
  expect(drop).not.toContain(-1);
  const latin1 = lines.map((l, i) => (i < header || l === '' ? l : l.split(delimiter).filter((_, k) => !drop.includes(k)).join(delimiter))).join('\n');
  return Uint8Array.from(latin1, (ch) => ch.charCodeAt(0));
}

/** The generic-CSV test file: German headers, decimal comma, day-first dates, current positive on discharge. */
function germanCsv(): Uint8Array {
  const rows = ['Prüfstand 7', 'Zelle: A1', 'Zeit;Datum;Spannung;Strom;Leistung;Bemerkung'];
  for (let k = 0; k <= 3000; k++) {
    const current = k === 0 ? 0 : Math.floor(k / 60) % 2 === 0 ? -1000 : 1000;
    const t = new Date(Date.UTC(2024, 1, 1, 10) + k * 60_000);
    const date = `${String(t.getUTCDate()).padStart(2, '0')}.02.2024 ${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}:00`;
    rows.push(`${k},0;${date};${3600 + (k % 60)};${current},0;${current * 3.6};ok`);
  }
  return enc.encode(rows.join('\n'));
}
const germanMapping: ColumnMapping = {
  columns: {
    Zeit: { name: C.TestTime, unit: 'min' },
    Datum: { name: C.UnixTime, unit: 'datetime:dmy' },
    Spannung: { name: C.Voltage, unit: 'mV' },
    Strom: { name: C.Current, unit: 'mA' },
    Leistung: { name: C.Power, unit: 'mW' },
  },
  delimiter: ';',
  currentSign: 'positive-discharge',
};

/** A real Neware record export read through a saved mapping instead of its own parser. */
const newareMapping: ColumnMapping = {
  columns: {
    'Cumulative Time': { name: C.TestTime, unit: 'hh:mm:ss' },
    Date: { name: C.UnixTime, unit: 'datetime:ymd' },
    'Voltage(V)': { name: C.Voltage, unit: 'V' },
    'Current(A)': { name: C.Current, unit: 'A' },
    'Chg. Cap.(Ah)': { name: C.ChargingCapacity, unit: 'Ah' },
    'DChg. Cap.(Ah)': { name: C.DischargingCapacity, unit: 'Ah' },
  },
};

function digatronCsv(): Uint8Array {
  const lines = ['Digatron Firing Circuits', 'Start Time;15.01.2024 09:00:00', 'Programm;ageing.pgm', '',
    'Programmdauer;Schrittdauer;Schritt;Zyklus;Zustand;Spannung;Strom;AhAkku;Energie', '[ms];[ms];[];[];[];[V];[A];[Ah];[Wh]'];
  let ah = 0;
  for (let k = 0; k <= 2400; k++) {
    const phase = k === 0 ? 0 : Math.floor(k / 120) % 2 === 0 ? 1 : -1;
    ah += (phase * 60) / 3600;
    lines.push([k * 60000, (k % 120) * 60000, phase > 0 ? 2 : 3, 1 + Math.floor(k / 240), phase > 0 ? 'LAD' : 'ENT', (3.6 + ah * 0.3).toFixed(4), phase.toFixed(3), ah.toFixed(5), (ah * 3.7).toFixed(5)].join(';').replace(/\./g, ','));
  }
  return enc.encode(lines.join('\r\n'));
}

function iviumText(): Uint8Array {
  const rows = ['time /s\tI /mA\tE /V'];
  for (let k = 0; k <= 3000; k++) rows.push(`${k * 36}\t${k === 0 ? 0 : Math.floor(k / 100) % 2 === 0 ? 1 : -1}\t${(3.6 + (k % 100) * 0.001).toFixed(4)}`);
  return enc.encode(rows.join('\n'));
}

export interface PlannedTableCase {
  label: string;
  /** The parser whose plan it is (the detected format). */
  format: string;
  load: () => { fileName: string; bytes: Uint8Array };
  columnMapping?: ColumnMapping;
  batchBytes?: number[];
}

export const file = (path: string) => () => ({ fileName: path.split('/').pop()!, bytes: fixture(path) });
/** A parser's own small test file (src/parsers/<vendor>/test-files/), for layouts not in ../shared. */
const ownFile = (path: string) => () => ({ fileName: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(new URL(`../../src/parsers/${path}`, import.meta.url))) });
const synthetic = (format: string, fileName: string, rows: number, args: string[] = []) => () => syntheticExport(format, fileName, rows, args);
/** A 20,000-row synthetic Arbin CSV whose line 15,002 has 'oops' for a number (a parse error at a known line and column). */
export function arbinWithBadValue(): Uint8Array {
  const { bytes } = syntheticExport('arbin-csv', 'bad.csv', 20_000);
  const text = new TextDecoder().decode(bytes).split('\n');
  text[15_001] = text[15_001].replace(/,([\d.]+),/, ',oops,');
  return new TextEncoder().encode(text.join('\n'));
}
export const SYNTHETIC_BATCHES = [1 << 14, 1 << 17, 1 << 23];

export const plannedTableCases: PlannedTableCase[] = [
  { label: 'arbin-csv: FastCharge_000025_CH8.csv', format: 'arbin-csv', load: file('arbin/FastCharge_000025_CH8.csv') },
  { label: 'arbin-csv: arbin_example.csv', format: 'arbin-csv', load: file('arbin/arbin_example.csv') },
  { label: 'arbin-csv: 2017-05-09_test-TC-contact_CH33.csv (empty cycle and step columns)', format: 'arbin-csv', load: file('arbin/2017-05-09_test-TC-contact_CH33.csv') },
  { label: 'arbin-csv: sample_data_arbin.csv', format: 'arbin-csv', load: file('arbin/sample_data_arbin.csv') },
  { label: 'arbin-csv: arbin.csv', format: 'arbin-csv', load: file('arbin/arbin.csv') },
  { label: 'arbin-csv: synthetic 60,000 rows', format: 'arbin-csv', load: synthetic('arbin-csv', 'synthetic.csv', 60_000), batchBytes: SYNTHETIC_BATCHES },
  { label: 'pec-csv: Test25205.csv', format: 'pec-csv', load: file('pec/Test25205.csv') },
  { label: 'pec-csv: Test25195.csv', format: 'pec-csv', load: file('pec/Test25195.csv') },
  { label: 'basytec-txt: sample_data_basytec.txt', format: 'basytec-txt', load: file('basytec/sample_data_basytec.txt') },
  { label: 'maccor-txt: PreDiag_000229_000229_truncated.034', format: 'maccor-txt', load: file('maccor/PreDiag_000229_000229_truncated.034') },
  { label: 'maccor-txt: PredictionDiagnostics_000151_test.052', format: 'maccor-txt', load: file('maccor/PredictionDiagnostics_000151_test.052') },
  { label: 'maccor-txt: maccor_example.001 (minutes)', format: 'maccor-txt', load: file('maccor/maccor_example.001') },
  { label: 'maccor-txt: maccor_example_discharge_test.csv', format: 'maccor-txt', load: file('maccor/maccor_example_discharge_test.csv') },
  { label: 'maccor-txt: synthetic 60,000 rows', format: 'maccor-txt', load: synthetic('maccor-txt', 'synthetic.txt', 60_000), batchBytes: SYNTHETIC_BATCHES },
  { label: 'maccor-txt: synthetic, decimal comma', format: 'maccor-txt', load: synthetic('maccor-txt', 'synthetic-dc.txt', 20_000, ['--decimal-comma']), batchBytes: SYNTHETIC_BATCHES },
  { label: 'maccor-txt: synthetic without a State column (current sign as written)', format: 'maccor-txt', batchBytes: SYNTHETIC_BATCHES,
    load: () => { const s = syntheticExport('maccor-txt', 'no-state.txt', 20_000); return { fileName: s.fileName, bytes: withoutFields(s.bytes, 1, '\t', ['State']) }; } },
  { label: 'maccor-txt: Amp-hr continuing from CC into CV (written for issue 17)', format: 'maccor-txt', load: ownFile('maccor/test-files/continuing-counters.034') },
  { label: 'maccor-txt: SIMBA layout, Volts in mV, TestTime in minutes (written for issue 17)', format: 'maccor-txt', load: ownFile('maccor/test-files/simba-mv-minutes.txt') },
  { label: 'maccor-txt: DPt Time as time of day, date in the preamble (written for issue 17)', format: 'maccor-txt', load: ownFile('maccor/test-files/time-of-day.034') },
  { label: 'maccor-txt: an unreadable DCIR value, column left out (written for issue 17)', format: 'maccor-txt', load: ownFile('maccor/test-files/bad-dcir.034') },
  { label: 'biologic-mpt: Sample_data_biologic_02_MB_CA1.txt (BT-Lab)', format: 'biologic-mpt', load: file('biologic/Sample_data_biologic_02_MB_CA1.txt') },
  { label: 'biologic-mpt: Sample_data_biologic_no_header.mpt', format: 'biologic-mpt', load: file('biologic/Sample_data_biologic_no_header.mpt') },
  { label: 'biologic-mpt: biologic_example.csv', format: 'biologic-mpt', load: file('biologic/biologic_example.csv') },
  { label: 'biologic-mpt: biologic_example_Ewe.tsv', format: 'biologic-mpt', load: file('biologic/biologic_example_Ewe.tsv') },
  { label: 'biologic-mpt: synthetic 60,000 rows', format: 'biologic-mpt', load: synthetic('biologic-mpt', 'synthetic.mpt', 60_000), batchBytes: SYNTHETIC_BATCHES },
  { label: 'biologic-mpt: synthetic, decimal comma', format: 'biologic-mpt', load: synthetic('biologic-mpt', 'synthetic-dc.mpt', 20_000, ['--decimal-comma']), batchBytes: SYNTHETIC_BATCHES },
  { label: 'biologic-mpt: synthetic without (Q-Qo) (Q charge/discharge split per row)', format: 'biologic-mpt', batchBytes: SYNTHETIC_BATCHES,
    load: () => { const s = syntheticExport('biologic-mpt', 'half.mpt', 20_000); return { fileName: s.fileName, bytes: withoutFields(s.bytes, 3, '\t', ['(Q-Qo)/mA.h']) }; } },
  // Day or month first: the first dates are all ambiguous, so the file's last lines (PlanInput.tail) decide.
  { label: 'maccor-txt whose first dates do not tell day from month: maccor_001.txt', format: 'maccor-txt', load: file('maccor/maccor_001.txt') },
  { label: 'maccor-txt whose first dates do not tell day from month: maccor_002.txt', format: 'maccor-txt', load: file('maccor/maccor_002.txt') },
  { label: 'maccor-txt whose first dates do not tell day from month: maccor_two.txt', format: 'maccor-txt', load: file('maccor/maccor_two.txt') },
  { label: 'maccor-txt whose first dates do not tell day from month: sample_data_maccor.csv', format: 'maccor-txt', load: file('maccor/sample_data_maccor.csv') },
  { label: 'neware-csv: neware_uio.csv (flat record export)', format: 'neware-csv', load: file('neware/neware_uio.csv') },
  { label: 'batteryarchive-csv: CALCE timeseries', format: 'batteryarchive-csv', load: file('batteryarchive/CALCE_CX2-33_prism_LCO_25C_0-100_0.5-0.5C_d_timeseries.csv') },
  { label: 'bdf-csv: batmo_bdf.csv without its Step Type labels', format: 'bdf-csv',
    load: () => ({ fileName: 'batmo_no_labels.csv', bytes: withoutFields(fixture('bdf/batmo_bdf.csv'), 0, ',', ['Step Type / 1']) }) },
  { label: 'generic-csv: neware_uio.csv through a saved mapping', format: 'generic-csv', load: file('neware/neware_uio.csv'), columnMapping: newareMapping },
  { label: 'generic-csv: mapping with current positive on discharge', format: 'generic-csv', load: () => ({ fileName: 'pruefstand.csv', bytes: germanCsv() }), columnMapping: germanMapping },
  { label: 'unit-suffix-csv: quantity_unit headers, key:,,, preamble, trailing commas, NaN (written for issue 17)', format: 'unit-suffix-csv', load: ownFile('unit-suffix-csv/test-files/normalised_cell.csv') },
  { label: 'ivium: tab text export (written in the test)', format: 'ivium', load: () => ({ fileName: 'export.txt', bytes: iviumText() }) },
  { label: 'digatron-csv: German export (written in the test)', format: 'digatron-csv', load: () => ({ fileName: 'digatron.csv', bytes: digatronCsv() }) },
];

