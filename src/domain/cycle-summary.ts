import { addToStats, emptyStats, finishStats, forEachRun, maxIn, type CycleSeries } from './cycle-series.js';

/** One derived cycle's figures. Capacities in Ah, energies in Wh, times in s, voltages in V. */
export interface CycleSummary {
  cycle: number;
  /** The vendor's cycle number at the cycle's first row (null when the file has none). */
  vendorCycle: number | null;
  chargeCapacityAh: number;
  dischargeCapacityAh: number;
  chargeEnergyWh: number;
  dischargeEnergyWh: number;
  /** Discharge / charge capacity; null when nothing was charged. */
  coulombicEfficiency: number | null;
  /** Discharge / charge energy; null when no energy was charged. */
  energyEfficiency: number | null;
  minVoltageV: number | null;
  maxVoltageV: number | null;
  meanVoltageV: number | null;
  minTemperatureC: number | null;
  maxTemperatureC: number | null;
  meanTemperatureC: number | null;
  durationS: number;
  startTestTimeS: number;
  endTestTimeS: number;
  /** Mean of the internal-resistance readings in the cycle; null when there are none. */
  internalResistanceOhm: number | null;
  rowCount: number;
}

/** Per-cycle summary of normalised series; cycles are contiguous runs of `cycle`. */
export function summariseCycles(s: CycleSeries): CycleSummary[] {
  const out: CycleSummary[] = [];
  forEachRun(s.cycle, (start, end) => {
    const v = emptyStats();
    const t = emptyStats();
    const r = emptyStats();
    for (let i = start; i < end; i++) {
      addToStats(v, s.voltageV[i]);
      if (s.temperatureC) addToStats(t, s.temperatureC[i]);
      if (s.internalResistanceOhm) addToStats(r, s.internalResistanceOhm[i]);
    }
    const chargeAh = maxIn(s.chargeCapacityAh, start, end);
    const dischargeAh = maxIn(s.dischargeCapacityAh, start, end);
    const chargeWh = maxIn(s.chargeEnergyWh, start, end);
    const dischargeWh = maxIn(s.dischargeEnergyWh, start, end);
    const volts = finishStats(v);
    const temps = finishStats(t);
    const startS = s.testTimeS[start];
    const endS = s.testTimeS[end - 1];
    out.push({
      cycle: s.cycle[start],
      vendorCycle: s.vendorCycle && s.vendorCycle[start] === s.vendorCycle[start] ? s.vendorCycle[start] : null,
      ...cycleThroughput(chargeAh, dischargeAh, chargeWh, dischargeWh),
      minVoltageV: volts.min,
      maxVoltageV: volts.max,
      meanVoltageV: volts.mean,
      minTemperatureC: temps.min,
      maxTemperatureC: temps.max,
      meanTemperatureC: temps.mean,
      durationS: endS - startS,
      startTestTimeS: startS,
      endTestTimeS: endS,
      internalResistanceOhm: finishStats(r).mean,
      rowCount: end - start,
    });
  });
  return out;
}

/** A cycle's charge and discharge totals with the efficiencies they give (null where nothing was charged). */
export function cycleThroughput(chargeAh: number, dischargeAh: number, chargeWh: number, dischargeWh: number) {
  return {
    chargeCapacityAh: chargeAh,
    dischargeCapacityAh: dischargeAh,
    chargeEnergyWh: chargeWh,
    dischargeEnergyWh: dischargeWh,
    coulombicEfficiency: chargeAh > 0 ? dischargeAh / chargeAh : null,
    energyEfficiency: chargeWh > 0 ? dischargeWh / chargeWh : null,
  };
}
