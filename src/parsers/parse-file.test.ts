import { describe, expect, it } from 'vitest';
import { syntheticExport } from '../../tests/setup/synthetic-export.js';
import { CanonicalColumn as C } from '../domain/canonical-columns.js';
import { summariseSteps } from '../domain/step-table.js';
import { findColumn } from './normalise/columns.js';
import { cycleSeriesOf, parseFile } from './parse-file.js';

const cases = [['arbin-csv', '.csv'], ['maccor-txt', '.001'], ['biologic-mpt', '.mpt']] as const;

describe.each(cases)('cycle summary of synthetic %s against the generator truth', (format, ext) => {
  it('matches every complete cycle within 0.1 % (200,000 rows ≈ 30 complete cycles)', async () => {
    const { fileName, bytes, truth } = syntheticExport(format, `synth-${format}${ext}`, 200_000);
    const { result, cycles } = await parseFile({ fileName, bytes });
    expect(result.rows).toBe(200000);
    expect(truth.completeCycles.length).toBeGreaterThan(20);
    expect(cycles.length).toBeGreaterThanOrEqual(truth.completeCycles.length);
    truth.completeCycles.forEach((t, k) => {
      const c = cycles[k];
      const near = (got: number, want: number) => expect(Math.abs(got - want) / want, `${format} cycle ${k + 1}: ${got} vs ${want}`).toBeLessThan(1e-3);
      near(c.chargeCapacityAh, t.chargeCapacityAh);
      near(c.dischargeCapacityAh, t.dischargeCapacityAh);
      near(c.chargeEnergyWh, t.chargeEnergyWh);
      near(c.dischargeEnergyWh, t.dischargeEnergyWh);
      expect(c.coulombicEfficiency).toBeCloseTo(t.dischargeCapacityAh / t.chargeCapacityAh, 3);
      expect(c.maxVoltageV).toBeLessThanOrEqual(4.21);
      expect(c.meanTemperatureC).toBeGreaterThan(24);
    });
    // Canonical counters: ≥ 0, non-decreasing within a cycle.
    const cyc = findColumn(result, C.CycleCount)!.values;
    const chg = findColumn(result, C.ChargingCapacity)!.values;
    let decreases = 0;
    for (let i = 1; i < cyc.length; i++) if (cyc[i] === cyc[i - 1] && chg[i] < chg[i - 1]) decreases++;
    expect(decreases).toBe(0);
    // Steps: CC charge, CV charge, rest, CC discharge, rest per cycle. The generator writes BioLogic
    // 'mode' 1 (galvanostatic) for the CV phase too, and the .mpt parser reports the file's mode.
    const steps = summariseSteps(cycleSeriesOf(result)).filter((s) => s.cycle === 2);
    expect(steps.map((s) => s.stepType)).toEqual(format === 'biologic-mpt' ? [2, 2, 1, 5, 1] : [2, 3, 1, 5, 1]);
    expect(steps[3].dischargeCapacityAh).toBeCloseTo(cycles[1].dischargeCapacityAh, 6);
  });
});
