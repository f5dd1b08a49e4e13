import { useMemo } from 'react';
import type uPlot from 'uplot';
import { choiceName, type Choice } from '../entities/choices.js';
import { colorOf, formatTicks } from '../plots/curves.js';
import { UPlotChart } from '../plots/uplot-chart.js';

interface Spread {
  n: number;
  mean: number | null;
  std: number | null;
  min: number | null;
  max: number | null;
}

interface DeviceFigures {
  deviceId: number;
  cycleCount: number;
  initialDischargeCapacity: number | null;
  finalDischargeCapacity: number | null;
  meanCoulombicEfficiency: number | null;
  fadePercentPer100Cycles: number | null;
}

/** GET /api/v1/batches/{id}/statistics (src/series/batch-statistics.ts). */
export interface BatchStatisticsBody {
  capacityUnit: string;
  dataFiles: number;
  devices: DeviceFigures[];
  spread: Record<'initialDischargeCapacity' | 'finalDischargeCapacity' | 'meanCoulombicEfficiency' | 'fadePercentPer100Cycles' | 'cycleCount', Spread>;
  dischargeCapacityByCycle: { cycle: number[]; n: number[]; mean: (number | null)[]; std: (number | null)[]; min: (number | null)[]; max: (number | null)[] };
}

const fixed = (v: number | null | undefined, digits: number, scale = 1) => (v === null || v === undefined ? '—' : (v * scale).toFixed(digits));

// The figures per device, in table order: heading, field, decimals, scale (efficiency as %).
const FIGURES = [
  ['Cycles', 'cycleCount', 0, 1],
  ['First capacity', 'initialDischargeCapacity', 4, 1],
  ['Last capacity', 'finalDischargeCapacity', 4, 1],
  ['Fade / % per 100 cycles', 'fadePercentPer100Cycles', 2, 1],
  ['Mean CE / %', 'meanCoulombicEfficiency', 3, 100],
] as const;

/** Mean capacity per cycle over the batch's devices, with the lowest and highest device. */
function BandPlot({ body }: { body: BatchStatisticsBody }) {
  const unit = body.capacityUnit;
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      scales: { x: { time: false } },
      series: [
        { label: 'Cycle' },
        { label: `Mean / ${unit}`, stroke: colorOf(0), width: 2, spanGaps: true },
        { label: `Lowest / ${unit}`, stroke: colorOf(1), dash: [4, 3], spanGaps: true },
        { label: `Highest / ${unit}`, stroke: colorOf(2), dash: [4, 3], spanGaps: true },
      ],
      axes: [{ values: formatTicks, label: 'Cycle' }, { values: formatTicks, label: `Discharge capacity / ${unit}` }],
    }),
    [unit],
  );
  const c = body.dischargeCapacityByCycle;
  const data = useMemo(() => [c.cycle, c.mean, c.min, c.max] as uPlot.AlignedData, [c]);
  return <UPlotChart label="Batch discharge capacity vs cycle" options={options} data={data} height={300} />;
}

/** A batch's statistics: a figure per device, their spread, and the batch's capacity band over cycles. */
export function BatchStatisticsView({ body, devices }: { body: BatchStatisticsBody; devices: Choice[] }) {
  const unit = body.capacityUnit;
  if (body.devices.length === 0) return <p className="muted">No parsed data files are linked to this batch&apos;s devices yet.</p>;
  const spread = (field: (typeof FIGURES)[number][1]) => body.spread[field];
  return (
    <>
      <p>
        {body.devices.length} device{body.devices.length === 1 ? '' : 's'} with data, from {body.dataFiles} data file{body.dataFiles === 1 ? '' : 's'}.
      </p>
      <div className="table-scroll">
        <table className="list compact numeric" aria-label="Batch statistics per device">
          <thead>
            <tr>
              <th scope="col">Device</th>
              {FIGURES.map(([heading, field]) => (
                <th key={field} scope="col">
                  {heading}
                  {field.endsWith('DischargeCapacity') ? ` / ${unit}` : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {body.devices.map((d) => (
              <tr key={d.deviceId}>
                <th scope="row">{choiceName(devices, d.deviceId)}</th>
                {FIGURES.map(([, field, digits, scale]) => (
                  <td key={field}>{fixed(d[field], digits, scale)}</td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Mean ± sd</th>
              {FIGURES.map(([, field, digits, scale]) => (
                <td key={field}>
                  {fixed(spread(field).mean, digits, scale)} ± {fixed(spread(field).std, digits, scale)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">Range</th>
              {FIGURES.map(([, field, digits, scale]) => (
                <td key={field}>
                  {fixed(spread(field).min, digits, scale)} – {fixed(spread(field).max, digits, scale)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
      <BandPlot body={body} />
    </>
  );
}
