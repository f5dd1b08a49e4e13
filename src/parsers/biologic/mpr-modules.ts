import { ParseError } from '../cycler-parser.js';
import { type ByteSource, readLatin1, requireRange, startsWithAscii } from '../binary/byte-view.js';

/** One module of an .mpr file ('VMP Set', 'VMP data', 'VMP LOG', 'VMP loop' ...). */
export interface MprModule {
  shortName: string;
  longName: string;
  version: number;
  date: string;
  /** Offset of the module's data in the file. */
  offset: number;
  length: number;
  /** Set when the file ends inside this module: the length its header declares (`length` is what is left). */
  declaredLength?: number;
}

export const MPR_MAGIC = 'BIO-LOGIC MODULAR FILE\x1a';
const FILE_HEADER = 52;

/**
 * Lists the modules. Each is 'MODULE', short name (10), long name (25), then either
 * (length u32, version u32, date 8) or — EC-Lab ≥ 11.50, marked by 0xFFFFFFFF — (max length u32,
 * length u32, version u32, unknown u32, date 8). Every length is checked against the file; only the
 * data module may end early (a truncated file), marked by `declaredLength`.
 */
export function readMprModules(src: ByteSource): MprModule[] {
  const { bytes, view } = src;
  if (!startsWithAscii(bytes, MPR_MAGIC)) {
    throw new ParseError({ format: src.format, fileName: src.fileName, byte: 0, message: "not a BioLogic .mpr file (no 'BIO-LOGIC MODULAR FILE' signature)" });
  }
  const modules: MprModule[] = [];
  let p = FILE_HEADER;
  while (p < bytes.length) {
    requireRange(src, p, 6 + 51, 'module header');
    if (!startsWithAscii(bytes, 'MODULE', p)) {
      throw new ParseError({ format: src.format, fileName: src.fileName, byte: p, message: "expected 'MODULE' (file corrupt or truncated)" });
    }
    const h = p + 6;
    const wide = view.getUint32(h + 35, true) === 0xffffffff;
    if (wide) requireRange(src, h, 59, 'module header');
    const length = view.getUint32(h + (wide ? 39 : 35), true);
    const version = view.getUint32(h + (wide ? 43 : 39), true);
    const date = readLatin1(bytes, h + (wide ? 51 : 43), 8);
    const offset = h + (wide ? 59 : 51);
    const shortName = readLatin1(bytes, h, 10);
    const longName = readLatin1(bytes, h + 10, 25);
    // A file cut inside its data module still holds a clean prefix of the records: keep what is
    // there and let the data reader cut at the last whole record (with a warning).
    if (shortName === 'VMP data' && offset <= bytes.length && offset + length > bytes.length) {
      modules.push({ shortName, longName, version, date, offset, length: bytes.length - offset, declaredLength: length });
      break;
    }
    requireRange(src, offset, length, `module '${shortName}'`);
    modules.push({ shortName, longName, version, date, offset, length });
    p = offset + length;
  }
  return modules;
}

/** Parses the MM/DD/YY (or MM-DD-YY, MM.DD.YY) module date to 'YYYY-MM-DD'; null when malformed. */
export function parseMprModuleDate(date: string): string | null {
  const m = /^(\d\d)[/.-](\d\d)[/.-](\d\d)$/.exec(date);
  return m ? `20${m[3]}-${m[1]}-${m[2]}` : null;
}
