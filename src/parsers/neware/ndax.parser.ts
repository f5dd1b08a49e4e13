import { ParseError, type CyclerParser, type ParseResult, type ParseWarning } from '../cycler-parser.js';
import { startsWithAscii } from '../binary/byte-view.js';
import { extractZipEntries } from '../binary/zip-archive.js';
import { readNdaxMetadata } from './ndax-metadata.js';
import { openNdc, type NdcFile } from './ndc-pages.js';
import { readNdcV5Records, readNdcVoltageCurrent } from './ndc-data.reader.js';
import { readNdcRunInfo } from './ndc-run-info.reader.js';
import { readNdcSteps } from './ndc-step.reader.js';
import { joinNdcTables } from './ndax-join.js';
import { readNdaxAux } from './ndax-aux.js';
import { buildNewareColumns, sortAndDeduplicate, type NewareRecords } from './neware-records.js';
import { keepPlausiblePrefix, truncationWarning } from '../binary/plausible-prefix.js';

const FORMAT = 'neware-ndax';
const VERSION = '1.2.0';
const NDC_PAGE = 4096;
const wanted = (name: string): boolean => /\.xml$/i.test(name) || /^data(_runInfo|_step|_AUX_\d+_\d+_\d+|_\d+)?\.ndc$/.test(name);

function readRecords(fileName: string, data: NdcFile, entries: Map<string, Uint8Array>, warnings: ParseWarning[]): NewareRecords {
  if (data.fileType !== 1) throw new ParseError({ format: FORMAT, fileName, byte: 0, field: 'data.ndc', message: `data.ndc has file type ${data.fileType}, expected 1` });
  if (data.version === 5) return readNdcV5Records(FORMAT, fileName, data);
  if (![11, 14, 16, 17].includes(data.version)) {
    throw new ParseError({ format: FORMAT, fileName, byte: 2, field: 'data.ndc', message: `unsupported ndc version ${data.version} (supported: 5, 11, 14, 16, 17)` });
  }
  const runBytes = entries.get('data_runInfo.ndc');
  const run = runBytes && readNdcRunInfo(openNdc(FORMAT, fileName, 'data_runInfo.ndc', runBytes));
  if (!run) throw new ParseError({ format: FORMAT, fileName, byte: 0, field: 'data_runInfo.ndc', message: `ndc version ${data.version} needs a readable data_runInfo.ndc (time and capacity) and it is missing or of an unknown version` });
  const stepBytes = entries.get('data_step.ndc');
  const steps = stepBytes ? readNdcSteps(openNdc(FORMAT, fileName, 'data_step.ndc', stepBytes)) : null;
  if (!steps) warnings.push({ code: 'NO_STEP_TABLE', message: 'data_step.ndc missing or unreadable: no step index or status' });
  const { records, stats } = joinNdcTables(readNdcVoltageCurrent(data), run, steps);
  if (stats.interpolatedRows > 0) {
    warnings.push({
      code: 'INTERPOLATED_ROWS',
      message: `${stats.interpolatedRows} records have no runInfo entry: their time, timestamp, capacity and energy are extrapolated from the last runInfo row (as NewareNDA does)`,
    });
  }
  return records;
}

/** Neware BTS 8/9 .ndax (zip of .ndc binaries + XML): ndc versions 5, 11, 14, 16, 17 with aux channels. */
export const newareNdaxParser: CyclerParser = {
  name: FORMAT,
  vendor: 'Neware',
  label: 'Neware BTS .ndax',
  version: VERSION,
  extensions: ['.ndax'],
  verified: true,
  detect({ fileName, head }) {
    if (!startsWithAscii(head, 'PK\x03\x04')) return 0;
    if (fileName.toLowerCase().endsWith('.ndax')) return 1;
    const text = new TextDecoder('latin1').decode(head);
    return /data\.ndc|VersionInfo\.xml|TestInfo\.xml/.test(text) ? 0.9 : 0;
  },
  async parse({ fileName, bytes }): Promise<ParseResult> {
    const entries = extractZipEntries(FORMAT, fileName, bytes, wanted);
    const dataBytes = entries.get('data.ndc');
    if (!dataBytes) throw new ParseError({ format: FORMAT, fileName, byte: 0, message: 'the archive has no data.ndc' });
    const data = openNdc(FORMAT, fileName, 'data.ndc', dataBytes);
    const warnings: ParseWarning[] = [];
    const { metadata, auxChannels } = readNdaxMetadata(entries);
    const records = readRecords(fileName, data, entries, warnings);
    records.aux = readNdaxAux(FORMAT, fileName, entries, auxChannels, records.index, warnings);
    for (const a of records.aux) {
      const missing = a.values.reduce((n, v) => (Number.isNaN(v) ? n + 1 : n), 0);
      if (missing > 0) warnings.push({ code: 'AUX_MISSING', message: `${a.name}: ${missing} of ${a.values.length} records have no aux record with their index (left empty)` });
    }
    const { records: sorted, dropped } = sortAndDeduplicate(records);
    if (dropped > 0) warnings.push({ code: 'DUPLICATE_RECORDS', message: `${dropped} records with a repeated index were dropped` });
    if (sorted.index.length === 0) throw new ParseError({ format: FORMAT, fileName, byte: 0, field: 'data.ndc', message: 'data.ndc holds no records' });
    metadata.ndcVersion = data.version;
    // The zip's CRC-32 already vouches for each entry's bytes; this catches layouts we misread.
    const columns = buildNewareColumns(sorted);
    const index = sorted.index;
    const rowSource = {
      format: FORMAT,
      fileName,
      byteOf: () => undefined,
      describeRow: (row: number) => `data.ndc record ${index[row]}`,
      allowsMissing: (name: string) => sorted.aux.some((a) => a.name === name),
    };
    const rows = keepPlausiblePrefix(rowSource, columns, index.length, warnings);
    // Every .ndc of the sample files is whole 4 KiB pages; the readers skip a partial last page, so
    // an entry that ends inside one was cut before it was zipped: say so.
    for (const [name, entry] of entries) {
      if (name.endsWith('.ndc') && entry.length % NDC_PAGE !== 0) {
        warnings.push(truncationWarning(rows, undefined, `${name} ends ${entry.length % NDC_PAGE} bytes into a ${NDC_PAGE}-byte page; the records of that page are missing`));
      }
    }
    metadata.timeZone = data.version >= 11 ? 'UTC (Unix time stored)' : 'unknown (local wall-clock time stored; Unix Time reads it as UTC)';
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
