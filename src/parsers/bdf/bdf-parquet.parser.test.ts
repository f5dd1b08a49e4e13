import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { CanonicalColumn as C } from '../../domain/canonical-columns.js';
import { ParseError } from '../cycler-parser.js';
import { findColumn } from '../normalise/columns.js';
import { parseFile } from '../parse-file.js';
import { bdfParquetParser } from './bdf-parquet.parser.js';

/** 1 h charge at 1 A then 1 h discharge at 1 A, sampled every 36 s, current written positive on charge. */
function writeBdfParquet(): Uint8Array {
  const n = 201;
  const hours = Array.from({ length: n }, (_, i) => i * 0.01);
  const current = hours.map((h) => (h <= 1 ? 1 : -1));
  const voltage = hours.map((h) => (h <= 1 ? 3.5 + h * 0.5 : 4 - (h - 1) * 0.5));
  const label = current.map((c) => (c > 0 ? 'charge' : 'discharge'));
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'Test Time / h', data: hours, type: 'DOUBLE' },
      { name: 'Current / mA', data: current.map((c) => c * 1000), type: 'DOUBLE' },
      { name: 'Voltage / V', data: voltage, type: 'DOUBLE' },
      { name: 'Step Type / 1', data: label, type: 'STRING' },
      { name: 'Cycle Count / 1', data: hours.map(() => 1), type: 'INT32' },
    ],
  });
  return new Uint8Array(buffer);
}

describe('BDF Parquet', () => {
  it('reads BDF columns with unit conversion and integrates capacity', async () => {
    const bytes = writeBdfParquet();
    expect(bdfParquetParser.detect({ fileName: 'x.parquet', head: bytes.subarray(0, 64) })).toBeGreaterThan(0.8);
    const { result, cycles } = await parseFile({ fileName: 'x.parquet', bytes }, [bdfParquetParser]);
    expect(result.rows).toBe(201);
    expect(findColumn(result, C.TestTime)!.values[200]).toBeCloseTo(7200, 6);
    expect(findColumn(result, C.Current)!.values[0]).toBe(1);
    expect(findColumn(result, C.Current)!.originalUnit).toBe('mA');
    expect(cycles).toHaveLength(1);
    expect(cycles[0].chargeCapacityAh).toBeCloseTo(1, 1); // trapezoid: half of the sign-change interval
    expect(cycles[0].dischargeCapacityAh).toBeCloseTo(1, 2);
  });

  it('fails with a ParseError on a damaged file', async () => {
    const bytes = writeBdfParquet().slice(0, 300);
    await expect(parseFile({ fileName: 'x.parquet', bytes }, [bdfParquetParser])).rejects.toBeInstanceOf(ParseError);
  });
});
