import { ParseError, type CyclerParser, type ParseResult, type ParseWarning } from '../cycler-parser.js';
import { createByteSource, indexOfBytes, readLatin1, startsWithAscii } from '../binary/byte-view.js';
import { readNdaV29 } from './nda-v29.reader.js';
import { readNdaV130 } from './nda-v130.reader.js';
import { readNdaV130Info } from './nda-v130-metadata.js';
import { buildNewareColumns, sortAndDeduplicate, type NewareRecords } from './neware-records.js';
import { keepPlausiblePrefix, truncationWarning } from '../binary/plausible-prefix.js';

const FORMAT = 'neware-nda';
const VERSION = '1.2.0';

function readMetadata(bytes: Uint8Array, version: number): Record<string, unknown> {
  const meta: Record<string, unknown> = { vendor: 'Neware', ndaVersion: version, software: version >= 130 ? 'BTS 9.x' : 'BTS 7.x' };
  const loc = indexOfBytes(bytes, new TextEncoder().encode('BTSServer'));
  if (loc >= 0) {
    meta.server = readLatin1(bytes, loc, 50).replace(/\0.*$/s, '');
    meta.client = readLatin1(bytes, loc + 100, 50).replace(/\0.*$/s, '');
  }
  if (version < 130 && bytes.length > 2417) {
    meta.activeMassMg = new DataView(bytes.buffer, bytes.byteOffset).getUint32(152, true) / 1000;
    const remarks = readLatin1(bytes, 2317, 100).replace(/\0/g, '').trim();
    if (remarks) meta.remarks = remarks;
  }
  meta.timeZone = version >= 130 ? 'UTC (Unix time stored)' : 'unknown (local wall-clock time stored; Unix Time reads it as UTC)';
  return meta;
}

/** Neware BTS .nda binary: version 22-29 (BTS 7.x) and 130 (BTS 9.0 and 9.1). */
export const newareNdaParser: CyclerParser = {
  name: FORMAT,
  vendor: 'Neware',
  label: 'Neware BTS .nda',
  version: VERSION,
  extensions: ['.nda'],
  verified: true,
  detect({ fileName, head }) {
    if (!startsWithAscii(head, 'NEWARE')) return 0;
    return fileName.toLowerCase().endsWith('.nda') ? 1 : 0.9;
  },
  async parse({ fileName, bytes }): Promise<ParseResult> {
    const src = createByteSource(bytes, FORMAT, fileName);
    if (!startsWithAscii(bytes, 'NEWARE') || bytes.length < 16) {
      throw new ParseError({ format: FORMAT, fileName, byte: 0, message: "not a Neware .nda file (no 'NEWARE' signature)" });
    }
    const version = bytes[14];
    let records: NewareRecords;
    if (version >= 22 && version <= 29) records = readNdaV29(src);
    else if (version === 130) records = readNdaV130(src);
    else throw new ParseError({ format: FORMAT, fileName, byte: 14, message: `unsupported .nda version ${version} (supported: 22-29, 130)` });
    const warnings: ParseWarning[] = [];
    const { records: sorted, dropped } = sortAndDeduplicate(records);
    if (dropped > 0) warnings.push({ code: 'DUPLICATE_RECORDS', message: `${dropped} records with a repeated index were dropped` });
    if (sorted.index.length === 0) throw new ParseError({ format: FORMAT, fileName, byte: 0, message: 'the file holds no data records' });
    if (records.truncation) warnings.push(truncationWarning(sorted.index.length, records.truncation.byte, records.truncation.reason));
    if (records.unknownSlots) {
      warnings.push({ code: 'CORRUPT_RECORDS', message: `${records.unknownSlots} record slots of an unknown type were skipped (corrupt bytes?)` });
    }
    const metadata = readMetadata(bytes, version);
    if (version === 130) {
      const info = readNdaV130Info(bytes);
      Object.assign(metadata, info.metadata);
      const read = records.index.length;
      if (info.declaredEnd !== undefined && !records.truncation) {
        warnings.push(truncationWarning(sorted.index.length, bytes.length, `the header points to its test info record up to byte ${info.declaredEnd}, past the end of the file (${bytes.length} bytes)`));
      }
      if (info.declaredRecords !== undefined && info.declaredRecords !== read) {
        warnings.push({ code: 'RECORD_COUNT_MISMATCH', message: `the test info declares ${info.declaredRecords} records but ${read} were read (file truncated?)` });
      }
    }
    const columns = buildNewareColumns(sorted);
    // Rows in index order (= file order for an intact file): keep them up to the first corrupt value.
    const offsets = sorted.offsets;
    const rowSource = { format: FORMAT, fileName, byteOf: (row: number) => offsets?.[row], allowsMissing: (name: string) => sorted.aux.some((a) => a.name === name) };
    const rows = keepPlausiblePrefix(rowSource, columns, sorted.index.length, warnings);
    return {
      format: FORMAT,
      parserVersion: VERSION,
      rows,
      columns,
      metadata,
      warnings,
      counters: { capacity: 'per-step', energy: 'per-step' },
    };
  },
};
