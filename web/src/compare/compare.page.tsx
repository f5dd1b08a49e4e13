import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParam } from '../app/use-search-param.js';
import type uPlot from 'uplot';
import { choiceName } from '../entities/choices.js';
import { useChoices } from '../entities/use-choices.js';
import { fetchCompare, type ComparedFile, type CycleTable } from '../plots/cycles.api.js';
import { colorOf, formatTicks } from '../plots/curves.js';
import { capacityUnitLabel, UnitSwitch } from '../plots/unit-switch.js';
import { useCapacityUnit } from '../plots/use-capacity-unit.js';
import { UPlotChart } from '../plots/uplot-chart.js';
import { ErrorMessage } from '../ui/error-message.js';
import { BatchStatistics } from './batch-statistics.js';
import { FadeFiguresTable } from './batch-statistics.view.js';
import { ChoiceOptions } from '../entities/choice-options.js';

type Metric = 'dischargeCapacity' | 'coulombicEfficiency';

function OverlayPlot({ tables, names, metric, unit }: { tables: CycleTable[]; names: string[]; metric: Metric; unit: string }) {
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      scales: { x: { time: false } },
      series: [{ label: 'Cycle' }, ...names.map((n, i) => ({ label: n, stroke: colorOf(i), points: { show: true, size: 4 }, spanGaps: true }))],
      axes: [{ values: formatTicks, label: 'Cycle' }, { values: formatTicks, label: metric === 'coulombicEfficiency' ? 'Coulombic efficiency / %' : `Discharge capacity / ${unit}` }],
    }),
    [names, metric, unit],
  );
  const data = useMemo(() => {
    const cycles = [...new Set(tables.flatMap((t) => t.rows.map((r) => r.cycle)))].sort((a, b) => a - b);
    const ys = tables.map((t) => {
      const byCycle = new Map(t.rows.map((r) => [r.cycle, r[metric]]));
      return cycles.map((c) => {
        const v = byCycle.get(c) ?? null;
        return v !== null && metric === 'coulombicEfficiency' && v <= 2 ? v * 100 : v;
      });
    });
    return [cycles, ...ys] as uPlot.AlignedData;
  }, [tables, metric]);
  return <UPlotChart label={metric === 'coulombicEfficiency' ? 'Coulombic efficiency vs cycle' : 'Capacity fade'} options={options} data={data} height={320} />;
}

/** "3,4,x,7" → [3, 4, 7]: ids from the address, whatever was typed there. */
export function idsOf(text: string | null): number[] {
  return [...new Set((text ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0))];
}

/** Overlay capacity fade and efficiency of several data files; statistics of a batch. */
export function ComparePage() {
  const { choices } = useChoices('data-files');
  // The picked files live in the address (?dataFiles=3,4,7): a comparison can be bookmarked, shared and linked to.
  const [pickedText, setPickedText] = useSearchParam('dataFiles');
  const picked = useMemo(() => idsOf(pickedText), [pickedText]);
  const setPicked = useCallback((ids: number[]) => setPickedText(ids.join(',')), [setPickedText]);
  const { unit, pick, adapt } = useCapacityUnit();
  const [tables, setTables] = useState<ComparedFile[]>([]);
  const [error, setError] = useState<Error>();
  useEffect(() => {
    if (picked.length === 0) return;
    let live = true;
    fetchCompare(picked, unit).then(
      (t) => {
        if (!live) return;
        setError(undefined);
        if (!adapt(t, unit)) setTables(t);
      },
      (e: unknown) => live && setError(e instanceof Error ? e : new Error(String(e))),
    );
    return () => {
      live = false;
    };
  }, [picked, unit, adapt]);
  const names = picked.map((id) => choiceName(choices, id));
  const label = capacityUnitLabel(unit);

  return (
    <section>
      <h1>Compare</h1>
      <div className="toolbar">
        <label htmlFor="compare-files">Data files</label>
        <select
          id="compare-files"
          multiple
          size={Math.min(8, Math.max(3, choices.length))}
          value={picked.map(String)}
          onChange={(e) => setPicked(Array.from(e.target.selectedOptions, (o) => Number(o.value)))}
          style={{ maxWidth: 420 }}
        >
          <ChoiceOptions choices={choices} />
        </select>
        <UnitSwitch unit={unit} onChange={pick} />
      </div>
      <ErrorMessage error={error} />
      {picked.length > 0 ? (
        <div className="plot-grid">
          <OverlayPlot tables={tables} names={names} metric="dischargeCapacity" unit={label} />
          <OverlayPlot tables={tables} names={names} metric="coulombicEfficiency" unit={label} />
        </div>
      ) : (
        <p className="muted">Choose data files to overlay (Ctrl/Shift to pick several).</p>
      )}
      {picked.length > 0 && tables.length > 0 ? (
        <FadeFiguresTable
          label="Figures per data file"
          unit={label}
          rows={tables.flatMap((t) => (t.figures ? [{ key: t.id, name: t.name, figures: t.figures }] : []))}
        />
      ) : null}
      <BatchStatistics unit={unit} />
    </section>
  );
}
