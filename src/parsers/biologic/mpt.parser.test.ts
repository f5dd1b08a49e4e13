import { describe, expect, it } from 'vitest';
import { fixtureLoader, col, first, last, utc } from '../../../tests/setup/parser-golden.js';
import { syntheticExport } from '../../../tests/setup/synthetic-export.js';
import { ParseError } from '../cycler-parser.js';
import { parseFile } from '../parse-file.js';
import { biologicMptParser } from './mpt.parser.js';

const load = fixtureLoader('biologic');
const parse = (name: string) => biologicMptParser.parse({ fileName: name, bytes: load(name) });

describe('BioLogic ASCII exports (golden)', () => {
  // Energy per cycle is EC-Lab's own 'Energy charge' (0.517990 Wh at the last row), not V·I summed
  // over the rows again (0.518236 Wh before).
  it("takes the cycle's energy from EC-Lab's energy counters", async () => {
    const name = 'Sample_data_biologic_02_MB_CA1.txt';
    const { cycles } = await parseFile({ fileName: name, bytes: load(name) });
    expect(cycles).toHaveLength(1);
    expect(cycles[0].chargeEnergyWh).toBeCloseTo(0.5179898059705946, 12);
    expect(cycles[0].dischargeEnergyWh).toBe(0);
  });

  it('BT-Lab .txt (latin-1, 103 header lines, Ecell, separate Q charge / Q discharge)', async () => {
    const r = await parse('Sample_data_biologic_02_MB_CA1.txt');
    expect(r.rows).toBe(1397);
    expect(r.counters).toEqual({ capacity: 'signed-net', energy: 'per-cycle' });
    expect(col(r, 'Charging Energy / Wh')).toMatchObject({ originalName: 'Energy charge/W.h', unit: 'Wh' });
    expect(col(r, 'Voltage / V').originalName).toBe('Ecell/V');
    expect(first(r, 'Voltage / V')).toBe(2.812798);
    expect(first(r, 'Test Time / s')).toBe(225288.7682362646);
    expect(last(r, 'Current / A')).toBeCloseTo(4.5010015, 12);
    expect(last(r, 'Net Capacity / Ah')).toBeCloseTo(0.1619098255257161, 12);
    expect(last(r, 'Q charge/mA.h')).toBe(161.909825525716);
    expect(col(r, 'Temperature T1 / degC')).toMatchObject({ originalName: 'Temperature/°C' });
    expect(r.metadata).toMatchObject({ software: 'BT-Lab', technique: 'Modulo Bat', channel: 'A1 (SN 0335)', startTime: '2024-05-13T11:19:51.602', batteryCapacity: '4.500 A.h', zoneUnknown: true });
  });

  it('BT-Lab export with absolute date-times in the time/s column', async () => {
    const r = await parse('Sample_data_biologic_timestamped.txt');
    expect(r.rows).toBe(8);
    expect(first(r, 'Unix Time / s')).toBeCloseTo(utc('2024-11-20T11:38:41.707'), 6);
    expect(first(r, 'Test Time / s')).toBe(0);
    expect(last(r, 'Test Time / s')).toBeCloseTo(12.464, 6);
    expect(r.metadata.absoluteTimeColumn).toBe(true);
  });

  it('data block without header (degree sign already lost)', async () => {
    const r = await parse('Sample_data_biologic_no_header.mpt');
    expect(r.rows).toBe(13);
    expect(r.counters.capacity).toBe('signed-net');
    expect(first(r, 'Test Time / s')).toBe(281672.3801174285);
    expect(first(r, 'Voltage / V')).toBe(2.9344745);
    expect(first(r, 'Temperature T1 / degC')).toBe(24.443432);
    expect(first(r, 'Step Type / 1')).toBe(1); // mode 3 = rest
  });

  it('BT-Lab export saved as .csv but tab-separated', async () => {
    const r = await parse('biologic_example.csv');
    expect(r.rows).toBe(149);
    expect(first(r, 'Current / A')).toBeCloseTo(0.0014992471, 12);
    expect(first(r, 'Voltage / V')).toBe(4.2698555);
    expect(r.metadata).toMatchObject({ channel: 'E1 (SN 0355)', startTime: '2019-08-19T16:31:18.000' });
  });

  it('data block with Ewe and EIS columns (.tsv)', async () => {
    const r = await parse('biologic_example_Ewe.tsv');
    expect(r.rows).toBe(8);
    expect(col(r, 'Voltage / V').originalName).toBe('Ewe/V');
    expect(last(r, 'Voltage / V')).toBe(2.8549595);
    expect(col(r, 'freq/Hz').unit).toBe('Hz');
  });

  it('separate Q charge / Q discharge columns count per cycle when there is no (Q-Qo)', async () => {
    const text = 'mode\tNs\ttime/s\tEcell/V\tI/mA\tQ charge/mA.h\tQ discharge/mA.h\tcycle number\n1\t0\t1\t3.5\t100\t0.0277\t0\t0\n1\t1\t2\t3.4\t-100\t0.0277\t0.0277\t0\n';
    const r = await biologicMptParser.parse({ fileName: 'q.mpt', bytes: new TextEncoder().encode(text) });
    expect(r.counters.capacity).toBe('per-cycle');
    expect(last(r, 'Discharging Capacity / Ah')).toBeCloseTo(0.0000277, 12);
  });

  it('decimal comma (synthetic EC-Lab file)', async () => {
    const r = await biologicMptParser.parse(syntheticExport('biologic-mpt', 'synth.mpt', 3000, ['--decimal-comma']));
    expect(r.rows).toBe(3000);
    expect(r.metadata.decimalComma).toBe(true);
    expect(first(r, 'Voltage / V')).toBe(2.8639612);
    expect(first(r, 'Current / A')).toBe(3);
    expect(last(r, 'Test Time / s')).toBe(3000);
  });

  it('detects text exports, not the .mps settings file', () => {
    for (const f of ['Sample_data_biologic_02_MB_CA1.txt', 'Sample_data_biologic_no_header.mpt', 'biologic_example.csv', 'biologic_example_Ewe.tsv']) {
      expect(biologicMptParser.detect({ fileName: f, head: load(f).subarray(0, 65536) })).toBeGreaterThan(0.5);
    }
    expect(biologicMptParser.detect({ fileName: 'sample_settings.mps', head: load('sample_settings.mps') })).toBe(0);
  });

  it('names line and column of a bad value', async () => {
    const text = new TextDecoder().decode(load('biologic_example_Ewe.tsv')).replace('2.7070951E+000', '2.70x');
    const err = await biologicMptParser.parse({ fileName: 'bad.mpt', bytes: new TextEncoder().encode(text) }).catch((e) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect(err.message).toMatch(/line 3, field 'Ewe\/V'/);
  });
});
