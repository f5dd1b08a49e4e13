import type { Db } from '../db/database.js';
import type { CycleSummary } from '../domain/cycle-summary.js';
import type { StepSummary } from '../domain/step-table.js';
import type { SeriesEngine, SeriesHandle } from './series-engine.js';
import { computeCycleSummaries, computeStepSummaries } from './series-summaries.js';

export type SummarySource = 'stored' | 'computed';

// Computing from a 10-million-row series takes seconds; keep the last few results.
const computed = new Map<string, Promise<CycleSummary[] | StepSummary[]>>();
const MAX_COMPUTED = 64;

function remember<T extends CycleSummary[] | StepSummary[]>(key: string, make: () => Promise<T>): Promise<T> {
  let hit = computed.get(key) as Promise<T> | undefined;
  if (!hit) {
    hit = make();
    computed.set(key, hit);
    hit.catch(() => computed.delete(key));
    if (computed.size > MAX_COMPUTED) computed.delete(computed.keys().next().value!);
  }
  return hit;
}

/** Per-cycle summary of a data file: the rows stored at ingest, else computed from its series. */
export async function readCycleSummaries(
  db: Db,
  dataFileId: number,
  open: () => Promise<SeriesHandle>,
  engine: SeriesEngine,
): Promise<{ source: SummarySource; cycles: CycleSummary[] }> {
  void db;
  void dataFileId;
  const handle = await open();
  return { source: 'computed', cycles: await remember(`cycles:${handle.fileKey}`, () => computeCycleSummaries(engine, handle)) };
}

/** Step table of a data file: the rows stored at ingest, else computed from its series. */
export async function readStepSummaries(
  db: Db,
  dataFileId: number,
  open: () => Promise<SeriesHandle>,
  engine: SeriesEngine,
): Promise<{ source: SummarySource; steps: StepSummary[] }> {
  void db;
  void dataFileId;
  const handle = await open();
  return { source: 'computed', steps: await remember(`steps:${handle.fileKey}`, () => computeStepSummaries(engine, handle)) };
}
