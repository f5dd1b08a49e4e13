import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { col, last } from '../../../tests/setup/parser-golden.js';
import { ParseError } from '../cycler-parser.js';
import { basytecParser } from './basytec.parser.js';

const file = '../shared/fixtures/basytec/sample_data_basytec.txt';
const bytes = () => new Uint8Array(readFileSync(file));

describe('BaSyTec text export (golden)', () => {
  it("reads the '~' header, units in brackets, per-cycle counters and the DD.MM.YYYY start", async () => {
    const r = await basytecParser.parse({ fileName: 'sample_data_basytec.txt', bytes: bytes() });
    expect(r.rows).toBe(74);
    expect(r.counters).toEqual({ capacity: 'per-cycle', energy: 'per-cycle' });
    expect(col(r, 'Test Time / s')).toMatchObject({ originalName: 'Time[s]', originalUnit: 's' });
    expect(last(r, 'Test Time / s')).toBe(70.2358036666668);
    expect(col(r, 'Voltage / V').values[0]).toBe(3.52575489148741);
    expect(last(r, 'Current / A')).toBe(0.449601734416934);
    expect(last(r, 'Charging Capacity / Ah')).toBe(0.001248916998009);
    expect(last(r, 'Cycle Vendor / 1')).toBe(1);
    expect(col(r, 'Temperature T1 / degC').values[0]).toBe(25.47953);
    expect(col(r, 'Command').values[0]).toBe(0); // Pause
    expect(last(r, 'Command')).toBe(1); // Charge
    expect(r.metadata).toMatchObject({ testName: 'test', procedure: 'plan.pln', channel: '1814 CH14 XCTS_40', startTime: '2023-06-19T17:56:53.000' });
  });

  it('reads hours and a decimal comma', async () => {
    const text = '~Resultfile from Basytec Battery Test System\n~Start of Test: 19.06.2023 17:56:53\n~Time[h]\tLine\tCommand\tU[V]\tI[A]\n0,5\t3\tCharge\t3,5\t1,25\n1,5\t3\tDischarge\t3,4\t-1,25\n';
    const r = await basytecParser.parse({ fileName: 'dc.txt', bytes: new TextEncoder().encode(text) });
    expect(r.rows).toBe(2);
    expect([...col(r, 'Test Time / s').values]).toEqual([1800, 5400]);
    expect([...col(r, 'Current / A').values]).toEqual([1.25, -1.25]);
    expect(r.metadata.decimalComma).toBe(true);
  });

  it('detects BaSyTec only, and names the line and column of a bad value', async () => {
    expect(basytecParser.detect({ fileName: 'x.txt', head: bytes() })).toBeGreaterThan(0.5);
    expect(basytecParser.detect({ fileName: 'x.txt', head: new TextEncoder().encode('Rec#\tCyc#\tStep\n') })).toBe(0);
    const text = new TextDecoder('latin1').decode(bytes()).replace('3.5255631284671', '3.52x');
    const err = await basytecParser.parse({ fileName: 'bad.txt', bytes: new TextEncoder().encode(text) }).catch((e) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect(err.message).toMatch(/line 18, field 'U\[V\]'/);
  });
});
