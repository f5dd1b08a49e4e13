import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../cycler-parser.js';
import { StepType } from '../../domain/step-types.js';
import { parseFile } from '../parse-file.js';
import { biologicMprParser } from './mpr.parser.js';
import { biologicMpsParser } from './mps.parser.js';

const dir = '../shared/fixtures/biologic';
const read = (name: string) => new Uint8Array(readFileSync(`${dir}/${name}`));
const parse = (name: string, bytes = read(name)) => biologicMprParser.parse({ fileName: name, bytes });
type Result = Awaited<ReturnType<typeof parse>>;
const col = (r: Result, name: string) => {
  const c = r.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
};
const JDB = 'jdb11-1_c3_gcpl_5cycles_2V-3p8V_C-24_data_C09.mpr';

describe('biologic .mpr parser', () => {
  it('detects the BIO-LOGIC MODULAR FILE signature', () => {
    expect(biologicMprParser.detect({ fileName: 'x.mpr', head: read('GCPL-0.mpr').subarray(0, 64) })).toBe(1);
    expect(biologicMprParser.detect({ fileName: 'x.mpr', head: read('sample_settings.mps').subarray(0, 64) })).toBe(0);
  });

  it('jdb11 (data module v3, GCPL, 5 cycles): 46 102 rows, current derived from dq', async () => {
    const r = await parse(JDB);
    expect(r.rows).toBe(46102);
    expect(r.metadata).toMatchObject({ dataModuleVersion: 3, startTime: '2020-10-26T12:49:58.000' });
    const t = col(r, 'Test Time / s').values;
    expect(t[0]).toBe(0);
    expect(t.at(-1)).toBeCloseTo(456309.6, 0);
    const v = col(r, 'Voltage / V');
    expect(v.originalName).toBe('Ewe/V');
    expect(v.values[0]).toBeCloseTo(2.508576, 5);
    expect(v.values.at(-1)).toBeCloseTo(1.99996, 5);
    // No I column in this file: the derived current matches the control set-point (-0.088796 mA).
    expect(col(r, 'Current / A').values.at(-1)).toBeCloseTo(-0.088796e-3, 6);
    expect(r.warnings.map((w) => w.code)).toContain('CURRENT_DERIVED');
    expect(col(r, 'Q charge/discharge/mA.h').values.at(-1)).toBeCloseTo(-0.8794916, 6);
    expect(col(r, 'Net Capacity / Ah').values.at(-1)).toBeCloseTo(0.2761686e-3, 9);
    expect(col(r, 'half cycle').values.at(-1)).toBe(13);
    expect(col(r, 'Step Type / 1').values[0]).toBe(StepType.Rest);
    expect(col(r, 'Step Type / 1').values.at(-1)).toBe(StepType.CCDischarge);
    expect(col(r, 'Unix Time / s').values[0]).toBe(Date.UTC(2020, 9, 26, 12, 49, 58) / 1000);
    expect(r.counters).toEqual({ capacity: 'signed-net', energy: 'none' });
  });

  it('biol.mpr (data module v2, GCPL + EIS columns): 23 561 rows with I/mA and energy counters', async () => {
    const r = await parse('biol.mpr');
    expect(r.rows).toBe(23561);
    expect(r.metadata.dataModuleVersion).toBe(2);
    expect(col(r, 'Current / A').originalName).toBe('I/mA');
    expect(col(r, 'Current / A').originalUnit).toBe('mA');
    expect(col(r, 'Voltage / V').values.at(-1)).toBeCloseTo(0.5515371, 6);
    expect(col(r, 'Net Capacity / Ah').values.at(-1)).toBeCloseTo(4.976893e-3, 8);
    expect(col(r, 'Charging Energy / Wh')).toMatchObject({ originalName: 'Energy charge/W.h', unit: 'Wh' });
    expect(col(r, 'Charging Energy / Wh').values.at(-1)).toBeCloseTo(0.002129687, 8);
    for (const h of ['freq/Hz', '|Z|/Ohm', 'Re(Zwe-ce)/Ohm', 'z cycle', 'Capacitance charge/µF']) expect(col(r, h)).toBeDefined();
    // Q charge/discharge never resets in this file (charge steps between EIS): the signed (Q-Qo) is used.
    // EC-Lab's energy counters are preferred to V·I summed again over the rows.
    expect(r.counters).toEqual({ capacity: 'signed-net', energy: 'per-cycle' });
    expect(r.columns.some((c) => c.name === 'Charging Capacity / Ah')).toBe(false);
  });

  it("biol.mpr: the cycles' charge energies add up to EC-Lab's own counter", async () => {
    const { cycles } = await parseFile({ fileName: 'biol.mpr', bytes: read('biol.mpr') });
    expect(cycles.length).toBeGreaterThan(1);
    expect(cycles.reduce((sum, c) => sum + c.chargeEnergyWh, 0)).toBeCloseTo(0.002129687, 8);
  });

  it('v0 data modules (EC-Lab ≥ 11.50 layout, u16 ids above 255)', async () => {
    const mb = await parse('00_test_04_MB_C01.mpr');
    expect(mb.rows).toBe(1501);
    expect(col(mb, 'Current / A').values[0]).toBeCloseTo(-0.00004469791, 10);
    expect(col(mb, '|Energy|/W.h')).toBeDefined();
    const gcpl = await parse('GCPL-0.mpr');
    expect(gcpl.rows).toBe(4);
    expect(col(gcpl, 'Voltage / V').values[0]).toBeCloseTo(3.515088, 6);
    expect(col(gcpl, 'Test Time / s').values.at(-1)).toBeCloseTo(2.813, 3);
    const mb1 = await parse('MB-1.mpr');
    expect(mb1.rows).toBe(13);
    expect(col(mb1, 'Step Index / 1').values.at(-1)).toBe(1);
    expect(col(mb1, 'Voltage / V').values.at(-1)).toBeCloseTo(4.394642, 6);
  });

  it('an unknown column id that cannot be laid out fails with a ParseError naming the id and its byte offset', async () => {
    const bytes = read('GCPL-0.mpr').slice();
    // The id list of GCPL-0 starts at byte 7033; its 16th id (P/W = 70, f4) sits at 7063. Id 772
    // would be read as its low byte 4 (time/s, f8), which the 53-byte records contradict.
    expect(new DataView(bytes.buffer).getUint16(7063, true)).toBe(70);
    new DataView(bytes.buffer).setUint16(7063, 772, true);
    const err = await parse('GCPL-0.mpr', bytes).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).byte).toBe(7063);
    expect((err as ParseError).message).toMatch(/unknown BioLogic column id 772/);
  });

  it('a file cut inside its records keeps the whole records before the cut, with a warning', async () => {
    const bytes = read(JDB);
    const full = await parse(JDB);
    const r = await parse('t.mpr', bytes.subarray(0, 100000));
    // Records of 53 bytes from byte 7 591: the cut at 100 000 leaves 1 743 whole ones, ending at 99 970.
    expect(r.rows).toBe(1743);
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'TRUNCATED', byte: 99970, message: expect.stringMatching(/^truncated at row 1743 \(byte 99970\): the file ends inside/) }));
    expect(col(r, 'Voltage / V').values).toEqual(col(full, 'Voltage / V').values.subarray(0, r.rows));
  });

  it('4 KiB of random bytes written over the records: rows end before them, never 2e37 V', async () => {
    const bytes = read(JDB).slice();
    let seed = 17;
    const at = 1_000_000;
    for (let i = 0; i < 4096; i++) bytes[at + i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    const r = await parse('g.mpr', bytes);
    const firstHit = Math.floor((at - 7591) / 53);
    expect(r.rows).toBeGreaterThanOrEqual(firstHit);
    expect(r.rows).toBeLessThan(firstHit + 4096 / 53 + 1);
    expect(r.warnings.map((w) => w.code)).toContain('TRUNCATED');
    for (const c of r.columns) for (const v of c.values) expect(Math.abs(v)).toBeLessThan(1e15);
    expect(Math.max(...col(r, 'Voltage / V').values.map(Math.abs))).toBeLessThanOrEqual(1000);
  });

  it('a corrupted module length fails with a ParseError, never garbage', async () => {
    const bytes = read(JDB);
    const corrupt = bytes.slice();
    const dataModule = 52 + 6 + 51 + 7019; // settings module data ends here
    new DataView(corrupt.buffer).setUint32(dataModule + 6 + 35, 0x7fffffff, true);
    await expect(parse('c.mpr', corrupt)).rejects.toThrow(/truncated or corrupt/);
    await expect(parse('e.mpr', new Uint8Array(0))).rejects.toBeInstanceOf(ParseError);
  });
});

describe('biologic .mps settings file', () => {
  it('is classified as settings and refused as data', async () => {
    const bytes = read('sample_settings.mps');
    const head = bytes.subarray(0, 65536);
    expect(biologicMpsParser.detect({ fileName: 'sample_settings.mps', head })).toBe(0);
    expect(biologicMpsParser.classifyNotData!({ fileName: 'sample_settings.mps', head })).toMatchObject({ kind: 'settings', description: expect.stringContaining('Modulo Bat') });
    await expect(biologicMpsParser.parse({ fileName: 'sample_settings.mps', bytes })).rejects.toThrow(/settings/);
    expect(biologicMpsParser.classifyNotData!({ fileName: 'x.mpr', head: read('GCPL-0.mpr').subarray(0, 100) })).toBeNull();
  });
});
