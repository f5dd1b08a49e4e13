import { sql } from 'kysely';
import { Gauge, Registry } from 'prom-client';
import type { Db } from '../db/database.js';

/** Queued ingest jobs (due or waiting for a retry) and the age of the oldest one, in seconds. */
export async function readQueueStats(db: Db): Promise<{ depth: number; oldestAgeS: number }> {
  const row = await db
    .selectFrom('jobs')
    .select([
      sql<string>`count(*)`.as('depth'),
      sql<string | null>`extract(epoch from now() - min(created_at))`.as('oldest_age_s'),
    ])
    .where('state', '=', 'queued')
    .executeTakeFirstOrThrow();
  return { depth: Number(row.depth), oldestAgeS: row.oldest_age_s === null ? 0 : Number(row.oldest_age_s) };
}

/**
 * Gauges read from the jobs table at scrape time, so every process (and every server of a cluster)
 * reports the same shared queue. A database that does not answer fails the scrape.
 */
export function createQueueMetrics(db: Db): Registry {
  const registry = new Registry();
  new Gauge({
    name: 'liionsden_ingest_queue_depth',
    help: 'Ingest jobs queued (due now or waiting for a retry)',
    registers: [registry],
    async collect() {
      this.set((await readQueueStats(db)).depth);
    },
  });
  new Gauge({
    name: 'liionsden_ingest_queue_oldest_age_seconds',
    help: 'Age of the oldest queued ingest job in seconds (0 when none)',
    registers: [registry],
    async collect() {
      this.set((await readQueueStats(db)).oldestAgeS);
    },
  });
  return registry;
}
