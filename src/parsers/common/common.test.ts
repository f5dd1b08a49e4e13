import { describe, expect, it } from 'vitest';
import { ParseError } from '../cycler-parser.js';
import { decodeText } from './decode-text.js';
import { parseDateTime } from './date-time.js';
import { detectDecimalComma, detectDelimiter } from './delimiter.js';
import { parseDuration } from './duration.js';
import { scanNumber } from './fast-number.js';
import { splitHeaderCell } from './header-columns.js';
import { readTable } from './table-reader.js';

const enc = (s: string) => new TextEncoder().encode(s);

function num(text: string, comma = false): number {
  const b = enc(text);
  return scanNumber(b, 0, b.length, comma ? 44 : 46, { pos: 0 });
}

describe('scanNumber', () => {
  it('equals Number() on every shape seen in cycler files', () => {
    const samples = ['0', '-0.5', '3.45922026', '1.5000000E+003', '2.816723801174285E+005', '4.179645956759983E-002',
      '-9.63E-05', '0.00401299999999999', '12345678901234567890', '1e-300', '+7', '.5', '30.0005', '-1.1444092e-05',
      '0.000000000000000E+000', '16566952984409000', '5.002879', '100', '0.1', '1.7976931348623157e308'];
    for (const s of samples) expect(num(s), s).toBe(Number(s));
  });
  it('equals Number() at the edges of the int32 fast path', () => {
    const samples = ['999999999.999999', '123456789.123456', '1234567890.12', '0.123456789', '0.1234567891', '-0', '-0.0',
      '2147483647.5', '4294967296', '999999999999999', '9999999999999999', '5.', '-.5', '-', '.'];
    for (const s of samples) expect(Object.is(num(s), Number(s === '-' || s === '.' ? 'x' : s)), s).toBe(true);
  });
  it('reads a decimal comma', () => {
    expect(num('0,017', true)).toBe(0.017);
    expect(num('-2,5E+001', true)).toBe(-25);
  });
  it('returns NaN without digits', () => {
    expect(num('N/A')).toBeNaN();
    expect(num('')).toBeNaN();
  });
  it('matches Number() on random values', () => {
    for (let i = 0; i < 20000; i++) {
      const v = (Math.random() - 0.5) * 10 ** Math.floor(Math.random() * 20 - 10);
      for (const s of [String(v), v.toFixed(6), v.toExponential(7)]) expect(num(s)).toBe(Number(s));
    }
  });
});

describe('dates and durations', () => {
  const utc = (s: string) => Date.parse(s + 'Z') / 1000;
  it('parses every vendor date style as local wall clock', () => {
    expect(parseDateTime('12/16/2019 14:03:25')).toBe(utc('2019-12-16T14:03:25'));
    expect(parseDateTime('5/11/2021 3:40:24 PM')).toBe(utc('2021-05-11T15:40:24'));
    expect(parseDateTime('5/11/2021 12:40:24 AM')).toBe(utc('2021-05-11T00:40:24'));
    expect(parseDateTime('11/20/2024 11:38:41.707')).toBeCloseTo(utc('2024-11-20T11:38:41.707'), 6);
    expect(parseDateTime('19.06.2023 17:56:53')).toBe(utc('2023-06-19T17:56:53'));
    expect(parseDateTime('23-Nov-23 3:56:08 PM')).toBe(utc('2023-11-23T15:56:08'));
    expect(parseDateTime('28-Nov-23')).toBe(utc('2023-11-28T00:00:00'));
    expect(parseDateTime('2024-01-15 09:00:01')).toBe(utc('2024-01-15T09:00:01'));
    expect(parseDateTime('2024-01-15T09:00:01+02:00')).toBe(utc('2024-01-15T07:00:01'));
    expect(parseDateTime('2028/07/05 17:36:07')).toBe(utc('2028-07-05T17:36:07'));
    expect(parseDateTime('10/22/2019')).toBe(utc('2019-10-22T00:00:00'));
    expect(parseDateTime('11 December 2020, 12:22:12 PM')).toBe(utc('2020-12-11T12:22:12'));
    expect(parseDateTime('14 December 2020')).toBe(utc('2020-12-14T00:00:00'));
    expect(parseDateTime('06/05/2021 11:23:46', 'dmy')).toBe(utc('2021-05-06T11:23:46'));
    expect(parseDateTime('hello')).toBeNaN();
  });
  it('parses durations', () => {
    expect(parseDuration('1d 21:49:19.58')).toBeCloseTo(86400 + 21 * 3600 + 49 * 60 + 19.58, 9);
    expect(parseDuration('0d 05:22:9.62')).toBeCloseTo(5 * 3600 + 22 * 60 + 9.62, 9);
    expect(parseDuration('144:01:18')).toBe(144 * 3600 + 78);
    expect(parseDuration('00:00:00.002')).toBeCloseTo(0.002, 12);
    expect(parseDuration('12.5')).toBe(12.5);
    expect(parseDuration('x1')).toBeNaN();
  });
});

describe('text detection', () => {
  it('decodes UTF-8, falls back to cp1252, strips the BOM', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])).text).toBe('A');
    expect(decodeText(new Uint8Array([0x54, 0x2f, 0xb0, 0x43]))).toEqual({ text: 'T/°C', encoding: 'windows-1252' });
    expect(decodeText(new Uint8Array([0xc2, 0xb0])).encoding).toBe('utf-8');
  });
  it('finds delimiters and decimal commas', () => {
    expect(detectDelimiter('a\tb\tc', ['1,0\t2,0\t3'])).toBe('\t');
    expect(detectDelimiter('a,b,c', ['1,2,3'])).toBe(',');
    expect(detectDelimiter('a;b;c', ['1,5;2;3'])).toBe(';');
    expect(detectDecimalComma(['0,000000\t1,5\tR'], '\t')).toBe(true);
    expect(detectDecimalComma(['0.000\t1.5\t11/20/2024 11:38:41.707'], '\t')).toBe(false);
  });
  it('splits units out of headers', () => {
    expect(splitHeaderCell('Test Time (s)')).toMatchObject({ name: 'Test Time', unit: 's' });
    expect(splitHeaderCell('Current(A)')).toMatchObject({ name: 'Current', unit: 'A' });
    expect(splitHeaderCell('Cap. [Ah]')).toMatchObject({ name: 'Cap.', unit: 'Ah' });
    expect(splitHeaderCell('control/V/mA', { slash: true })).toMatchObject({ name: 'control', unit: 'V/mA' });
    expect(splitHeaderCell('Amp-hr')).toMatchObject({ name: 'Amp-hr', unit: null });
  });
});

describe('readTable', () => {
  const base = { format: 'test', fileName: 'x.csv', start: 0, firstLineNumber: 2, decimalComma: false };
  it('reads numbers, blanks, short lines, quotes and custom fields', () => {
    const bytes = enc('1,\t2.5,"3",R\r\n\r\n2,,N/A\n3,1e3,4,C');
    const r = readTable({ ...base, bytes, delimiter: 44, fields: [
      { index: 0, name: 'a' }, { index: 1, name: 'b' }, { index: 2, name: 'c' },
      { index: 3, name: 'state', read: (b, s) => (b[s] === 67 ? 1 : b[s] === 82 ? 0 : NaN) },
    ] });
    expect(r.rows).toBe(3);
    expect([...r.columns[0]]).toEqual([1, 2, 3]);
    expect([...r.columns[1]]).toEqual([2.5, NaN, 1000]);
    expect([...r.columns[2]]).toEqual([3, NaN, 4]);
    expect([...r.columns[3]]).toEqual([0, NaN, 1]);
  });
  it('names line and column of a bad value', () => {
    const bytes = enc('1\t2\n3\tabc\n');
    const read = () => readTable({ ...base, bytes, delimiter: 9, fields: [{ index: 0, name: 'a' }, { index: 1, name: 'Volts' }] });
    expect(read).toThrow(ParseError);
    expect(read).toThrow(/line 3, field 'Volts'.*abc/);
  });
  it('reads every number shape in rows as Number() does (fast path and fallback side by side)', () => {
    // Enough rows for the row scanner to be optimised while it runs, with long, exponent, signed
    // and quoted numbers between plain ones, so both paths feed the same column.
    const shapes = ['3.45922026', '1.5000000E+003', '-9.63E-05', '12345678901234567890', '+7', '.5', ' 42', '"5.25"', '0.00401299999999999', '-0'];
    const lines: string[] = [];
    const expected: number[][] = [[], []];
    for (let i = 0; i < 30000; i++) {
      const a = shapes[i % shapes.length];
      const b = (i * 0.001).toFixed(3);
      lines.push(`${a},${b}`);
      expected[0].push(Number(a.replace(/"/g, '')));
      expected[1].push(Number(b));
    }
    const r = readTable({ ...base, bytes: enc(lines.join('\n')), delimiter: 44, fields: [{ index: 0, name: 'a' }, { index: 1, name: 'b' }] });
    expect(r.rows).toBe(30000);
    for (let k = 0; k < 2; k++) for (let i = 0; i < r.rows; i++) if (!Object.is(r.columns[k][i], expected[k][i])) expect([k, i, r.columns[k][i]]).toEqual([k, i, expected[k][i]]);
  });
  it('keeps empty tab fields in place', () => {
    const r = readTable({ ...base, bytes: enc('1\t\t3\n'), delimiter: 9, fields: [{ index: 0, name: 'a' }, { index: 1, name: 'b' }, { index: 2, name: 'c' }] });
    expect([...r.columns[1]]).toEqual([NaN]);
    expect([...r.columns[2]]).toEqual([3]);
  });
});
