import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CanonicalColumn as C } from '../../domain/canonical-columns.js';
import { findColumn } from '../normalise/columns.js';
import { parseFile } from '../parse-file.js';
import { parsers } from '../registry.js';
import { batteryArchiveParser } from './batteryarchive.parser.js';

const FILE = '../shared/fixtures/batteryarchive/CALCE_CX2-33_prism_LCO_25C_0-100_0.5-0.5C_d_timeseries.csv';

describe('Battery Archive CSV', () => {
  it('parses the CALCE time series through the registry', async () => {
    const bytes = readFileSync(FILE);
    const { result, cycles } = await parseFile({ fileName: 'CALCE_timeseries.csv', bytes }, parsers);
    expect(result.format).toBe(batteryArchiveParser.name);
    expect(result.rows).toBe(15);
    expect(findColumn(result, C.TestTime)!.values[0]).toBe(30.009);
    expect(findColumn(result, C.Voltage)!.values[0]).toBe(3.843);
    expect(findColumn(result, C.UnixTime)!.values[0]).toBe(Date.UTC(2010, 8, 2, 14, 35, 40) / 1000);
    expect(findColumn(result, C.CycleVendor)!.values[14]).toBe(1);
    expect(findColumn(result, C.AmbientTemperature)!.originalUnit).toBe('C');
    expect(cycles).toHaveLength(1);
    expect(cycles[0].vendorCycle).toBe(1);
  });
});
