import { ParseError } from '../cycler-parser.js';

/** An .ndc file: byte 0 = file type (1 data, 5 aux, 7 step, 18 runInfo), byte 2 = version. */
export interface NdcFile {
  name: string;
  bytes: Uint8Array;
  view: DataView;
  fileType: number;
  version: number;
}

/** Wraps an extracted .ndc entry. */
export function openNdc(format: string, fileName: string, name: string, bytes: Uint8Array): NdcFile {
  if (bytes.length < 3) throw new ParseError({ format, fileName, byte: 0, message: `${name} is too short to be an .ndc file` });
  return { name, bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), fileType: bytes[0], version: bytes[2] };
}

/** Page layout: records of `recordSize` bytes between a page header and footer. */
export interface PageLayout {
  recordSize: number;
  pageHeader: number;
  pageFooter: number;
  pageSize?: number;
  fileHeader?: number;
}

/**
 * Calls `visit(offset)` for every record slot of every page, in file order. Pages are 4096 bytes
 * after a 4096-byte file header; a partial last page is ignored, as NewareNDA does.
 */
export function forEachRecord(ndc: NdcFile, layout: PageLayout, visit: (offset: number) => void): void {
  const pageSize = layout.pageSize ?? 4096;
  const fileHeader = layout.fileHeader ?? 4096;
  const perPage = Math.floor((pageSize - layout.pageHeader - layout.pageFooter) / layout.recordSize);
  for (let page = fileHeader; page + pageSize <= ndc.bytes.length; page += pageSize) {
    const first = page + layout.pageHeader;
    for (let k = 0; k < perPage; k++) visit(first + k * layout.recordSize);
  }
}

/** Upper bound on the records of a file with this layout (for pre-sizing arrays). */
export function recordCapacity(ndc: NdcFile, layout: PageLayout): number {
  const pageSize = layout.pageSize ?? 4096;
  const pages = Math.max(0, Math.floor((ndc.bytes.length - (layout.fileHeader ?? 4096)) / pageSize));
  return pages * Math.floor((pageSize - layout.pageHeader - layout.pageFooter) / layout.recordSize);
}
