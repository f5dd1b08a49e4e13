import { useMemo } from 'react';
import type uPlot from 'uplot';
import { choiceName, type Choice } from '../entities/choices.js';
import { colorOf, formatTicks } from '../plots/curves.js';
import { UPlotChart } from '../plots/uplot-chart.js';
import type { ApiBatchStatistics as BatchStatisticsBody, ApiFadeFigures as FadeFigures } from '../api/api-types.js';

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

/**
 * Headline figures, a row per record (device or data file), with the rows' mean ± sd and range when
 * `spread` is given.
 */
export function FadeFiguresTable({ label, unit, rows, spread }: { label: string; unit: string; rows: { key: number; name: string; figures: FadeFigures }[]; spread?: BatchStatisticsBody['spread'] }) {
  return (
    <div className="table-scroll">
      <table className="list compact numeric" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{label.startsWith('Batch') ? 'Device' : 'Data file'}</th>
            {FIGURES.map(([heading, field]) => (
              <th key={field} scope="col">
                {heading}
                {field.endsWith('DischargeCapacity') ? ` / ${unit}` : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.name}</th>
              {FIGURES.map(([, field, digits, scale]) => (
                <td key={field}>{fixed(r.figures[field], digits, scale)}</td>
              ))}
            </tr>
          ))}
        </tbody>
        {spread ? (
          <tfoot>
            <tr>
              <th scope="row">Mean ± sd</th>
              {FIGURES.map(([, field, digits, scale]) => (
                <td key={field}>
                  {fixed(spread[field].mean, digits, scale)} ± {fixed(spread[field].std, digits, scale)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">Range</th>
              {FIGURES.map(([, field, digits, scale]) => (
                <td key={field}>
                  {fixed(spread[field].min, digits, scale)} – {fixed(spread[field].max, digits, scale)}
                </td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

/** A batch's statistics: a figure per device, their spread, and the batch's capacity band over cycles. */
export function BatchStatisticsView({ body, devices }: { body: BatchStatisticsBody; devices: Choice[] }) {
  if (body.devices.length === 0) return <p className="muted">No parsed data files are linked to this batch&apos;s devices yet.</p>;
  const rows = body.devices.map((d) => ({ key: d.deviceId, name: choiceName(devices, d.deviceId), figures: d }));
  return (
    <>
      <p>
        {body.devices.length} device{body.devices.length === 1 ? '' : 's'} with data, from {body.dataFiles} data file{body.dataFiles === 1 ? '' : 's'}.
      </p>
      <FadeFiguresTable label="Batch statistics per device" unit={body.capacityUnit} rows={rows} spread={body.spread} />
      <BandPlot body={body} />
    </>
  );
}
