import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson, type Row } from '../../tests/setup/api-json.js';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';
import type { Channel, Harvester } from '../monitor/monitor.schemas.js';
import { runHarvester, type HarvesterOptions } from './harvester.js';

/** The harvester names itself on what it sends, and reports a heartbeat after each scan and while idle. */
describe('harvester heartbeat', () => {
  const dir = mkdtempSync(join(tmpdir(), 'heartbeat-'));
  const folder = join(dir, 'cycler');
  let t: TestApp;
  let user: TestUser;
  let server: ServerType;
  let opts: HarvesterOptions;

  beforeAll(async () => {
    t = await createTestApp({ config: { dataDir: join(dir, 'data') } });
    user = await t.createUser('contributor');
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const experimentId = (await expectJson(await t.call('POST', '/api/v1/experiments', user, { name: 'beating', status: 'private' }), 201)).id;
    mkdirSync(folder, { recursive: true });
    execFileSync(process.execPath, ['../shared/tools/synth-cycler.mjs', '--format', 'arbin-csv', '--rows', '200', '--out', join(folder, 'Channel_3.csv')], { stdio: 'ignore' });
    const port = (server.address() as AddressInfo).port;
    opts = { server: `http://127.0.0.1:${port}`, token: user.headers.authorization.slice('Bearer '.length), folder, experimentId, statePath: join(dir, 'state.json'), backoffMs: 50, maxBackoffMs: 200, harvesterName: 'cycler-pc-7' };
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const harvesters = async () => (await expectJson<{ items: Harvester[] }>(await t.call('GET', '/api/v1/harvesters', user))).items;

  it('sends a heartbeat after its scan, and marks the files it uploads as its own', async () => {
    await runHarvester(opts, { once: true });
    const [h] = await harvesters();
    expect(h).toMatchObject({ name: 'cycler-pc-7', files: 1, pathsCount: 1, lastError: null, online: true, heartbeatIntervalS: 60 });
    expect(h.lastScan).toMatchObject({ files: 1, uploaded: 1, failed: 0 });
    const channels = (await expectJson<{ items: Channel[] }>(await t.call('GET', '/api/v1/monitor/channels', user))).items;
    expect(channels.map((c) => [c.name, c.harvesterName])).toEqual([['Channel_3.csv', 'cycler-pc-7']]);
    const [file] = (await expectJson<{ items: Row[] }>(await t.call('GET', `/api/v1/data-files?harvester_name=cycler-pc-7`, user))).items;
    expect(file.name).toBe('Channel_3.csv');
  });

  it('keeps beating while idle between scans', async () => {
    const stop = new AbortController();
    const before = (await harvesters())[0].lastSeenAt;
    const running = runHarvester({ ...opts, intervalS: 3600, heartbeatIntervalS: 1 }, { signal: stop.signal });
    const beats = new Set<string>();
    for (let i = 0; i < 200 && beats.size < 3; i++) {
      beats.add((await harvesters())[0].lastSeenAt);
      await new Promise((r) => setTimeout(r, 100));
    }
    stop.abort();
    await running.catch(() => undefined);
    beats.delete(before);
    // The scan at start beats once; only idle beats (no scan for an hour) bring the others.
    expect(beats.size).toBeGreaterThanOrEqual(2);
  });
});
