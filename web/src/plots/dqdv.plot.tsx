import { useEffect, useMemo, useState } from 'react';
import type uPlot from 'uplot';
import { ErrorMessage } from '../ui/error-message.js';
import { colorOf, joinCurves, type Curve, formatTicks } from './curves.js';
import { fetchDqdv, type CapacityUnit } from './cycles.api.js';
import { UPlotChart } from './uplot-chart.js';

/** dQ/dV against voltage for the chosen cycles (smoothed on the server). */
export function DqdvPlot({ dataFileId, cycles, unit, height }: { dataFileId: number; cycles: number[]; unit: CapacityUnit; height: number }) {
  const [curves, setCurves] = useState<Curve[]>([]);
  const [error, setError] = useState<Error>();
  const key = cycles.join(',');
  useEffect(() => {
    if (cycles.length === 0) return;
    let live = true;
    fetchDqdv(dataFileId, cycles, unit).then(
      (list) => {
        if (!live) return;
        setCurves(list.filter((c) => c.x.length > 1));
        setError(undefined);
      },
      (e: unknown) => live && setError(e instanceof Error ? e : new Error(String(e))),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the cycle list
  }, [dataFileId, key, unit]);
  const label = unit === 'mAh/cm2' ? 'mAh/cm²' : unit;
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      scales: { x: { time: false } },
      series: [{ label: 'Voltage / V' }, ...curves.map((c, i) => ({ label: c.label, stroke: colorOf(Math.floor(i / 2)), dash: c.label.endsWith('discharge') ? [5, 3] : undefined, spanGaps: true, width: 1.5 }))],
      axes: [{ values: formatTicks, label: 'Voltage / V' }, { values: formatTicks, label: `dQ/dV / (${label}/V)` }],
    }),
    [curves, label],
  );
  const data = useMemo(() => joinCurves(curves), [curves]);
  return (
    <div>
      <ErrorMessage error={error} />
      <UPlotChart label="dQ/dV vs voltage for the chosen cycles" options={options} data={data} height={height} />
    </div>
  );
}
