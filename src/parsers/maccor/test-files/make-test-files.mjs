#!/usr/bin/env node
// Writes the small synthetic Maccor text exports beside this script, modelled on real layouts
// (PreDiag .034 one-line preamble; SIMBA/WMG key/value preamble). A 0.05 Ah cell is cycled
// CC-CV charge / rest / CC discharge / rest with 60 s sampling; 99 % of the charge is stored, so
// CE ≈ 0.99. Run: node src/parsers/maccor/test-files/make-test-files.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const Q = 0.05; const I = 0.05; const R = 0.4; const DT = 60;
const ocv = (soc) => 3.0 + 1.1 * soc;

/** Rows of `cycles` cycles: { cyc, step, testS, stepS, ahStep, ahHalf, whStep, whHalf, amps, volts, state, es, unixS }. */
function simulate(cycles, startUnixS) {
  const rows = []; const truth = [];
  let soc = 0.02; let t = 0;
  for (let cyc = 1; cyc <= cycles; cyc++) {
    let chargeAh = 0; let dischargeAh = 0; let half = { ah: 0, wh: 0 };
    const run = (step, state, next) => {
      let stepS = 0; let ah = 0; let wh = 0; let end = false;
      rows.push({ cyc, step, testS: t, stepS, ah, wh, half: { ...half }, amps: 0, volts: ocv(soc), state, es: 0, unixS: startUnixS + t });
      while (!end) {
        const { amps, volts, done } = next(stepS);
        const dAh = amps * DT / 3600;
        ah += dAh; wh += dAh * volts; half.ah += dAh; half.wh += dAh * volts;
        if (state === 'C') { soc += 0.99 * dAh / Q; chargeAh += dAh; } else if (state === 'D') { soc -= dAh / Q; dischargeAh += dAh; }
        t += DT; stepS += DT; end = done;
        rows.push({ cyc, step, testS: t, stepS, ah, wh, half: { ...half }, amps, volts, state, es: end ? 133 : 1, unixS: startUnixS + t });
      }
    };
    run(1, 'C', () => { const v = ocv(soc) + I * R; return { amps: I, volts: v, done: v + 0.99 * I * DT / 3600 / Q * 1.1 >= 4.2 }; });
    run(2, 'C', () => { const amps = Math.max(0, (4.2 - ocv(soc)) / R); return { amps, volts: 4.2, done: amps < 0.1 * I }; });
    half = { ah: 0, wh: 0 };
    run(3, 'R', (s) => ({ amps: 0, volts: ocv(soc), done: s >= 600 - DT }));
    run(4, 'D', () => { const v = ocv(soc) - I * R; return { amps: I, volts: v, done: soc - I * DT / 3600 / Q <= 0.02 }; });
    half = { ah: 0, wh: 0 };
    run(5, 'R', (s) => ({ amps: 0, volts: ocv(soc), done: s >= 600 - DT }));
    truth.push({ cycle: cyc, chargeAh, dischargeAh });
  }
  return { rows, truth };
}

const pad = (n) => String(n).padStart(2, '0');
const usDate = (s) => { const d = new Date(s * 1000); return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()}`; };
const clock = (s) => { const d = new Date(s * 1000); return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`; };
const ampm = (s) => { const d = new Date(s * 1000); const h = d.getUTCHours(); return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 || 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`; };
const preDiagPreamble = (s) => `Today's Date 09/01/2020  Date of Test:\t${usDate(s)}\t Filename:\tE:\\Data\\synthetic.034 Procedure: CCCV_C1.000\tComment/Barcode: synthetic\r\n`;
const preDiagHeader = (dcir) => `Rec#\tCyc#\tStep\tTest (Sec)\tStep (Sec)\tAmp-hr\tWatt-hr\tAmps\tVolts\tState\tES\tDPt Time${dcir ? '\tDCIR/Ohms' : ''}\r\n`;

/** PreDiag layout; `counter` picks the Amp-hr/Watt-hr behaviour, `date` writes DPt Time, `dcir` the DCIR cell. */
function preDiag(name, { cycles, start, counter, date, dcir }) {
  const { rows, truth } = simulate(cycles, start);
  const lines = [preDiagPreamble(start), preDiagHeader(dcir)];
  rows.forEach((r, i) => {
    const [ah, wh] = counter === 'continuing' ? [r.half.ah, r.half.wh] : [r.ah, r.wh];
    lines.push([i + 1, r.cyc, r.step, r.testS.toFixed(4), r.stepS.toFixed(4), ah.toFixed(10), wh.toFixed(10), r.amps.toFixed(10), r.volts.toFixed(8), r.state, r.es, date(r.unixS), ...(dcir ? [dcir(i)] : [])].join('\t') + '\r\n');
  });
  writeFileSync(join(here, name), lines.join(''));
  return truth;
}

const start = Date.UTC(2019, 11, 16, 14, 3, 25) / 1000;
const truth = preDiag('continuing-counters.034', { cycles: 3, start, counter: 'continuing', date: (s) => `${usDate(s)} ${clock(s)}` });
writeFileSync(join(here, 'continuing-counters.truth.json'), JSON.stringify(truth, null, 1) + '\n');
preDiag('time-of-day.034', { cycles: 1, start: Date.UTC(2019, 11, 16, 22, 30, 0) / 1000, counter: 'per-step', date: clock });
preDiag('bad-dcir.034', { cycles: 1, start, counter: 'per-step', date: (s) => `${usDate(s)} ${clock(s)}`, dcir: (i) => (i === 40 ? '-1.#IND' : '0.00000') });

// SIMBA/WMG key/value layout with Volts in mV and TestTime/StepTime in minutes.
{
  const { rows } = simulate(1, Date.UTC(2021, 4, 11, 15, 40, 24) / 1000);
  const lines = ['Name:\tCW-SIMBA-SYNTH.053', 'Channel:\t53', 'Tester\tMaccor #4', 'Procedure\tCW_MZ_SIMBA_CT.000', 'Description\tsynthetic',
    `Started\t${ampm(rows[0].unixS)}`, 'SCap\t0.050', 'C Rate\t1', 'Ch. max. V\t6.00 V', 'DisCh. min. V\t0.00 V', 'Ch. max. I\t5.000 A', 'DisCh. max. I\t5.000 A', '',
    'Rec\tCycle P\tCycle C\tStep\tTestTime\tStepTime\tCap. [Ah]\tEner. [Wh]\tCurrent [A]\tVolts\tMd\tES\tDPT Time', ''].map((l) => l + '\r\n');
  rows.forEach((r, i) => lines.push([i + 1, 0, r.cyc, r.step, (r.testS / 60).toFixed(6), (r.stepS / 60).toFixed(6), r.ah.toFixed(8), r.wh.toFixed(8), r.amps.toFixed(8), (r.volts * 1000).toFixed(1), r.state, r.es, ampm(r.unixS)].join('\t') + '\r\n'));
  writeFileSync(join(here, 'simba-mv-minutes.txt'), lines.join(''));
}
