import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { ErrorMessage } from '../ui/error-message.js';
import { fetchSeries, TEST_TIME, toAligned, type SeriesJson } from './series.api.js';
import { formatTicks } from './curves.js';
import { UPlotChart } from './uplot-chart.js';

const HEIGHT = 340;
const COLORS: Record<string, string> = { V: '#1558b0', A: '#d9480f', degC: '#2b8a3e' };

interface TimeWindow {
  from: number;
  to: number;
}

function unitOf(column: string): string {
  return column.split(' / ')[1] ?? '';
}

/** Points to ask for: about four per pixel column of the plot, as M4 needs. */
export function maxPointsFor(widthPx: number): number {
  return Math.max(400, Math.min(8000, Math.round(widthPx * 4)));
}

/**
 * Voltage, current and temperature against test time over the whole test. Zooming (drag, wheel,
 * or the buttons) asks the server for the new view, so detail appears as you zoom in.
 */
export function TimeSeriesPlot({ dataFileId, columns, joined = false }: { dataFileId: number; columns: string[]; joined?: boolean }) {
  const [view, setView] = useState<TimeWindow | undefined>();
  const [series, setSeries] = useState<SeriesJson>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(false);
  const full = useRef<TimeWindow | undefined>(undefined);
  const widthRef = useRef(1000);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    fetchSeries(dataFileId, { columns: [TEST_TIME, ...columns], from: view?.from, to: view?.to, maxPoints: maxPointsFor(widthRef.current), joined }, controller.signal)
      .then((s) => {
        if (!view) full.current = { from: s.from, to: s.to };
        setSeries(s);
        setError(undefined);
      })
      .catch((e: unknown) => !controller.signal.aborted && setError(e instanceof Error ? e : new Error(String(e))))
      .finally(() => !controller.signal.aborted && setLoading(false));
    return () => controller.abort();
  }, [dataFileId, columns, view, joined]);

  const zoomTo = useCallback((w: TimeWindow) => {
    const f = full.current;
    const from = f ? Math.max(f.from, w.from) : w.from;
    const to = f ? Math.min(f.to, w.to) : w.to;
    if (to - from < 1e-3) return;
    setView(f && from <= f.from && to >= f.to ? undefined : { from, to });
  }, []);

  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const units = [...new Set(columns.map(unitOf))];
    return {
      scales: { x: { time: false } },
      cursor: { drag: { x: true, y: false, setScale: false } },
      legend: { live: true },
      series: [{ label: 'Test time / s' }, ...columns.map((c) => ({ label: c, scale: unitOf(c), stroke: COLORS[unitOf(c)] ?? '#555', width: 1.25, spanGaps: false }))],
      // space: room for six-digit second counts (a week of testing) without the labels running together.
      axes: [{ values: formatTicks, label: 'Test time / s', space: 80 }, ...units.map((u, i) => ({ values: formatTicks, scale: u, label: axisTitle(columns, u), side: i === 0 ? 3 : 1, grid: { show: i === 0 }, stroke: COLORS[u] }))],
      hooks: {
        setSelect: [
          (u: uPlot) => {
            if (u.select.width < 3) return;
            const min = u.posToVal(u.select.left, 'x');
            const max = u.posToVal(u.select.left + u.select.width, 'x');
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            zoomTo({ from: min, to: max });
          },
        ],
      },
    };
  }, [columns, zoomTo]);

  const onReady = useCallback(
    (u: uPlot) => {
      widthRef.current = u.width;
      let timer: ReturnType<typeof setTimeout> | undefined;
      u.over.addEventListener(
        'wheel',
        (e) => {
          e.preventDefault();
          const min = u.scales.x.min ?? 0;
          const max = u.scales.x.max ?? 1;
          const at = u.posToVal(e.offsetX, 'x');
          const factor = e.deltaY < 0 ? 0.75 : 1 / 0.75;
          const next = { from: at - (at - min) * factor, to: at + (max - at) * factor };
          u.setScale('x', { min: next.from, max: next.to });
          globalThis.clearTimeout(timer);
          timer = globalThis.setTimeout(() => zoomTo(next), 150);
        },
        { passive: false },
      );
    },
    [zoomTo],
  );

  const data = useMemo(() => (series ? (toAligned(series, TEST_TIME, columns) as uPlot.AlignedData) : undefined), [series, columns]);
  const xRange = useMemo(() => (view ? { min: view.from, max: view.to } : undefined), [view]);
  const span = (view ?? full.current) ?? { from: 0, to: 1 };
  const width = span.to - span.from;
  const status = loading ? 'loading…' : series ? `${series.rows.toLocaleString()} points${series.downsampled ? ' (downsampled)' : ''}` : '';

  return (
    <div className="time-series">
      <div className="toolbar" role="toolbar" aria-label="Zoom and pan">
        <button type="button" onClick={() => zoomTo({ from: span.from + width / 4, to: span.to - width / 4 })}>
          Zoom in
        </button>
        <button type="button" onClick={() => zoomTo({ from: span.from - width / 2, to: span.to + width / 2 })} disabled={!view}>
          Zoom out
        </button>
        <button type="button" onClick={() => zoomTo({ from: span.from - width / 3, to: span.to - width / 3 })} disabled={!view}>
          ◀ Pan
        </button>
        <button type="button" onClick={() => zoomTo({ from: span.from + width / 3, to: span.to + width / 3 })} disabled={!view}>
          Pan ▶
        </button>
        <button type="button" onClick={() => setView(undefined)} disabled={!view}>
          Whole test
        </button>
        <span className="muted">Drag across the plot or use the mouse wheel to zoom.</span>
      </div>
      <ErrorMessage error={error} />
      <UPlotChart label="Voltage, current and temperature vs test time" options={options} data={data} height={HEIGHT} onReady={onReady} xRange={xRange} status={status} />
    </div>
  );
}

/** An axis title naming the quantities drawn on it: 'Voltage / V', 'Temperature T1, Temperature T2 / °C'. */
function axisTitle(columns: readonly string[], unit: string): string {
  const names = columns.filter((c) => unitOf(c) === unit).map((c) => c.split(' / ')[0]);
  return `${names.join(', ')} / ${unit === 'degC' ? '°C' : unit}`;
}
