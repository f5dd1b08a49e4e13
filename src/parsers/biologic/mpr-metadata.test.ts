import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createByteSource } from '../binary/byte-view.js';
import { readMprModules } from './mpr-modules.js';
import { biologicMprParser } from './mpr.parser.js';

const dir = '../shared/fixtures/biologic';
const read = (name: string) => new Uint8Array(readFileSync(`${dir}/${name}`));
const metadataOf = async (name: string, bytes = read(name)) => (await biologicMprParser.parse({ fileName: name, bytes })).metadata;

/** Offset of a module's data in the file. */
function moduleOffset(bytes: Uint8Array, shortName: string): number {
  return readMprModules(createByteSource(bytes, 'biologic-mpr', 'x.mpr')).find((m) => m.shortName === shortName)!.offset;
}

// No fixture comes with its .mpt export, so the expectations were read from the files with yadg's
// offsets and cross-checked where the files say the same thing twice: the channel number agrees with
// the '_C<nn>' of the name the file was saved under, the technique with the file name.
const GOLDEN = [
  { file: 'jdb11-1_c3_gcpl_5cycles_2V-3p8V_C-24_data_C09.mpr', techniqueCode: 'GCPL', channel: 9, serial: '0168', softwareVersion: '11.32', startTime: '2020-10-26T12:49:58.000' },
  { file: 'biol.mpr', techniqueCode: 'MB', channel: 2, serial: '14911491', softwareVersion: '11.10', startTime: '2017-03-15T10:22:54.000' },
  { file: '00_test_04_MB_C01.mpr', techniqueCode: 'MB', channel: 1, serial: '1850', softwareVersion: '11.50', startTime: '2023-12-08T09:49:52.346' },
  { file: 'GCPL-0.mpr', techniqueCode: 'GCPL', channel: 8, serial: '0276', softwareVersion: '11.52', startTime: '2024-09-02T13:49:32.494' },
  { file: 'MB-1.mpr', techniqueCode: 'GCPL', channel: 10, serial: '0355', softwareVersion: '11.52', startTime: '2024-09-20T14:12:38.196' },
];

describe('biologic .mpr settings and log modules', () => {
  it.each(GOLDEN)('$file: technique, channel, instrument serial, software, start time', async ({ file, ...expected }) => {
    const meta = await metadataOf(file);
    expect(meta).toMatchObject(expected);
    expect(String(meta.savedFile)).toMatch(new RegExp(`_C${String(expected.channel).padStart(2, '0')}\\.mpr$`));
  });

  it('reads the technique name, comments and electrode material as EC-Lab shows them', async () => {
    const jdb = await metadataOf(GOLDEN[0].file);
    expect(jdb).toMatchObject({ technique: 'Galvanostatic Cycling with Potential Limitation', techniqueId: 4, eweControlRangeV: [0, 5], firmwareVersion: '11.32' });
    const biol = await metadataOf('biol.mpr');
    expect(biol).toMatchObject({ technique: 'Modulo Bat', comments: 'Si/C Li half cell with reference electrode', electrodeMaterial: 'Si/C' });
    expect(biol.electrolyte).toBeUndefined(); // empty in the file
    expect(biol.referenceElectrode).toBeUndefined(); // '(unspecified)'
  });

  it("keeps EC-Lab's placeholder cell characteristics out of the mass and area used for normalisation", async () => {
    // EC-Lab's example cell (7000 mg of a 90.93 g/mol material) and BT-Lab's 0.001 defaults.
    const jdb = await metadataOf(GOLDEN[0].file);
    expect(jdb.cellCharacteristics).toEqual({
      activeMaterialMassMg: 7000, atX: 1, molecularWeightGPerMol: 90.93, atomicWeightOfIonGPerMol: 6.94, xAtStart: 0.9, electronsPerIon: 1, electrodeAreaCm2: 0.001,
    });
    const biol = await metadataOf('biol.mpr');
    expect((biol.cellCharacteristics as Record<string, number>).activeMaterialMassMg).toBe(0.001);
    for (const meta of [jdb, biol]) {
      expect(meta.activeMassMg).toBeUndefined();
      expect(meta.electrodeAreaCm2).toBeUndefined();
    }
  });

  it('reports an entered active material mass (mg) and electrode area (cm²)', async () => {
    const bytes = read('GCPL-0.mpr').slice();
    const settings = moduleOffset(bytes, 'VMP Set');
    const view = new DataView(bytes.buffer);
    view.setFloat32(settings + 0x0107, 12.5, true);
    view.setFloat32(settings + 0x0211, 1.767, true);
    const meta = await metadataOf('GCPL-0.mpr', bytes);
    expect(meta.activeMassMg).toBe(12.5);
    expect(meta.electrodeAreaCm2).toBe(1.767);
  });

  it('leaves out a text field whose length overruns its slot instead of reading the next fields as text', async () => {
    const bytes = read('biol.mpr').slice();
    bytes[moduleOffset(bytes, 'VMP Set') + 0x011e] = 200; // electrode material: its slot is 162 bytes
    const meta = await metadataOf('biol.mpr', bytes);
    expect(meta.electrodeMaterial).toBeUndefined();
    expect(meta.comments).toBe('Si/C Li half cell with reference electrode');
  });
});
