import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ParsedColumn } from '../parsers/cycler-parser.js';
import { parseLocalFile } from '../parsers/parse-local-file.js';
import { SeriesSpool } from './series-spool.js';
import { duckdbConnection, isInt32Column, quoteIdent, quoteString, seriesCopyOptions, uniqueColumnNames, writeSeriesParquet } from './series-store.js';

const dir = mkdtempSync(join(tmpdir(), 'liionsden-staging-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const provenance = { sourceSha256: 'ef'.repeat(32), parser: 'arbin-csv', parserVersion: '1.0.0' };

/**
 * The writer series files had before the staging file: the values appended one by one into a DuckDB table
 * (NaN as null), then the same COPY. The staged path must give the very same bytes.
 */
async function writeThroughTable(columns: readonly ParsedColumn[], outPath: string): Promise<void> {
  const con = await duckdbConnection();
  const names = uniqueColumnNames(columns);
  const integer = columns.map((c) => isInt32Column(c.values));
  await con.run(`create or replace temp table reference (${names.map((n, i) => `${quoteIdent(n)} ${integer[i] ? 'integer' : 'double'}`).join(', ')})`);
  const appender = await con.createAppender('reference');
  for (let r = 0; r < columns[0].values.length; r++) {
    columns.forEach((c, k) => {
      const v = c.values[r];
      if (Number.isNaN(v)) appender.appendNull();
      else if (integer[k]) appender.appendInteger(v);
      else appender.appendDouble(v);
    });
    appender.endRow();
  }
  appender.closeSync();
  await con.run(`copy reference to ${quoteString(outPath)} (${seriesCopyOptions(columns, names, provenance)})`);
}

describe('series files through a staging file', () => {
  it('writes the bytes the table copy wrote, for a real export with missing values, -0 and whole-number columns', async () => {
    const { result } = await parseLocalFile('../shared/fixtures/arbin/FastCharge_000025_CH8.csv');
    const rows = result.rows;
    const gaps = Float64Array.from({ length: rows }, (_, i) => (i % 5 === 0 ? Number.NaN : i % 3 === 0 ? -0 : i / 4));
    const columns = [...result.columns, { name: 'Gaps / V', unit: 'V', originalName: 'Gaps', originalUnit: 'V', values: gaps }];
    expect(columns.some((c) => isInt32Column(c.values))).toBe(true);
    const staged = join(dir, 'staged.parquet');
    const reference = join(dir, 'reference.parquet');
    await writeSeriesParquet(columns, provenance, staged);
    await writeThroughTable(columns, reference);
    expect(Buffer.compare(readFileSync(staged), readFileSync(reference))).toBe(0);

    // Streamed in uneven blocks: the same values and types (row groups may be cut elsewhere).
    const spool = new SeriesSpool();
    for (let from = 0; from < rows; from += 777) await spool.add(columns.map((c) => ({ ...c, values: c.values.slice(from, from + 777) })));
    const streamed = join(dir, 'streamed.parquet');
    await spool.finish(columns, provenance, streamed);
    const con = await duckdbConnection();
    const read = async (path: string) => (await con.runAndReadAll(`select * from read_parquet(${quoteString(path)})`)).getRows();
    const describe = async (path: string) => (await con.runAndReadAll(`describe select * from read_parquet(${quoteString(path)})`)).getRows();
    expect(await describe(streamed)).toEqual(await describe(reference));
    expect(await read(streamed)).toEqual(await read(reference));
  });
});
