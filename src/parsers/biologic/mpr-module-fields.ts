import type { ByteSource } from '../binary/byte-view.js';
import type { MprModule } from './mpr-modules.js';

/**
 * Reads fixed-offset fields of one module's data (offsets relative to its start). Every read is
 * bounded by the module: a field the module is too short for, a non-finite number or a Pascal
 * string longer than its slot reads as undefined, so a layout we do not know never yields garbage.
 */
export interface MprModuleFields {
  u8(at: number): number | undefined;
  u16(at: number): number | undefined;
  f32(at: number): number | undefined;
  f64(at: number): number | undefined;
  /** A length-prefixed Latin-1 string whose slot (length byte included) is `slot` bytes. */
  pascal(at: number, slot: number): string | undefined;
}

export function moduleFields(src: ByteSource, module: MprModule): MprModuleFields {
  const { bytes, view } = src;
  const fits = (at: number, size: number) => at + size <= module.length;
  const finite = (v: number) => (Number.isFinite(v) ? v : undefined);
  return {
    u8: (at) => (fits(at, 1) ? bytes[module.offset + at] : undefined),
    u16: (at) => (fits(at, 2) ? view.getUint16(module.offset + at, true) : undefined),
    f32: (at) => (fits(at, 4) ? finite(view.getFloat32(module.offset + at, true)) : undefined),
    f64: (at) => (fits(at, 8) ? finite(view.getFloat64(module.offset + at, true)) : undefined),
    pascal(at, slot) {
      if (!fits(at, 1)) return undefined;
      const length = bytes[module.offset + at];
      if (length >= slot || !fits(at + 1, length)) return undefined;
      let s = '';
      for (let i = 0; i < length; i++) s += String.fromCharCode(bytes[module.offset + at + 1 + i]);
      return s.replace(/\0+$/, '').trim();
    },
  };
}
