import { useEffect, useMemo, useState } from 'react';
import type uPlot from 'uplot';
import { ErrorMessage } from '../ui/error-message.js';
import { colorOf, joinCurves, type Curve } from './curves.js';
import { fetchSeries } from './series.api.js';
import { UPlotChart } from './uplot-chart.js';

const V = 'Voltage / V';
const I = 'Current / A';
const QC = 'Charging Capacity / Ah';
const QD = 'Discharging Capacity / Ah';

/** Charge and discharge branches of one cycle: capacity (× factor) against voltage. */
function branches(cycle: number, cols: Record<string, (number | null)[]>, factor: number): Curve[] {
  const v = cols[V] ?? [];
  const cur = cols[I] ?? [];
  const qc = cols[QC] ?? [];
  const qd = cols[QD] ?? [];
  const pick = (sign: number, q: (number | null)[]) => {
    const x: (number | null)[] = [];
    const y: (number | null)[] = [];
    for (let i = 0; i < v.length; i++) {
      const c = cur[i];
      if (c === null || Math.sign(c) !== sign || q[i] === null) continue;
      x.push((q[i] as number) * factor);
      y.push(v[i]);
    }
    return { x, y };
  };
  return [
    { label: `cycle ${cycle} charge`, ...pick(1, qc) },
    { label: `cycle ${cycle} discharge`, ...pick(-1, qd) },
  ];
}

/** Voltage vs capacity for the chosen cycles, from the series endpoint (one request per cycle). */
export function VoltageCapacityPlot({ dataFileId, cycles, factor, unit, height }: { dataFileId: number; cycles: number[]; factor: number; unit: string; height: number }) {
  const [curves, setCurves] = useState<Curve[]>([]);
  const [error, setError] = useState<Error>();
  const key = cycles.join(',');
  useEffect(() => {
    const controller = new AbortController();
    Promise.all(cycles.map((c) => fetchSeries(dataFileId, { columns: [V, I, QC, QD], cycles: [c], maxPoints: 2000 }, controller.signal).then((s) => branches(c, s.columns, factor))))
      .then((all) => {
        setCurves(all.flat().filter((c) => c.x.length > 1));
        setError(undefined);
      })
      .catch((e: unknown) => !controller.signal.aborted && setError(e instanceof Error ? e : new Error(String(e))));
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the cycle list
  }, [dataFileId, key, factor]);
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      scales: { x: { time: false } },
      legend: { show: curves.length <= 8 },
      series: [{ label: `Capacity / ${unit}` }, ...curves.map((c, i) => ({ label: c.label, stroke: colorOf(Math.floor(i / 2)), dash: i % 2 ? [5, 3] : undefined, spanGaps: true, width: 1.5 }))],
      axes: [{ label: `Capacity / ${unit}` }, { label: 'Voltage / V' }],
    }),
    [curves, unit],
  );
  const data = useMemo(() => joinCurves(curves), [curves]);
  return (
    <div>
      <ErrorMessage error={error} />
      <UPlotChart label="Voltage vs capacity for the chosen cycles" options={options} data={data} height={height} />
    </div>
  );
}
