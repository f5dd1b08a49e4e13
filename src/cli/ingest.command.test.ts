import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { insertUser } from '../users/user.repository.js';

const NOVONIX = '../shared/fixtures/novonix/sample_data_novonix.csv';
const PEC = '../shared/fixtures/pec/Test25195.csv';

// `liionsden ingest` in a process of its own on the embedded database, as a newcomer runs it: the
// exit status is the point (shutting down PGlite once reset a failed run's status to 0).
describe('liionsden ingest', () => {
  let dir: string;
  let cli: string;
  let experimentId: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ingest-cli-'));
    const database = openDatabase({ dataDir: join(dir, 'data') });
    await migrateToLatest(database.db);
    const user = await insertUser(database.db, { username: 'owner', email: 'o@example.org', password: 'pw-owner-secret', role: 'contributor', isActive: true });
    experimentId = (await database.db.insertInto('experiments').values({ name: 'cli ingest', owner_id: user.id }).returning('id').executeTakeFirstOrThrow()).id;
    await database.close();
    // Bundled from source so the test does not depend on a stale dist/.
    cli = resolve('.tmp', `ingest-cli-${process.pid}.mjs`);
    await build({ entryPoints: ['src/cli/main.ts'], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: cli, logLevel: 'silent' });
    writeFileSync(join(dir, 'notes.txt'), 'not a cycler file\nat all\n');
  }, 120_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cli, { force: true });
  });

  const ingest = (...paths: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'error' };
    delete env.DATABASE_URL;
    const r = spawnSync(process.execPath, [cli, 'ingest', ...paths, '--experiment', String(experimentId), '--user', 'owner', '--no-progress'], { encoding: 'utf8', timeout: 120_000, env });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('exits non-zero when a file failed, naming it in the summary table', () => {
    const r = ingest(NOVONIX, join(dir, 'notes.txt'));
    expect(r.stdout).toMatch(/notes\.txt .*failed .*no parser recognises this file/);
    expect(r.stdout).toContain('2 file(s): 1 ready, 1 failed, 0 duplicate');
    expect(r.code, r.stderr).toBe(1);
  }, 120_000);

  it('exits 0 when every file is ready or already in the experiment', () => {
    const r = ingest(PEC, NOVONIX);
    expect(r.stdout).toContain('2 file(s): 1 ready, 0 failed, 1 duplicate');
    expect(r.code, r.stderr).toBe(0);
  }, 120_000);

  it('appends a file that grew since it was ingested to its data file instead of storing it twice', async () => {
    execFileSync(process.execPath, ['../shared/tools/synth-cycler.mjs', '--format', 'arbin-csv', '--rows', '3000', '--out', join(dir, 'synth.csv')], { stdio: 'ignore' });
    const full = readFileSync(join(dir, 'synth.csv'));
    const half = full.subarray(0, full.indexOf(0x0a, Math.floor(full.length / 2)) + 1);
    const growing = join(dir, 'growing.csv');
    writeFileSync(growing, half);
    expect(ingest(growing).code).toBe(0);
    appendFileSync(growing, full.subarray(half.length));
    const r = ingest(growing);
    expect(r.stdout, r.stderr).toMatch(/growing\.csv .*ready .*grown: appended to data file \d+/);
    expect(r.code, r.stderr).toBe(0);
    const database = openDatabase({ dataDir: join(dir, 'data') });
    try {
      const rows = await database.db.selectFrom('data_files').select(['size_bytes', 'state']).where('original_name', '=', 'growing.csv').execute();
      expect(rows).toEqual([{ size_bytes: full.length, state: 'ready' }]);
    } finally {
      await database.close();
    }
  }, 120_000);
});
