import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeOf } from './exit-codes.js';

const dir = mkdtempSync(join(tmpdir(), 'liionsden-cli-'));
const NOVONIX = '../shared/fixtures/novonix/sample_data_novonix.csv';

/** Runs the installed entry point exactly as `npx liionsden` does. */
function cli(...args: string[]) {
  return cliWith({}, ...args);
}

function cliWith(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/liionsden.js', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  // The same compile step `npm ci` runs through `prepare` (the web bundle is not needed here).
  try {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'ignore' });
  } catch {
    // Type errors in files being edited elsewhere still emit JavaScript; the run below is the check.
  }
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('liionsden parse', () => {
  it('--json prints one object with format, rows, columns, metadata, warnings and cycles', () => {
    const r = cli('parse', NOVONIX, '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, any>;
    expect(out.format).toBe('novonix-csv');
    expect(out.rows).toBe(207);
    expect(out.columns).toContainEqual({ name: 'Test Time / s', unit: 's', originalName: 'Run Time (h)', originalUnit: 'h' });
    expect(out.metadata.startTime).toBe('2025-07-19 15:26:20');
    expect(out.cycles).toHaveLength(1);
    expect(out.cycles[0].chargeCapacityAh).toBeCloseTo(1.70652976, 6);
    expect(Object.keys(out.cycles[0])).toEqual(expect.arrayContaining(['cycle', 'dischargeCapacityAh', 'chargeEnergyWh', 'dischargeEnergyWh', 'coulombicEfficiency']));
  });

  it('prints a readable summary and writes CSV and Parquet', () => {
    const csv = join(dir, 'out.csv');
    const parquet = join(dir, 'out.parquet');
    const r = cli('parse', NOVONIX, '--out', csv);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/novonix-csv .*207 rows, 1 cycles/);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(208);
    expect(lines[0]).toContain('Test Time / s');
    expect(cli('parse', NOVONIX, '--out', parquet).code).toBe(0);
    const bytes = readFileSync(parquet);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PAR1');
  });

  it('fails with one line and the error code’s exit status', () => {
    const garbage = join(dir, 'garbage.bin');
    writeFileSync(garbage, Buffer.from('hello, this is not a cycler file\n'));
    const unknown = cli('parse', garbage);
    expect(unknown.code).toBe(exitCodeOf.UNSUPPORTED_FORMAT);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toContain('garbage.bin');

    const broken = join(dir, 'broken.csv');
    writeFileSync(broken, 'Test Time / h,Current / A,Voltage / V\n0.1,1,3.5\n0.2,x1,3.6\n');
    const bad = cli('parse', broken);
    expect(bad.code).toBe(exitCodeOf.PARSE_ERROR);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/broken\.csv \(bdf-csv, line 3, field 'Current \/ A'\)/);

    expect(cli('parse', join(dir, 'missing.csv')).code).toBe(exitCodeOf.NOT_FOUND);
    expect(cli('parse', NOVONIX, '--format', 'nope').code).toBe(exitCodeOf.VALIDATION);
    expect(existsSync(join(dir, 'never.csv'))).toBe(false);
  });

  it('reads a big text file in batches (STREAM_INGEST_MIN_BYTES) with the same answer and the same Parquet', async () => {
    const csv = join(dir, 'big.csv');
    execFileSync(process.execPath, ['../shared/tools/synth-cycler.mjs', '--format', 'arbin-csv', '--rows', '50000', '--out', csv], { stdio: 'ignore' });
    const whole = cli('parse', csv, '--json', '--out', join(dir, 'whole.parquet'));
    const streamed = cliWith({ STREAM_INGEST_MIN_BYTES: '0' }, 'parse', csv, '--json', '--out', join(dir, 'streamed.parquet'));
    expect(whole.code, whole.stderr).toBe(0);
    expect(streamed.code, streamed.stderr).toBe(0);
    expect(JSON.parse(streamed.stdout)).toEqual(JSON.parse(whole.stdout));
    expect(cliWith({ STREAM_INGEST_MIN_BYTES: '0' }, 'parse', csv).stdout.split('\n')[0]).toMatch(/50000 rows, \d+ cycles \(read in batches\)$/);
    expect(cli('parse', csv).stdout.split('\n')[0]).not.toMatch(/batches/);
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    const differing = await con.runAndReadAll(
      `select count(*) from (select * from read_parquet('${join(dir, 'whole.parquet')}') except all select * from read_parquet('${join(dir, 'streamed.parquet')}'))`,
    );
    expect(Number(differing.getRows()[0][0])).toBe(0);
    const types = async (f: string) => (await con.runAndReadAll(`select column_name, column_type from (describe select * from read_parquet('${join(dir, f)}'))`)).getRows();
    expect(await types('streamed.parquet')).toEqual(await types('whole.parquet'));
  });
});
