import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CanonicalColumn as C } from '../../domain/canonical-columns.js';
import { parseFile } from '../parse-file.js';
import { findColumn } from '../normalise/columns.js';
import { bdfCsvParser } from './bdf-csv.parser.js';

const FILE = '../shared/fixtures/bdf/batmo_bdf.csv';

describe('BDF CSV (batmo_bdf.csv)', () => {
  it('parses every row with SI units, positive-on-charge current and 109 cycles', async () => {
    const bytes = readFileSync(FILE);
    expect(bdfCsvParser.detect({ fileName: 'batmo_bdf.csv', head: bytes.subarray(0, 65536) })).toBeGreaterThan(0.9);
    const { result, cycles } = await parseFile({ fileName: 'batmo_bdf.csv', bytes }, [bdfCsvParser]);
    expect(result.format).toBe('bdf-csv');
    expect(result.rows).toBe(21206);
    const time = findColumn(result, C.TestTime)!;
    expect(time.originalUnit).toBe('h');
    expect(time.values[0]).toBeCloseTo(0.138888888888889 * 3600, 6);
    expect(time.values[21205]).toBeCloseTo(392.077777777778 * 3600, 4);
    const current = findColumn(result, C.Current)!.values;
    expect(current[0]).toBeCloseTo(-0.00605515800906498, 12); // labelled discharge
    expect(current[156]).toBeCloseTo(0.00605515800906498, 12); // labelled charge
    expect(result.warnings.map((w) => w.code)).toContain('CURRENT_SIGN_FLIPPED');
    expect(findColumn(result, C.Voltage)!.values[21205]).toBeCloseTo(3.00654798557344, 12);
    expect(cycles).toHaveLength(109);
    expect(cycles[0].vendorCycle).toBe(1);
    // Cycle 1: C/... discharge then charge; the file's counters restart per step.
    expect(cycles[0].chargeCapacityAh).toBeCloseTo(0.158947897737955, 4);
    expect(cycles[0].dischargeCapacityAh).toBeGreaterThan(0.1);
    expect(cycles[1].coulombicEfficiency).toBeGreaterThan(0.8);
  });
});
