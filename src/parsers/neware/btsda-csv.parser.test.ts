import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StepType } from '../../domain/step-types.js';
import { ParseError } from '../cycler-parser.js';
import { newareCsvParser } from './btsda-csv.parser.js';

const dir = '../shared/fixtures/neware';
const read = (name: string) => new Uint8Array(readFileSync(`${dir}/${name}`));
const parse = (name: string, bytes = read(name)) => newareCsvParser.parse({ fileName: name, bytes });
type Result = Awaited<ReturnType<typeof parse>>;
const col = (r: Result, name: string) => {
  const c = r.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c.values;
};
const hms = (t: string) => t.split(':').reduce((s, p) => s * 60 + Number(p), 0);

describe('neware BTSDA CSV parser', () => {
  it('detects flat and layered exports', () => {
    expect(newareCsvParser.detect({ fileName: 'a.csv', head: read('neware_uio.csv').subarray(0, 65536) })).toBeGreaterThan(0.9);
    expect(newareCsvParser.detect({ fileName: 'a.csv', head: read('nw_regular_export_ife_example.csv').subarray(0, 65536) })).toBeGreaterThan(0.9);
    expect(newareCsvParser.detect({ fileName: 'a.csv', head: new TextEncoder().encode('Data_Point,Test_Time(s)\n') })).toBe(0);
  });

  it('flat record CSV: all 9 065 rows agree with the text, hours beyond 24 included', async () => {
    const r = await parse('neware_uio.csv');
    expect(r.rows).toBe(9065);
    const lines = new TextDecoder().decode(read('neware_uio.csv')).trimEnd().split(/\r?\n/).slice(1).map((l) => l.split(','));
    const [v, i, t, st, chg, dchg, cyc] = ['Voltage / V', 'Current / A', 'Test Time / s', 'Step Time / s', 'Charging Capacity / Ah', 'Discharging Capacity / Ah', 'Cycle Vendor / 1'].map((n) => col(r, n));
    lines.forEach((f, k) => {
      expect(v[k]).toBe(Number(f[7]));
      expect(i[k]).toBe(Number(f[6]));
      expect(t[k]).toBe(hms(f[5]));
      expect(st[k]).toBe(hms(f[4]));
      expect(chg[k]).toBe(Number(f[10]));
      expect(dchg[k]).toBe(Number(f[12]));
      expect(cyc[k]).toBe(Number(f[1]));
    });
    expect(t.at(-1)).toBeGreaterThan(144 * 3600);
    const types = col(r, 'Step Type / 1');
    expect(new Set(types)).toEqual(new Set([StepType.Rest, StepType.CCCharge, StepType.CCDischarge]));
    expect(col(r, 'Unix Time / s')[0]).toBe(Date.UTC(2022, 4, 18, 16, 27, 52) / 1000);
    expect(r.counters.capacity).toBe('per-step');
  });

  it('layered CSV: 9 295 records with cycle and step taken from the rows above them', async () => {
    const r = await parse('nw_regular_export_ife_example.csv');
    expect(r.rows).toBe(9295);
    const cyc = col(r, 'Cycle Vendor / 1');
    expect(cyc[0]).toBe(1);
    expect(cyc.at(-1)).toBe(20);
    // The first step row is glued onto the first cycle row: the first records are its Rest step.
    expect(col(r, 'Step Type / 1')[0]).toBe(StepType.Rest);
    const records = new TextDecoder().decode(read('nw_regular_export_ife_example.csv')).split(/\r?\n/).filter((l) => l.startsWith(',,')).slice(1).map((l) => l.split(','));
    const [v, i, chg, dchg, temp] = ['Voltage / V', 'Current / A', 'Charging Capacity / Ah', 'Discharging Capacity / Ah', 'Temperature T1 / degC'].map((n) => col(r, n));
    records.forEach((f, k) => {
      expect(v[k]).toBe(Number(f[6]));
      expect(i[k]).toBe(Number(f[5]));
      // The unsigned per-step capacity goes to the side the current flows.
      expect(chg[k] + dchg[k]).toBe(Number(f[7]));
      if (Number(f[5]) < 0) expect(chg[k]).toBe(0);
      expect(temp[k]).toBe(Number(f[12]));
    });
  });

  it('refuses a file that is not a BTSDA export', async () => {
    await expect(parse('x.csv', new TextEncoder().encode('a,b\n1,2\n'))).rejects.toBeInstanceOf(ParseError);
  });
});
