import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartProps {
  /** Options without width/height: the chart fills its fixed-size box. */
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData | undefined;
  height: number;
  label: string;
  /** Called after the chart is (re)created, e.g. to attach wheel zoom. */
  onReady?(chart: uPlot): void;
  /** X range to show after new data arrives (zoomed plots); auto-range when absent. */
  xRange?: { min: number; max: number };
  status?: string;
}

/** Width of an element, measured once it is laid out and again when it resizes. */
export function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth((w) => (Math.abs(w - el.clientWidth) > 20 ? el.clientWidth : w)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** uPlot's default width of a vertical axis. */
const MIN_AXIS_SIZE = 50;

/**
 * Width of a vertical axis from its longest tick label (uPlot's default of 50 px lets labels such as
 * '0.000250' run into the axis title). uPlot calls it again while the layout settles; from the second
 * round on the size it has is kept, so the layout converges.
 */
export function fitTickLabels(self: uPlot, values: string[] | null, axisIdx: number, cycleNum: number): number {
  const axis = self.axes[axisIdx] as uPlot.Axis & { _size?: number; font?: string[] };
  if (cycleNum > 1 && axis._size !== undefined) return axis._size;
  self.ctx.font = axis.font?.[0] ?? self.ctx.font;
  // The widest label as drawn (a '-' or a '1' is narrower than a '5'), never under uPlot's own 50 px.
  const widest = (values ?? []).reduce((a, v) => Math.max(a, self.ctx.measureText(v).width / devicePixelRatio), 0);
  const ticks = typeof axis.ticks === 'object' && axis.ticks?.size !== undefined ? axis.ticks.size : 10;
  return Math.max(MIN_AXIS_SIZE, Math.ceil(ticks + (axis.gap ?? 5) + widest + 2));
}

/** A legend value to 5 significant digits ('-0.0002', '3.4125', '120450'), not uPlot's 3 decimals ('-0'). */
export function legendValue(_self: uPlot, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '--';
  return String(Number(value.toPrecision(5)));
}

/**
 * A uPlot canvas in a box of fixed height, so the page does not shift while data loads.
 * `data-drawn` counts draws with data (browser tests and the benchmark wait on it).
 */
export function UPlotChart({ options, data, height, label, onReady, xRange, status }: ChartProps) {
  const [box, width] = useWidth<HTMLDivElement>();
  const chart = useRef<uPlot | null>(null);
  const draws = useRef(0);

  useEffect(() => {
    const el = box.current;
    if (!el || width === 0) return;
    // Room for the legend row under the canvas, inside the fixed-height box.
    const plotHeight = height - 12 - (options.legend?.show === false ? 0 : 34);
    const u = new uPlot(
      {
        ...options,
        axes: options.axes?.map((axis, i) => (i === 0 || axis.size !== undefined ? axis : { ...axis, size: fitTickLabels })),
        series: options.series.map((series, i) => (i === 0 || series.value !== undefined ? series : { ...series, value: legendValue })),
        width: width - 12,
        height: plotHeight,
        hooks: {
          ...options.hooks,
          draw: [
            ...(options.hooks?.draw ?? []),
            (self) => {
              if (self.data[0]?.length > 0) {
                draws.current += 1;
                el.dataset.drawn = String(draws.current);
                if (draws.current === 1) performance.mark(`plot-drawn:${label}`);
              }
            },
          ],
        },
      },
      [[]],
      el.querySelector<HTMLElement>('.plot-canvas') ?? el,
    );
    chart.current = u;
    onReady?.(u);
    return () => {
      u.destroy();
      chart.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- recreate only when the options object or size changes
  }, [options, width, height]);

  useEffect(() => {
    const u = chart.current;
    if (!u || !data) return;
    u.batch(() => {
      u.setData(data, !xRange);
      if (xRange) u.setScale('x', xRange);
    });
  }, [data, xRange, options, width]);

  return (
    <figure className="plot-box" style={{ height }} ref={box} aria-label={label} data-drawn="0">
      <div className="plot-canvas" role="img" aria-label={label} />
      {status ? <figcaption className="plot-status" aria-live="polite">{status}</figcaption> : null}
    </figure>
  );
}
