import { expectJson, type Row } from './api-json.js';
import type { TestApp, TestUser } from './test-app.js';

/** Waits (up to a minute) until the data file holds the bytes `sha256` and their parse has ended (ready or failed). */
export async function settledDataFile(t: TestApp, user: TestUser, id: number, sha256: string): Promise<Row> {
  for (let i = 0; i < 1200; i++) {
    const row = await expectJson(await t.call('GET', `/api/v1/data-files/${id}`, user));
    if (row.sha256 === sha256 && (row.state === 'ready' || row.state === 'failed')) return row;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`data file ${id} never settled on ${sha256}`);
}
