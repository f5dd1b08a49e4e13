import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimNewDataFile } from '../../tests/setup/queued-file.js';
import { syntheticExport } from '../../tests/setup/synthetic-export.js';
import { createTestDatabase } from '../../tests/setup/test-database.js';
import type { DatabaseHandle } from '../db/database.js';
import { createLocalBlobStore } from '../storage/local-blob-store.js';
import { createS3BlobStore } from '../storage/s3-blob-store.js';
import { runIngestJob } from './ingest-pipeline.js';
import { claimJob } from './job-queue.js';

// An outage of the blob store is waited out: the job is queued again with a back-off, never failed for good.
describe('ingest while the blob store is unreachable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'liionsden-outage-'));
  const root = join(dir, 'files');
  const store = createLocalBlobStore(root);
  const { fileName, bytes } = syntheticExport('arbin-csv', 'cell.csv', 300);
  let handle: DatabaseHandle;
  let ownerId: number;

  beforeAll(async () => {
    handle = await createTestDatabase();
    ownerId = (await handle.db.insertInto('users').values({ username: 'o', email: 'o@example.org', password_hash: 'x', role: 'contributor', is_active: true }).returning('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const stateOf = async (dataFileId: number, jobId: number) => ({
    file: await handle.db.selectFrom('data_files').select(['state', 'error']).where('id', '=', dataFileId).executeTakeFirstOrThrow(),
    job: await handle.db
      .selectFrom('jobs')
      .select(['state', 'attempts', 'outages', 'last_error', sql<boolean>`run_at > now()`.as('waiting')])
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow(),
  });

  it('re-queues the job when the local store directory is gone, and parses it once it is back', async () => {
    const { dataFileId, job } = await claimNewDataFile(handle.db, store, ownerId, { name: fileName, bytes });
    renameSync(root, `${root}-unmounted`);
    try {
      expect(await runIngestJob({ db: handle.db, blobStore: store }, job)).toBe('queued');
    } finally {
      renameSync(`${root}-unmounted`, root);
    }
    const after = await stateOf(dataFileId, job.id);
    expect(after.file).toEqual({ state: 'queued', error: null });
    expect(after.job).toMatchObject({ state: 'queued', attempts: 0, outages: 1, waiting: true, last_error: { code: 'STORAGE_UNAVAILABLE' } });

    await handle.db.updateTable('jobs').set({ run_at: sql`now()` }).where('id', '=', job.id).execute();
    const again = await claimJob(handle.db, 'test', 120_000);
    expect(again?.id).toBe(job.id);
    expect(await runIngestJob({ db: handle.db, blobStore: store }, again!)).toBe('ready');
  });

  it('re-queues a job on its last attempt when the object store refuses connections', async () => {
    const { dataFileId, job } = await claimNewDataFile(handle.db, store, ownerId, { name: `2-${fileName}`, bytes: Buffer.concat([bytes, Buffer.from('\n')]) });
    // Port 1 on loopback refuses connections: an S3 endpoint that is down.
    const down = createS3BlobStore({ bucket: 'liionsden', endpoint: 'http://127.0.0.1:1', region: 'us-east-1', forcePathStyle: true, accessKeyId: 'k', secretAccessKey: 's' });
    expect(await runIngestJob({ db: handle.db, blobStore: down }, { ...job, maxAttempts: job.attempts })).toBe('queued');
    const after = await stateOf(dataFileId, job.id);
    expect(after.file.state).toBe('queued');
    expect(after.job).toMatchObject({ state: 'queued', attempts: 0, outages: 1, waiting: true, last_error: { code: 'STORAGE_UNAVAILABLE' } });
  });
});
