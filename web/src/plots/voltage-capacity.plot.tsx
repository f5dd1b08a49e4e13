import { useMemo } from 'react';
import type uPlot from 'uplot';
import { ErrorMessage } from '../ui/error-message.js';
import { colorOf, joinCurves, formatTicks } from './curves.js';
import { fetchVoltageCapacity, type CapacityUnit } from './cycles.api.js';
import { capacityUnitLabel } from './unit-switch.js';
import { UPlotChart } from './uplot-chart.js';
import { useCycleCurves } from './use-cycle-curves.js';

/** Voltage vs capacity for the chosen cycles: charge solid, discharge dashed, one colour per cycle. */
export function VoltageCapacityPlot({ dataFileId, cycles, unit, height }: { dataFileId: number; cycles: number[]; unit: CapacityUnit; height: number }) {
  const { curves, error } = useCycleCurves(() => fetchVoltageCapacity(dataFileId, cycles, unit, 1000), cycles, [dataFileId, unit]);
  const label = capacityUnitLabel(unit);
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      scales: { x: { time: false } },
      legend: { show: curves.length <= 8 },
      series: [{ label: `Capacity / ${label}` }, ...curves.map((c, i) => ({ label: c.label, stroke: colorOf(Math.floor(i / 2)), dash: c.label.endsWith('discharge') ? [5, 3] : undefined, spanGaps: true, width: 1.5 }))],
      axes: [{ values: formatTicks, label: `Capacity / ${label}` }, { values: formatTicks, label: 'Voltage / V' }],
    }),
    [curves, label],
  );
  const data = useMemo(() => joinCurves(curves), [curves]);
  return (
    <div>
      <ErrorMessage error={error} />
      <UPlotChart label="Voltage vs capacity for the chosen cycles" options={options} data={data} height={height} />
    </div>
  );
}
