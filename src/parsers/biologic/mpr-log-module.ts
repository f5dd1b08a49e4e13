import type { ByteSource } from '../binary/byte-view.js';
import { moduleFields } from './mpr-module-fields.js';
import type { MprModule } from './mpr-modules.js';

export interface MprLog {
  /** Acquisition start, OLE days (local wall-clock time), or null when none is plausible. */
  startOle: number | null;
  metadata: Record<string, unknown>;
}

// OLE dates between 2009-07 and 2036-11: anything else at these offsets is not a start time.
const isPlausibleOle = (v: number | undefined): v is number => v !== undefined && v > 40000 && v < 50000;

/**
 * The 'VMP LOG' module: acquisition start (OLE f8; galvani's offsets 465/469/473/585, the first
 * plausible one — 585 = 0x249 in every file seen), channel (0-based u8 at 0x09), Ewe control range, the path the
 * file was saved as, software/firmware versions and the instrument's serial number (Pascal strings;
 * offsets from yadg's mpr_columns.py, checked on every fixture: channel and saved name agree with
 * the file names).
 */
export function readMprLog(src: ByteSource, module: MprModule): MprLog {
  const f = moduleFields(src, module);
  const startOle = [465, 469, 473, 585].map((at) => f.f64(at)).find(isPlausibleOle) ?? null;
  const metadata: Record<string, unknown> = {};
  const channel = f.u8(0x0009);
  if (channel !== undefined) metadata.channel = channel + 1;
  const eweMin = f.f32(0x01f8);
  const eweMax = f.f32(0x01fc);
  if (eweMin !== undefined && eweMax !== undefined && eweMin < eweMax) metadata.eweControlRangeV = [eweMin, eweMax];
  const texts: [string, number, number][] = [
    ['savedFile', 0x0251, 0x0351 - 0x0251],
    ['softwareVersion', 0x03b7, 0x03be - 0x03b7],
    ['firmwareVersion', 0x03be, 0x03c5 - 0x03be],
    ['serial', 0x03cf, 32],
  ];
  for (const [key, at, slot] of texts) {
    const text = f.pascal(at, slot);
    if (text) metadata[key] = text;
  }
  return { startOle, metadata };
}
