import { useEffect, useMemo, useState } from 'react';
import type uPlot from 'uplot';
import { ErrorMessage } from '../ui/error-message.js';
import { fetchCycles, type CapacityUnit, type CycleSummaryRow, type CycleTable } from './cycles.api.js';
import { CycleSummaryTable } from './cycle-table.js';
import { DqdvPlot } from './dqdv.plot.js';
import { capacityUnitLabel, UnitSwitch } from './unit-switch.js';
import { useCapacityUnit } from './use-capacity-unit.js';
import { formatTicks } from './curves.js';
import { UPlotChart } from './uplot-chart.js';
import { VoltageCapacityPlot } from './voltage-capacity.plot.js';

const HEIGHT = 300;

function FadePlot({ table }: { table: CycleTable }) {
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      scales: { x: { time: false }, ce: { range: [0, 110] } },
      series: [
        { label: 'Cycle' },
        { label: `Charge capacity / ${capacityUnitLabel(table.unit)}`, stroke: '#1558b0', scale: 'cap', points: { show: true, size: 4 } },
        { label: `Discharge capacity / ${capacityUnitLabel(table.unit)}`, stroke: '#d9480f', scale: 'cap', points: { show: true, size: 4 } },
        { label: 'Coulombic efficiency / %', stroke: '#2b8a3e', scale: 'ce', dash: [4, 3] },
      ],
      axes: [{ values: formatTicks, label: 'Cycle' }, { values: formatTicks, scale: 'cap', label: `Capacity / ${capacityUnitLabel(table.unit)}` }, { values: formatTicks, scale: 'ce', side: 1, label: 'CE / %', grid: { show: false } }],
    }),
    [table.unit],
  );
  const data = useMemo(
    () =>
      [
        table.rows.map((r) => r.cycle),
        table.rows.map((r) => r.chargeCapacity),
        table.rows.map((r) => r.dischargeCapacity),
        table.rows.map((r) => (r.coulombicEfficiency === null ? null : r.coulombicEfficiency * (r.coulombicEfficiency <= 2 ? 100 : 1))),
      ] as uPlot.AlignedData,
    [table],
  );
  return <UPlotChart label="Capacity and coulombic efficiency vs cycle" options={options} data={data} height={HEIGHT} />;
}

/** Reads "1, 3, 10-12" into cycle numbers. */
export function parseCycles(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(part);
    if (!m) continue;
    const a = Number(m[1]);
    const b = m[2] ? Math.min(Number(m[2]), a + 50) : a;
    for (let c = a; c <= b; c++) out.push(c);
  }
  return [...new Set(out)].slice(0, 20);
}

/** Capacity fade, coulombic efficiency, V–Q and dQ/dV of a data file, in the chosen capacity unit; with `withTable`, the cycle summary as numbers. */
export function CyclePlots({ dataFileId, withTable = false, joined = false }: { dataFileId: number; withTable?: boolean; joined?: boolean }) {
  const { unit, pick, adapt } = useCapacityUnit();
  const [table, setTable] = useState<CycleTable<CycleSummaryRow>>();
  const [error, setError] = useState<Error>();
  const [cycleText, setCycleText] = useState('');
  useEffect(() => {
    let live = true;
    fetchCycles(dataFileId, unit, joined).then(
      (t) => {
        if (!live) return;
        setError(undefined);
        setCycleText((text) => text || defaultCycles(t));
        if (!adapt([t], unit)) setTable(t);
      },
      (e: unknown) => live && setError(e instanceof Error ? e : new Error(String(e))),
    );
    return () => {
      live = false;
    };
  }, [dataFileId, unit, adapt, joined]);
  const cycles = useMemo(() => parseCycles(cycleText), [cycleText]);

  return (
    <section aria-labelledby="cycle-plots-title">
      <div className="toolbar">
        <h3 id="cycle-plots-title">Cycles</h3>
        <UnitSwitch unit={unit} onChange={pick} />
        <label htmlFor="cycle-choice">Cycles to overlay</label>
        <input id="cycle-choice" value={cycleText} onChange={(e) => setCycleText(e.target.value)} placeholder="e.g. 1, 2, 10-12" style={{ maxWidth: 200 }} />
      </div>
      <ErrorMessage error={error} />
      <div className="plot-grid">
        {table ? <FadePlot table={table} /> : <div className="plot-box" style={{ height: HEIGHT }} aria-busy="true" />}
        <VoltageCapacityPlot dataFileId={dataFileId} cycles={cycles} unit={unit} height={HEIGHT} />
        <DqdvPlot dataFileId={dataFileId} cycles={cycles} unit={unit} height={HEIGHT} />
      </div>
      {withTable && table ? <CycleSummaryTable table={table} dataFileId={dataFileId} /> : null}
    </section>
  );
}

function defaultCycles(t: CycleTable): string {
  const n = t.rows.length;
  if (n === 0) return '';
  const picks = [t.rows[0].cycle, t.rows[Math.floor(n / 2)].cycle, t.rows[n - 1].cycle];
  return [...new Set(picks)].join(', ');
}
