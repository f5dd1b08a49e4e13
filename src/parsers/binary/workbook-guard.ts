import { extractZipEntries } from './zip-archive.js';

/**
 * Checks an .xlsx container before SheetJS reads it: entry count, sizes, compression ratio and
 * CRC-32 of every part. SheetJS can loop for minutes on a corrupted zip; this fails in
 * milliseconds with a ParseError instead. .xls (OLE2) files pass through unchecked.
 */
export function assertSoundWorkbook(format: string, fileName: string, bytes: Uint8Array): void {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (isZip) extractZipEntries(format, fileName, bytes, () => true);
}
