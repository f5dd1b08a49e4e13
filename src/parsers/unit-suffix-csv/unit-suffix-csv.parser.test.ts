import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { col, first, last } from '../../../tests/setup/parser-golden.js';
import { detectParser } from '../detect.js';
import { parseFile } from '../parse-file.js';
import { parsers } from '../registry.js';
import { readSuffixedHeader } from './unit-suffix-header.js';

// Written for this repository: a `key:,,,` preamble, a blank line, quantity_unit headers (mAh, degC),
// a trailing comma on every line, literal NaN temperatures; 24 rows, two vendor cycles.
const NAME = 'normalised_cell.csv';
const bytes = new Uint8Array(readFileSync(`src/parsers/unit-suffix-csv/test-files/${NAME}`));

describe('normalised third-party CSV (quantity_unit headers)', () => {
  it('is recognised without a column mapping', () => {
    expect(detectParser(parsers, NAME, bytes, {}).parser.name).toBe('unit-suffix-csv');
  });

  it('reads the values with units from the header suffixes', async () => {
    const { result, cycles } = await parseFile({ fileName: NAME, bytes });
    expect(result.format).toBe('unit-suffix-csv');
    expect(result.rows).toBe(24);
    expect(col(result, 'Voltage / V')).toMatchObject({ originalName: 'Voltage_V', unit: 'V' });
    expect(first(result, 'Test Time / s')).toBe(0);
    expect(last(result, 'Test Time / s')).toBe(23);
    expect(last(result, 'Current / A')).toBe(-1);
    // 8 rows at 1 A after the first: 7 s of charge written in mAh, read in Ah.
    expect(col(result, 'Charging Capacity (vendor) / Ah').values[11]).toBeCloseTo(8 / 3600, 6);
    const temperature = col(result, 'Temperature T1 / degC').values;
    expect(Number.isNaN(temperature[5]) && Number.isNaN(temperature[6])).toBe(true);
    expect(temperature[7]).toBe(25.35);
    expect(col(result, 'Cycle Vendor / 1').values.at(-1)).toBe(2);
    expect(cycles[0].chargeCapacityAh).toBeCloseTo(8 / 3600, 6);
  });

  it('reads headers in the usual spellings, and no others', () => {
    expect(readSuffixedHeader('Time_s')).toEqual({ name: 'Test Time / s', unit: 's' });
    expect(readSuffixedHeader('voltage_V')).toEqual({ name: 'Voltage / V', unit: 'V' });
    expect(readSuffixedHeader('Current_mA')).toEqual({ name: 'Current / A', unit: 'mA' });
    expect(readSuffixedHeader('Test_Time_h')).toEqual({ name: 'Test Time / s', unit: 'h' });
    expect(readSuffixedHeader('Cycle_Index')).toEqual({ name: 'Cycle Vendor / 1', unit: '1' });
    expect(readSuffixedHeader('Voltage_furlongs')).toBeNull();
    expect(readSuffixedHeader('Test_Time')).toBeNull();
  });

  it('leaves vendor exports to their parsers', () => {
    const arbin = new Uint8Array(readFileSync('../shared/fixtures/arbin/arbin_example.csv'));
    expect(detectParser(parsers, 'arbin_example.csv', arbin, {}).parser.name).toBe('arbin-csv');
  });
});
