import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../cycler-parser.js';
import { arbinResParser } from './res.parser.js';

const dir = '../shared/fixtures/arbin';
const read = (name: string) => new Uint8Array(readFileSync(`${dir}/${name}`));
const parse = (name: string, bytes = read(name)) => arbinResParser.parse({ fileName: name, bytes });
type Result = Awaited<ReturnType<typeof parse>>;
const col = (r: Result, name: string) => {
  const c = r.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c.values;
};

describe('arbin .res parser', () => {
  it('detects the Jet signature and named .res.gz files', () => {
    expect(arbinResParser.detect({ fileName: 'a.res', head: read('aux_one_x_dx.res').subarray(0, 64) })).toBe(1);
    expect(arbinResParser.detect({ fileName: 'mits7-0.res.gz', head: read('mits7-0.res.gz').subarray(0, 64) })).toBe(0.9);
    expect(arbinResParser.detect({ fileName: 'a.csv', head: new TextEncoder().encode('Data_Point,') })).toBe(0);
  });

  it('Results File 5.26: 10 261 rows, 18 cycles, per-cycle counters, OLE dates', async () => {
    const r = await parse('20160805_test001_45_cc_01.res');
    expect(r.rows).toBe(10261);
    expect(r.metadata).toMatchObject({ fileVersion: 'Results File 5.26', channel: 3, startTime: '2016-08-05T16:16:23.000', schedule: 'SiNODE\\24h_rest_3cyc_C20_100cyc_c10_MR.sdu', software: '4.32 Build: 130904' });
    const point = col(r, 'Record Index / 1');
    for (let i = 1; i < point.length; i++) expect(point[i]).toBeGreaterThan(point[i - 1]);
    expect(col(r, 'Cycle Vendor / 1').at(-1)).toBe(18);
    expect(col(r, 'Test Time / s')[0]).toBeCloseTo(300.0105, 4);
    expect(col(r, 'Voltage / V')[0]).toBeCloseTo(3.097617, 6);
    expect(col(r, 'Current / A').at(-1)).toBeCloseTo(-0.000304207, 9);
    expect(col(r, 'Discharging Capacity / Ah').at(-1)).toBeCloseTo(0.0002393132, 10);
    // DateTime 42587.6815162037 (OLE days, local) → 2016-08-05 16:21:23 read as UTC.
    expect(col(r, 'Unix Time / s')[0]).toBeCloseTo(Date.UTC(2016, 7, 5, 16, 21, 23) / 1000, 0);
    expect(r.counters).toEqual({ capacity: 'per-cycle', energy: 'per-cycle' });
  });

  it('Results File 20171213 with an aux temperature pivoted into Temperature T1', async () => {
    const r = await parse('aux_one_x_dx.res');
    expect(r.rows).toBe(7235);
    expect(col(r, 'Temperature T1 / degC')[0]).toBeCloseTo(24.40658, 4);
    expect(col(r, 'Temperature T1 / degC').at(-1)).toBeCloseTo(25.14666, 4);
    expect(col(r, 'Temperature T1 rate / degC/s')[0]).toBeCloseTo(0.1116178, 6);
    expect(col(r, 'Charging Capacity / Ah').at(-1)).toBeCloseTo(1.595609, 5);
    expect(r.columns.find((c) => c.name === 'ACR')).toBeDefined();
  });

  it('reads .res.gz (MITS 7) directly', async () => {
    const r = await parse('mits7-0.res.gz');
    expect(r.rows).toBe(8);
    expect(r.metadata).toMatchObject({ creator: 'Graham', software: 'PV7.0 Build: 180508USB', nominalCapacityAh: expect.closeTo(0.003071, 6) });
    expect(col(r, 'Test Time / s').at(-1)).toBeCloseTo(141.2641, 4);
  });

  it('refuses garbage, a truncated database and a bad gzip with a ParseError', async () => {
    await expect(parse('x.res', new Uint8Array(5000))).rejects.toBeInstanceOf(ParseError);
    const truncated = read('aux_one_x_dx.res').subarray(0, 300000);
    await expect(parse('t.res', truncated)).rejects.toBeInstanceOf(ParseError);
    await expect(parse('t.res.gz', gzipSync(Buffer.from('not a database')))).rejects.toBeInstanceOf(ParseError);
  });
});
