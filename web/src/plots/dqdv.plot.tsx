import { useMemo } from 'react';
import type uPlot from 'uplot';
import { ErrorMessage } from '../ui/error-message.js';
import { colorOf, joinCurves, formatTicks } from './curves.js';
import { fetchDqdv, type CapacityUnit } from './cycles.api.js';
import { capacityUnitLabel } from './unit-switch.js';
import { UPlotChart } from './uplot-chart.js';
import { useCycleCurves } from './use-cycle-curves.js';

/** dQ/dV against voltage for the chosen cycles (smoothed on the server). */
export function DqdvPlot({ dataFileId, cycles, unit, height }: { dataFileId: number; cycles: number[]; unit: CapacityUnit; height: number }) {
  const { curves, error } = useCycleCurves(() => fetchDqdv(dataFileId, cycles, unit), cycles, [dataFileId, unit]);
  const label = capacityUnitLabel(unit);
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
