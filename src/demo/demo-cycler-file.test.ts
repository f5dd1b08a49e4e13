import { describe, expect, it } from 'vitest';
import { parseFile } from '../parsers/parse-file.js';
import { demoCyclerCsv } from './demo-cycler-file.js';

describe('the demo cycler file', () => {
  const { csv, truth } = demoCyclerCsv({ cycles: 12, capacityAh: 5, stepS: 20, start: new Date(Date.UTC(2024, 3, 2, 9, 0, 0)) });

  it('is read by the Arbin parser, with per-cycle capacities within 0.1 % of what the model put through', async () => {
    const { result, cycles } = await parseFile({ fileName: 'demo-cycle-ageing.csv', bytes: new TextEncoder().encode(csv) });
    expect(result.format).toBe('arbin-csv');
    expect(result.rows).toBe(csv.trim().split('\r\n').length - 1);
    expect(cycles.map((c) => c.cycle)).toEqual(truth.map((c) => c.cycle));
    for (const [i, c] of cycles.entries()) {
      expect(Math.abs(c.chargeCapacityAh - truth[i].chargeCapacityAh) / truth[i].chargeCapacityAh).toBeLessThan(0.001);
      expect(Math.abs(c.dischargeCapacityAh - truth[i].dischargeCapacityAh) / truth[i].dischargeCapacityAh).toBeLessThan(0.001);
    }
  });

  it('looks like a real cell: about its nominal capacity, fading, coulombic efficiency near 100 %', () => {
    const discharge = truth.map((c) => c.dischargeCapacityAh);
    expect(discharge[1]).toBeGreaterThan(4.3);
    expect(discharge[1]).toBeLessThan(5);
    // Fading (1.2 ‰ a cycle), seen over the test: one record is 5 A × 20 s = 28 mAh, more than a cycle's fade.
    expect(discharge[discharge.length - 1]).toBeLessThan(discharge[1] * 0.995);
    for (const c of truth.slice(1)) expect(c.dischargeCapacityAh / c.chargeCapacityAh).toBeGreaterThan(0.97);
  });
});
