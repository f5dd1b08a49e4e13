import { parquetMetadata, parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ParseError, type CyclerParser, type DetectInput, type ParsedColumn, type ParseInput, type ParseResult, type ParseWarning } from '../cycler-parser.js';
import { toParsedColumn } from '../common/parsed-column.js';
import { canonicalOfBdfQuantity, splitBdfHeader } from './bdf-names.js';
import { fixCurrentSign } from './bdf-direction.js';

const FORMAT = 'bdf-parquet';
const MAGIC = [0x50, 0x41, 0x52, 0x31]; // 'PAR1'

/** Snappy, zstd, LZ4 and LZ4_RAW in JavaScript (hyparquet-compressors); gzip and brotli through Node's native zlib, which is faster. */
const DECOMPRESSORS = {
  ...compressors,
  GZIP: (input: Uint8Array) => new Uint8Array(gunzipSync(input)),
  BROTLI: (input: Uint8Array) => new Uint8Array(brotliDecompressSync(input)),
};
const READABLE_CODECS = new Set<string>(['UNCOMPRESSED', ...Object.keys(DECOMPRESSORS)]);

function detect({ head, fileName }: DetectInput): number {
  if (head.length < 4 || MAGIC.some((b, i) => head[i] !== b)) return 0;
  return /\.parquet$/i.test(fileName) ? 0.9 : 0.8;
}

/** Numbers (or bigints, booleans) of one column as Float64; other types give undefined. */
function toFloat64(chunks: { start: number; data: ArrayLike<unknown> }[], rows: number): Float64Array | undefined {
  const out = new Float64Array(rows).fill(NaN);
  let numeric = false;
  for (const { start, data } of chunks) {
    for (let i = 0; i < data.length && start + i < rows; i++) {
      const v = data[i];
      if (typeof v === 'number') { out[start + i] = v; numeric = true; }
      else if (typeof v === 'bigint') { out[start + i] = Number(v); numeric = true; }
      else if (v instanceof Date) { out[start + i] = v.getTime() / 1000; numeric = true; }
      else if (v !== null && v !== undefined) return undefined;
    }
  }
  return numeric ? out : undefined;
}

async function parse(input: ParseInput): Promise<ParseResult> {
  const { fileName, bytes } = input;
  const fail = (message: string, cause?: unknown): never => { throw new ParseError({ format: FORMAT, fileName, byte: 0, message, cause }); };
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let metadata: ReturnType<typeof parquetMetadata>;
  try { metadata = parquetMetadata(file); } catch (cause) { return fail(`not a readable Parquet file (${(cause as Error).message})`, cause); }
  const codecs = new Set(metadata.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec ?? 'UNCOMPRESSED')));
  const unreadable = [...codecs].filter((c) => !READABLE_CODECS.has(c));
  if (unreadable.length > 0) {
    return fail(`compression ${unreadable.join('/')} is not supported; write the file with ZSTD, SNAPPY, GZIP, BROTLI, LZ4 or no compression`);
  }
  const rows = Number(metadata.num_rows);
  const chunks = new Map<string, { start: number; data: ArrayLike<unknown> }[]>();
  try {
    await parquetRead({
      file,
      metadata,
      compressors: DECOMPRESSORS,
      onChunk: (c) => { const list = chunks.get(c.columnName) ?? []; list.push({ start: c.rowStart, data: c.columnData as ArrayLike<unknown> }); chunks.set(c.columnName, list); },
    });
  } catch (cause) {
    fail(`cannot read Parquet data (${(cause as Error).message})`, cause);
  }
  const warnings: ParseWarning[] = [];
  const names = [...chunks.keys()];
  const hasStepIndex = names.some((n) => /^Step Index \/ /.test(n));
  const columns: ParsedColumn[] = [];
  let direction: Float64Array | undefined;
  for (const name of names) {
    const parts = splitBdfHeader(name);
    if (parts && /^step type$/i.test(parts.quantity)) { direction = directionOf(chunks.get(name)!, rows); continue; }
    const values = toFloat64(chunks.get(name)!, rows);
    if (!values) continue;
    const canonical = parts ? canonicalOfBdfQuantity(parts.quantity, hasStepIndex) : null;
    columns.push(toParsedColumn(values, name, parts?.unit ?? null, canonical, warnings));
  }
  fixCurrentSign(columns, direction, warnings);
  return { format: FORMAT, parserVersion: '1', rows, columns, metadata: { createdBy: metadata.created_by ?? null }, warnings, counters: { capacity: 'per-cycle', energy: 'per-cycle' } };
}

function directionOf(chunks: { start: number; data: ArrayLike<unknown> }[], rows: number): Float64Array {
  const out = new Float64Array(rows).fill(NaN);
  for (const { start, data } of chunks) {
    for (let i = 0; i < data.length && start + i < rows; i++) {
      const s = String(data[i]).toLowerCase();
      out[start + i] = s.startsWith('dis') ? -1 : s.startsWith('charge') ? 1 : s.startsWith('rest') ? 0 : NaN;
    }
  }
  return out;
}

export const bdfParquetParser: CyclerParser = {
  name: FORMAT,
  vendor: 'Battery Data Alliance',
  label: 'Battery Data Format Parquet',
  version: '1',
  extensions: ['.parquet'],
  verified: true,
  detect,
  parse,
};
