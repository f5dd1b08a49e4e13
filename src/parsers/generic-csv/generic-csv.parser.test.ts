import { describe, expect, it } from 'vitest';
import { CanonicalColumn as C } from '../../domain/canonical-columns.js';
import type { ColumnMapping } from '../cycler-parser.js';
import { findColumn } from '../normalise/columns.js';
import { parseFile } from '../parse-file.js';
import { parsers } from '../registry.js';
import { genericCsvParser, pickColumnMapping } from './generic-csv.parser.js';

const mapping: ColumnMapping = {
  columns: {
    'Zeit': { name: C.TestTime, unit: 'min' },
    'Datum': { name: C.UnixTime, unit: 'datetime:dmy' },
    'Spannung': { name: C.Voltage, unit: 'mV' },
    'Strom': { name: C.Current, unit: 'mA' },
  },
  delimiter: ';',
  currentSign: 'positive-discharge',
};

function file(): Uint8Array {
  const rows = ['Prüfstand 7', 'Zelle: A1', 'Zeit;Datum;Spannung;Strom;Bemerkung'];
  for (let k = 0; k <= 120; k++) {
    const current = k === 0 ? 0 : k <= 60 ? -1000 : 1000; // file: positive = discharge
    rows.push(`${k},0;${String(1 + Math.floor(k / 60)).padStart(2, '0')}.02.2024 10:${String(k % 60).padStart(2, '0')}:00;${3600 + k};${current},0;ok`);
  }
  return new TextEncoder().encode(rows.join('\n'));
}

describe('generic CSV with a saved column mapping', () => {
  it('is detected only with a matching mapping', () => {
    const head = file();
    expect(genericCsvParser.detect({ fileName: 'x.csv', head })).toBe(0);
    expect(genericCsvParser.detect({ fileName: 'x.csv', head, columnMapping: mapping })).toBeGreaterThan(0.9);
    expect(genericCsvParser.detect({ fileName: 'x.csv', head, columnMapping: { columns: { Nope: { name: C.Voltage, unit: 'V' } } } })).toBe(0);
  });

  it('reads mapped columns with units, decimal comma, date order and current sign', async () => {
    const { result, cycles } = await parseFile({ fileName: 'x.csv', bytes: file(), columnMapping: mapping }, parsers);
    expect(result.format).toBe('generic-csv');
    expect(result.rows).toBe(121);
    expect(findColumn(result, C.TestTime)!.values[120]).toBe(7200);
    expect(findColumn(result, C.Voltage)!.values[1]).toBeCloseTo(3.601, 12);
    expect(findColumn(result, C.Current)!.values[1]).toBe(1);
    expect(findColumn(result, C.UnixTime)!.values[0]).toBe(Date.UTC(2024, 1, 1, 10, 0, 0) / 1000);
    expect(cycles).toHaveLength(1);
    expect(cycles[0].chargeCapacityAh).toBeCloseTo(1, 2);
    expect(cycles[0].dischargeCapacityAh).toBeCloseTo(59.5 / 60, 9); // trapezoid: half of the first interval
  });

  it('picks the first saved mapping whose headers all appear, and parses with it', async () => {
    const other: ColumnMapping = { columns: { Zeit: { name: C.TestTime, unit: 's' }, Volt: { name: C.Voltage, unit: 'V' } } };
    const head = file();
    expect(pickColumnMapping(head, [other, mapping, { ...mapping, delimiter: ',' }])).toBe(mapping);
    expect(pickColumnMapping(head, [other])).toBeUndefined();
    const { result } = await parseFile({ fileName: 'x.csv', bytes: head, columnMappings: [other, mapping] }, parsers);
    expect(result.format).toBe('generic-csv');
    expect(findColumn(result, C.Voltage)!.values[1]).toBeCloseTo(3.601, 12);
  });
});
