import { useMemo, useState } from 'react';
import { CyclePlots } from '../plots/cycle-plots.js';
import { TimeSeriesPlot } from '../plots/time-series.plot.js';
import { columnsOf, type DataFile } from './data-file.types.js';

const TIME_PLOTTED = ['Voltage / V', 'Current / A', 'Ambient Temperature / degC', 'Surface Temperature / degC'];

/** Every plot of one ready data file; on the file's own page (`withTables`) the cycle summary table too. */
export function DataFilePlots({ file, withTables = false }: { file: DataFile; withTables?: boolean }) {
  const names = useMemo(() => columnsOf(file).map((c) => c.name), [file]);
  const plotted = useMemo(() => {
    const present = TIME_PLOTTED.filter((c) => names.includes(c));
    return present.length > 0 ? present : TIME_PLOTTED.slice(0, 2);
  }, [names]);
  const [joined, setJoined] = useState(false);
  return (
    <section aria-labelledby="plots-title">
      <h2 id="plots-title">Plots: {file.original_name ?? file.name}</h2>
      {withTables ? (
        <label className="toolbar">
          <input type="checkbox" checked={joined} onChange={(e) => setJoined(e.target.checked)} /> Joined with the files it continues and that continue it
        </label>
      ) : null}
      <TimeSeriesPlot key={file.id} dataFileId={file.id} columns={plotted} joined={joined} />
      <CyclePlots key={`c${file.id}`} dataFileId={file.id} withTable={withTables} joined={joined} />
    </section>
  );
}
