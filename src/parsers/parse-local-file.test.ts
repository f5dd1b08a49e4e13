import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { arbinWithBadValue, plannedTableCases } from '../../tests/setup/planned-table-cases.js';
import { fixtureLoader } from '../../tests/setup/parser-golden.js';
import { syntheticExport } from '../../tests/setup/synthetic-export.js';
import { ParseError } from './cycler-parser.js';
import { parseFile, type ParsedFile } from './parse-file.js';
import { parseLocalFile } from './parse-local-file.js';

const dir = mkdtempSync(join(tmpdir(), 'parse-local-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function onDisk(fileName: string, bytes: Uint8Array): string {
  const path = join(dir, fileName);
  writeFileSync(path, bytes);
  return path;
}

const bitsOf = (v: Float64Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

/** Same rows, columns (bit for bit), metadata, warnings and cycle summary. */
function expectSame(local: ParsedFile, whole: ParsedFile, label: string): void {
  const { columns: a, ...restA } = local.result;
  const { columns: b, ...restB } = whole.result;
  expect(restA, label).toEqual(restB);
  expect(a.map(({ values: _v, ...c }) => c), label).toEqual(b.map(({ values: _v, ...c }) => c));
  a.forEach((c, k) => {
    if (!bitsOf(c.values).equals(bitsOf(b[k].values))) expect(c.values, `${label}: ${c.name}`).toEqual(b[k].values);
  });
  expect(local.cycles, label).toEqual(whole.cycles);
}

describe('parseLocalFile (a file on disk, tables read a piece at a time)', () => {
  for (const c of plannedTableCases) {
    it(`gives exactly what parseFile gives: ${c.label}`, async () => {
      const { fileName, bytes } = c.load();
      const path = onDisk(fileName, bytes);
      const whole = await parseFile({ fileName, bytes, columnMapping: c.columnMapping });
      // Pieces smaller than a line (the piece grows), a few lines, and the default.
      for (const pieceBytes of [64, 1 << 12, undefined]) {
        expectSame(await parseLocalFile(path, { columnMapping: c.columnMapping, pieceBytes }), whole, `${c.label}, pieces of ${pieceBytes ?? 'default'} bytes`);
      }
    });
  }

  it('reads gzip and binary files whole, as parseFile does', async () => {
    const fixture = fixtureLoader('');
    for (const [fileName, bytes] of [
      ['arbin.csv.gz', gzipSync(fixture('arbin/arbin.csv'))],
      ['test_2.ndax', fixture('neware/test_2.ndax')],
    ] as const) {
      expectSame(await parseLocalFile(onDisk(fileName, bytes)), await parseFile({ fileName, bytes }), fileName);
    }
  });

  it('names the line and column of a bad value, as parseFile does', async () => {
    const bad = arbinWithBadValue();
    const whole = await parseFile({ fileName: 'bad.csv', bytes: bad }).catch((e: unknown) => e);
    const local = await parseLocalFile(onDisk('bad.csv', bad), { pieceBytes: 1 << 14 }).catch((e: unknown) => e);
    expect(local).toBeInstanceOf(ParseError);
    expect((local as ParseError).toJSON()).toEqual((whole as ParseError).toJSON());
    expect((local as ParseError).line).toBe(15_002);
  });

  it('treats a header without rows as parseFile does', async () => {
    const header = new TextEncoder().encode('Data_Point,Test_Time(s),Date_Time,Step_Time(s),Step_Index,Cycle_Index,Current(A),Voltage(V)\n');
    const whole = await parseFile({ fileName: 'empty.csv', bytes: header }).catch((e: unknown) => e);
    const local = await parseLocalFile(onDisk('empty.csv', header)).catch((e: unknown) => e);
    expect(whole).toBeInstanceOf(ParseError);
    expect((local as ParseError).toJSON()).toEqual((whole as ParseError).toJSON());
  });

  it('reports progress up to the whole file', async () => {
    const { fileName, bytes } = syntheticExport('arbin-csv', 'progress.csv', 20_000);
    const seen: number[] = [];
    await parseLocalFile(onDisk(fileName, bytes), { pieceBytes: 1 << 16, onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(10);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(seen.at(-1)).toBe(1);
  });

  it('lets the event loop turn while it reads (a server parsing in-process keeps answering)', async () => {
    const { fileName, bytes } = syntheticExport('arbin-csv', 'turns.csv', 20_000);
    let turns = 0;
    let ticking = true;
    const tick = (): void => { if (ticking) { turns++; setImmediate(tick); } };
    setImmediate(tick);
    await parseLocalFile(onDisk(fileName, bytes), { pieceBytes: 1 << 12 });
    ticking = false;
    expect(turns).toBeGreaterThan(20);
  });

  it('refuses a line longer than 64 MiB instead of gathering it without bound', async () => {
    const header = 'Data_Point,Test_Time(s),Date_Time,Step_Time(s),Step_Index,Cycle_Index,Current(A),Voltage(V)\n1,1,2024-01-01 00:00:01,1,1,1,0.1,3.5\n';
    const path = join(dir, 'endless.csv');
    writeFileSync(path, header);
    appendFileSync(path, Buffer.alloc(65 << 20, 0x37));
    const err = await parseLocalFile(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).message).toMatch(/endless\.csv \(arbin-csv, byte \d+\): line longer than 64 MiB/);
  });
});
