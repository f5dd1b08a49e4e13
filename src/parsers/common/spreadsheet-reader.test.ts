import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fixtureLoader } from '../../../tests/setup/parser-golden.js';
import { ParseError } from '../cycler-parser.js';
import { parseFile } from '../parse-file.js';
import { readSheets } from './spreadsheet-reader.js';

const arbin = fixtureLoader('arbin')('bs542_004_gr_li_50ua_50mv_1v_191020_Channel_11.xlsx');
const maccor = fixtureLoader('maccor')('maccor_example_new.xlsx');
const source = (bytes: Uint8Array) => ({ format: 'test-xlsx', fileName: 'book.xlsx', bytes });

const NS = 'http://schemas.openxmlformats.org';
/** A minimal .xlsx whose one sheet holds rows × cols numbers (150,000 × 10: 170 kB that SheetJS needs seconds and > 64 MB to read). */
function craftWorkbook(rows: number, cols: number): Uint8Array {
  const row = `<row>${'<c><v>1.5</v></c>'.repeat(cols)}</row>`;
  const rel = (type: string, target: string) => `<Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/${type}" Target="${target}"/></Relationships>`;
  return zipSync({
    '[Content_Types].xml': strToU8(`<Types xmlns="${NS}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`),
    '_rels/.rels': strToU8(rel('officeDocument', 'xl/workbook.xml')),
    'xl/workbook.xml': strToU8(`<workbook xmlns="${NS}/spreadsheetml/2006/main" xmlns:r="${NS}/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(rel('worksheet', 'worksheets/sheet1.xml')),
    'xl/worksheets/sheet1.xml': strToU8(`<worksheet xmlns="${NS}/spreadsheetml/2006/main"><sheetData>${row.repeat(rows)}</sheetData></worksheet>`),
  }, { level: 1 });
}

describe('readSheets (SheetJS on a worker thread)', () => {
  it('reads a crafted workbook like a real one', async () => {
    const book = await readSheets(source(craftWorkbook(3, 2)));
    expect(book).toEqual({ names: ['Data'], sheets: [{ name: 'Data', rows: [[1.5, 1.5], [1.5, 1.5], [1.5, 1.5]] }], messages: [] });
  });

  it('fails a workbook that reads too long with a ParseError naming format and file, and keeps this thread serving', async () => {
    const hostile = craftWorkbook(150_000, 10);
    let ticks = 0;
    const ticker = setInterval(() => { ticks++; }, 10);
    const err = await readSheets(source(hostile), undefined, { timeS: 0.5, memoryMb: 2048 }).catch((e: unknown) => e);
    clearInterval(ticker);
    expect(err).toBeInstanceOf(ParseError);
    expect(err).toMatchObject({ format: 'test-xlsx', fileName: 'book.xlsx', byte: 0, message: 'book.xlsx (test-xlsx, byte 0): spreadsheet read took longer than 0.5 s' });
    // Read in this thread, the timer could not have fired before the read ended.
    expect(ticks).toBeGreaterThanOrEqual(20);
    // The next read gets a fresh worker and answers.
    expect((await readSheets(source(maccor))).names).toContain('Data');
  });

  it('fails a workbook that needs more heap than its memory limit', async () => {
    await expect(readSheets(source(craftWorkbook(150_000, 10)), undefined, { timeS: 60, memoryMb: 64 }))
      .rejects.toThrow('book.xlsx (test-xlsx, byte 0): spreadsheet read needed more than 64 MB of memory');
  });

  it('keeps this thread serving while a real workbook is read', async () => {
    let ticks = 0;
    const ticker = setInterval(() => { ticks++; }, 1);
    const started = performance.now();
    const book = await readSheets(source(arbin), /^Channel/);
    const readMs = performance.now() - started;
    clearInterval(ticker);
    expect(book.sheets.map((s) => s.rows.length)).toEqual([4527]);
    expect(ticks).toBeGreaterThan(Math.min(20, readMs / 20));
  });

  it('reports a file SheetJS cannot read as not a readable workbook', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expect(readSheets(source(ole))).rejects.toThrow(/^book\.xlsx \(test-xlsx, byte 0\): not a readable workbook: /);
  });

  it("passes a parse input's limits to the spreadsheet parsers", async () => {
    const err = await parseFile({ fileName: 'maccor_example_new.xlsx', bytes: maccor, spreadsheetLimits: { timeS: 0.001, memoryMb: 2048 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).message).toBe('maccor_example_new.xlsx (maccor-excel, byte 0): spreadsheet read took longer than 0.001 s');
    expect((await parseFile({ fileName: 'maccor_example_new.xlsx', bytes: maccor })).result.rows).toBeGreaterThan(0);
  });
});
