/**
 * A synthetic cycle-ageing test written as an Arbin MITS Pro CSV export, so the demo has a data file to
 * parse and plot. A simple cell model: open-circuit voltage over state of charge plus an ohmic drop, CC-CV
 * charge to 4.2 V (cut at C/20), CC discharge to 2.75 V, 10-minute rests; capacity fades and resistance
 * grows a little every cycle. Counters run over the whole test, as Arbin's do.
 */
export interface DemoCyclerOptions {
  cycles: number;
  /** Nominal capacity (Ah) of the first cycle. */
  capacityAh: number;
  /** Seconds between records. */
  stepS: number;
  /** Test start (written as local time without a zone, as Arbin does). */
  start: Date;
  /** Capacity lost per cycle, as a fraction of the first cycle's (default 0.0012). */
  fadePerCycle?: number;
  /** Resistance gained per cycle, as a fraction of the first cycle's (default 0.006). */
  resistanceGrowthPerCycle?: number;
  /** Chamber temperature (°C, default 25); the cell runs up to 1.5 K above it at 1C. */
  ambientC?: number;
}

/** What the model put through the cell in each complete cycle (the demo's own check of the parser). */
export interface DemoCycleTruth {
  cycle: number;
  chargeCapacityAh: number;
  dischargeCapacityAh: number;
}

const HEADER = 'Data_Point,Test_Time(s),Date_Time,Step_Time(s),Step_Index,Cycle_Index,Current(A),Voltage(V),Charge_Capacity(Ah),Discharge_Capacity(Ah),Charge_Energy(Wh),Discharge_Energy(Wh),Internal_Resistance(Ohm),Aux_Temperature_1(C)';
const V_MAX = 4.2;
const V_MIN = 2.75;
const REST_S = 600;

/** Open-circuit voltage of an NMC/graphite-like cell at state of charge `soc` (0…1). */
const ocv = (soc: number) => 3.05 + 1.05 * soc - 0.3 * Math.exp(-15 * soc) + 0.1 * Math.exp(-12 * (1 - soc));

type Phase = 'rest-start' | 'cc-charge' | 'cv-charge' | 'rest-charged' | 'cc-discharge' | 'rest-discharged';
const PHASES: Phase[] = ['rest-start', 'cc-charge', 'cv-charge', 'rest-charged', 'cc-discharge', 'rest-discharged'];

export function demoCyclerCsv(opts: DemoCyclerOptions): { csv: string; truth: DemoCycleTruth[] } {
  const lines = [HEADER];
  const truth: DemoCycleTruth[] = [];
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = (t: number) => {
    const d = new Date(opts.start.getTime() + t * 1000);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  };
  let soc = 0.05;
  let t = 0;
  let record = 0;
  let chargeAh = 0, dischargeAh = 0, chargeWh = 0, dischargeWh = 0;
  for (let cycle = 1; cycle <= opts.cycles; cycle++) {
    const capacity = opts.capacityAh * (1 - (opts.fadePerCycle ?? 0.0012) * (cycle - 1));
    const resistance = 0.025 * (1 + (opts.resistanceGrowthPerCycle ?? 0.006) * (cycle - 1));
    const c1 = opts.capacityAh; // 1C current (A) on the nominal capacity, as a test plan sets it
    const cycleStart = { chargeAh, dischargeAh };
    for (const [index, phase] of PHASES.entries()) {
      let stepT = 0;
      for (;;) {
        let current = phase === 'cc-charge' ? c1 / 2 : phase === 'cc-discharge' ? -c1 : 0;
        if (phase === 'cv-charge') current = Math.min(c1 / 2, Math.max(0, (V_MAX - ocv(soc)) / resistance));
        const voltage = phase === 'cv-charge' ? V_MAX : ocv(soc) + current * resistance;
        // A step ends at its limit, checked before the record is written (as a cycler does).
        if (phase === 'cc-charge' && voltage >= V_MAX) break;
        if (phase === 'cv-charge' && current <= c1 / 20) break;
        if (phase === 'cc-discharge' && (voltage <= V_MIN || soc <= 0)) break;
        if (phase.startsWith('rest') && stepT >= REST_S) break;
        const dq = (current * opts.stepS) / 3600;
        soc = Math.min(1, Math.max(0, soc + dq / capacity));
        if (dq > 0) { chargeAh += dq; chargeWh += dq * voltage; }
        if (dq < 0) { dischargeAh -= dq; dischargeWh -= dq * voltage; }
        t += opts.stepS;
        stepT += opts.stepS;
        record++;
        const temperature = (opts.ambientC ?? 25) + 1.5 * Math.abs(current) / c1;
        lines.push(`${record},${t.toFixed(3)},${stamp(t)},${stepT.toFixed(3)},${index + 1},${cycle},${current.toFixed(6)},${voltage.toFixed(6)},${chargeAh.toFixed(6)},${dischargeAh.toFixed(6)},${chargeWh.toFixed(6)},${dischargeWh.toFixed(6)},${resistance.toFixed(5)},${temperature.toFixed(3)}`);
      }
    }
    truth.push({ cycle, chargeCapacityAh: chargeAh - cycleStart.chargeAh, dischargeCapacityAh: dischargeAh - cycleStart.dischargeAh });
  }
  return { csv: `${lines.join('\r\n')}\r\n`, truth };
}
