import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureLoader } from '../../tests/setup/parser-golden.js';
import { createTestDatabase } from '../../tests/setup/test-database.js';
import type { DatabaseHandle } from '../db/database.js';
import type { SpreadsheetLimits } from '../parsers/common/spreadsheet-reader.js';
import { putContent } from '../storage/blob-store.js';
import { createLocalBlobStore } from '../storage/local-blob-store.js';
import { runIngestJob } from './ingest-pipeline.js';
import { claimJob, enqueueIngestJob } from './job-queue.js';

// SPREADSHEET_READ_TIMEOUT_S reaches the worker thread that reads an uploaded workbook (ADR 0011).
describe('ingest of a workbook under the configured spreadsheet limits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'liionsden-sheet-limits-'));
  const store = createLocalBlobStore(join(dir, 'files'));
  const bytes = fixtureLoader('maccor')('maccor_example_new.xlsx');
  let handle: DatabaseHandle;
  let ownerId: number;

  beforeAll(async () => {
    handle = await createTestDatabase();
    ownerId = (await handle.db.insertInto('users').values({ username: 's', email: 's@example.org', password_hash: 'x', role: 'contributor', is_active: true }).returning('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function ingest(name: string, spreadsheetLimits: SpreadsheetLimits | undefined) {
    const blob = await putContent(store, Readable.from([Buffer.from(bytes)]));
    const experimentId = (await handle.db.insertInto('experiments').values({ name, owner_id: ownerId }).returning('id').executeTakeFirstOrThrow()).id;
    const file = await handle.db
      .insertInto('data_files')
      .values({ name, experiment_id: experimentId, original_name: 'maccor_example_new.xlsx', sha256: blob.sha256, size_bytes: blob.sizeBytes, blob_key: blob.key, owner_id: ownerId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueueIngestJob(handle.db, file.id);
    const job = await claimJob(handle.db, 'test', 120_000);
    const outcome = await runIngestJob({ db: handle.db, blobStore: store, spreadsheetLimits }, job!);
    const row = await handle.db.selectFrom('data_files').select(['state', 'error']).where('id', '=', file.id).executeTakeFirstOrThrow();
    return { outcome, row };
  }

  it('fails the file with the time limit in its error, then parses the same file under the defaults', async () => {
    const slow = await ingest('tight', { timeS: 0.001, memoryMb: 2048 });
    expect(slow.row.state).toBe('failed');
    expect(slow.row.error).toMatchObject({ code: 'PARSE_ERROR', format: 'maccor-excel', fileName: 'maccor_example_new.xlsx', message: 'maccor_example_new.xlsx (maccor-excel, byte 0): spreadsheet read took longer than 0.001 s' });
    const ok = await ingest('default', undefined);
    expect(ok).toMatchObject({ outcome: 'ready', row: { state: 'ready', error: null } });
  });
});
