import { CanonicalColumn as C } from '../domain/canonical-columns.js';
import { ACCUMULATED_COLUMNS, placeChain, shiftColumn, type ChainPlacement, type SeriesEdges } from './chain-offsets.js';
import type { ChainFile } from './file-chain.js';
import { loadColumns, openSeries, type SeriesEngine, type SeriesHandle } from './series-engine.js';

/** One file of a joined chain: its own series and where it goes. */
export interface JoinedPart extends ChainPlacement {
  file: ChainFile;
  handle: SeriesHandle;
}

const ALONE: ChainPlacement = { timeOffsetS: 0, cycleOffset: 0, stepOffset: 0, mergesOpenCycle: false, shifts: [] };

/**
 * A chain of data files opened as one series: a handle the series query, summaries and plots read
 * like any other (columns concatenated in chain order, shifted by `placeChain`), and its parts.
 */
export async function openJoinedSeries(engine: SeriesEngine, chain: readonly ChainFile[]): Promise<{ handle: SeriesHandle; parts: JoinedPart[] }> {
  const handles = await Promise.all(chain.map((f) => openSeries(engine, f.seriesKey)));
  // A file alone is not moved: no column needs decoding for that (its stored summaries suffice).
  const placements = chain.length === 1 ? [ALONE] : placeChain(await Promise.all(handles.map((h) => readEdges(engine, h))));
  const parts = chain.map((file, k) => ({ file, handle: handles[k], ...placements[k] }));
  if (parts.length === 1) return { handle: handles[0], parts };
  const handle: SeriesHandle = {
    // The placements follow from the files' stored bytes, so their keys name the joined columns.
    fileKey: `joined:${handles.map((h) => h.fileKey).join('|')}`,
    path: '',
    rowCount: handles.reduce((n, h) => n + h.rowCount, 0),
    columnNames: [...new Set(handles.flatMap((h) => h.columnNames))],
    readColumn: (name) => readJoinedColumn(engine, parts, name),
  };
  return { handle, parts };
}

async function readJoinedColumn(engine: SeriesEngine, parts: readonly JoinedPart[], name: string): Promise<Float64Array> {
  const out = new Float64Array(parts.reduce((n, p) => n + p.handle.rowCount, 0));
  let offset = 0;
  for (const p of parts) {
    const shift = p.shifts.find((s) => s.column === name);
    if (!p.handle.columnNames.includes(name)) {
      out.fill(Number.NaN, offset, offset + p.handle.rowCount);
    } else {
      const [column] = await loadColumns(engine, p.handle, [name]);
      const cycle = shift?.throughCycle !== undefined ? (await loadColumns(engine, p.handle, [C.CycleCount]))[0].values : undefined;
      out.set(shift ? shiftColumn(column.values, shift, cycle) : column.values, offset);
    }
    offset += p.handle.rowCount;
  }
  return out;
}

/** First and last values of the columns `placeChain` needs (NaN for a column the file lacks). */
async function readEdges(engine: SeriesEngine, handle: SeriesHandle): Promise<SeriesEdges> {
  const edge = async (name: string, fallback: number): Promise<[number, number]> => {
    if (!handle.columnNames.includes(name) || handle.rowCount === 0) return [fallback, fallback];
    const [column] = await loadColumns(engine, handle, [name]);
    return [column.values[0], column.values[handle.rowCount - 1]];
  };
  const [time, unix, cycle, vendor, step] = await Promise.all([
    edge(C.TestTime, 0),
    edge(C.UnixTime, Number.NaN),
    edge(C.CycleCount, 1),
    edge(C.CycleVendor, Number.NaN),
    edge(C.StepCount, 1),
  ]);
  const firstAccumulated: Record<string, number> = {};
  const lastAccumulated: Record<string, number> = {};
  for (const column of ACCUMULATED_COLUMNS) [firstAccumulated[column], lastAccumulated[column]] = await edge(column, Number.NaN);
  return {
    firstTimeS: time[0], lastTimeS: time[1], firstUnixS: unix[0], lastUnixS: unix[1],
    firstCycle: cycle[0], lastCycle: cycle[1], firstVendorCycle: vendor[0], lastVendorCycle: vendor[1],
    firstStep: step[0], lastStep: step[1], firstAccumulated, lastAccumulated,
  };
}
