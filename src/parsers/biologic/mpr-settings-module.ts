import type { ByteSource } from '../binary/byte-view.js';
import { moduleFields } from './mpr-module-fields.js';
import type { MprModule } from './mpr-modules.js';

// Technique id = first byte of the 'VMP Set' data (yadg's table, src/yadg/extractors/eclab/techniques.py);
// names as EC-Lab writes them on line 4 of an .mpt header where yadg documents them, else the code alone.
const TECHNIQUES: Record<number, { code: string; name?: string }> = {
  0x04: { code: 'GCPL', name: 'Galvanostatic Cycling with Potential Limitation' },
  0x06: { code: 'CV', name: 'Cyclic Voltammetry' },
  0x0b: { code: 'OCV', name: 'Open Circuit Voltage' },
  0x16: { code: 'MP' },
  0x18: { code: 'CA', name: 'Chronoamperometry / Chronocoulometry' },
  0x19: { code: 'CP', name: 'Chronopotentiometry' },
  0x1c: { code: 'WAIT', name: 'Wait' },
  0x1d: { code: 'PEIS', name: 'Potentio Electrochemical Impedance Spectroscopy' },
  0x1e: { code: 'GEIS', name: 'Galvano Electrochemical Impedance Spectroscopy' },
  0x30: { code: 'CV', name: 'Cyclic Voltammetry' },
  0x32: { code: 'ZIR', name: 'IR compensation (PEIS)' },
  0x33: { code: 'CVA' },
  0x6c: { code: 'LSV', name: 'Linear Sweep Voltammetry' },
  0x75: { code: 'coV' },
  0x76: { code: 'coC' },
  0x77: { code: 'GCPL', name: 'Galvanostatic Cycling with Potential Limitation' },
  0x7f: { code: 'MB', name: 'Modulo Bat' },
};

// EC-Lab's untouched "cell characteristics" are placeholders, not measurements: 0.001 (BT-Lab and
// every new EC-Lab setting), or 7000 mg of a 90.93 g/mol material (EC-Lab's LiCoO2 example).
const PLACEHOLDER = 0.001;
const isPlaceholderMass = (massMg: number, molecularWeight: number | undefined) =>
  Math.abs(massMg - PLACEHOLDER) < 1e-6 || (massMg === 7000 && molecularWeight !== undefined && Math.abs(molecularWeight - 90.93) < 1e-3);
const f32Rounded = (v: number | undefined) => (v === undefined ? undefined : Number(v.toPrecision(7)));

/**
 * Metadata of the 'VMP Set' module (offsets from yadg's mpr_columns.py, checked on every fixture):
 * technique, comments, electrode material, electrolyte, reference electrode and the cell
 * characteristics as stored ('cellCharacteristics'). `activeMassMg` (mass of active material, mg)
 * and `electrodeAreaCm2` (cm²) are set only when the user entered them (not EC-Lab's placeholders):
 * they are the bases of specific (mAh/g) and areal (mAh/cm²) capacity.
 */
export function readMprSettings(src: ByteSource, module: MprModule): Record<string, unknown> {
  const f = moduleFields(src, module);
  const meta: Record<string, unknown> = {};
  const techniqueId = f.u8(0x0000);
  if (techniqueId !== undefined) {
    meta.techniqueId = techniqueId;
    const technique = TECHNIQUES[techniqueId];
    if (technique) Object.assign(meta, { technique: technique.name ?? technique.code, techniqueCode: technique.code });
  }
  const texts: [string, number, number][] = [
    ['comments', 0x0007, 0x0107 - 0x0007],
    ['electrodeMaterial', 0x011e, 0x01c0 - 0x011e],
    ['electrolyte', 0x01c0, 0x0211 - 0x01c0],
    ['referenceElectrode', 0x0215, 0x024c - 0x0215],
  ];
  for (const [key, at, slot] of texts) {
    const text = f.pascal(at, slot);
    if (text && text !== '(unspecified)') meta[key] = text;
  }
  const cell = {
    activeMaterialMassMg: f32Rounded(f.f32(0x0107)),
    atX: f32Rounded(f.f32(0x010b)),
    molecularWeightGPerMol: f32Rounded(f.f32(0x010f)),
    atomicWeightOfIonGPerMol: f32Rounded(f.f32(0x0113)),
    xAtStart: f32Rounded(f.f32(0x0117)),
    electronsPerIon: f.u16(0x011b),
    electrodeAreaCm2: f32Rounded(f.f32(0x0211)),
  };
  meta.cellCharacteristics = cell;
  const mass = cell.activeMaterialMassMg;
  if (mass !== undefined && mass > 0 && !isPlaceholderMass(mass, cell.molecularWeightGPerMol)) meta.activeMassMg = mass;
  const area = cell.electrodeAreaCm2;
  if (area !== undefined && area > 0 && Math.abs(area - PLACEHOLDER) > 1e-6) meta.electrodeAreaCm2 = area;
  return meta;
}
