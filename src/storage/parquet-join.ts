import { open, type FileHandle } from 'node:fs/promises';
import { parquetMetadata, type FileMetaData } from 'hyparquet';
import { ByteWriter } from 'hyparquet-writer';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';

const MAGIC = Buffer.from('PAR1');
const COPY_BYTES = 1 << 20;

/** A Parquet file's footer: its metadata and where its row-group bytes end. */
export interface ParquetFooter {
  metadata: FileMetaData;
  /** Byte offset of the footer (the row groups and page indexes lie in [4, footerStart)). */
  footerStart: number;
}

/** Reads the footer of a local Parquet file without reading its row groups. */
export async function readParquetFooter(path: string): Promise<ParquetFooter> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const trailer = Buffer.alloc(8);
    await file.read(trailer, 0, 8, size - 8);
    if (!trailer.subarray(4).equals(MAGIC)) throw new Error(`${path} is not a Parquet file`);
    const length = trailer.readUInt32LE(0);
    const footer = Buffer.alloc(length + 8);
    await file.read(footer, 0, footer.length, size - 8 - length);
    return { metadata: parquetMetadata(new Uint8Array(footer.buffer, footer.byteOffset, footer.length)), footerStart: size - 8 - length };
  } finally {
    await file.close();
  }
}

/** The physical type of each leaf column of a Parquet file, by name (`INT32`, `DOUBLE` …). */
export function columnTypes(metadata: FileMetaData): Map<string, string> {
  return new Map(metadata.schema.filter((e) => e.type).map((e) => [e.name, e.type as string]));
}

/** Row groups [from, to) of a Parquet file (by its footer). */
export interface RowGroupRange {
  path: string;
  footer: ParquetFooter;
  from: number;
  to: number;
}

/**
 * Writes `out`: the row groups of `first` then those of `second`, copied byte for byte (no decoding
 * or re-encoding) under one new footer whose key-value metadata is `keyValues`. Both files must have
 * the same schema. The second file's offsets move by the length of the first's row groups.
 */
export async function joinParquetFiles(firstPath: string, secondPath: string, outPath: string, keyValues: Record<string, string>): Promise<{ sizeBytes: number; rowGroups: number }> {
  const [first, second] = await Promise.all([readParquetFooter(firstPath), readParquetFooter(secondPath)]);
  return writeRowGroups([
    { path: firstPath, footer: first, from: 0, to: first.metadata.row_groups.length },
    { path: secondPath, footer: second, from: 0, to: second.metadata.row_groups.length },
  ], outPath, keyValues);
}

/**
 * Writes `out` from whole row groups of Parquet files, in the order given, copied byte for byte under
 * one new footer (offsets moved to where each group now lies). All files must have the same schema
 * and no page indexes (DuckDB writes none for the series).
 */
export async function writeRowGroups(ranges: readonly RowGroupRange[], outPath: string, keyValues: Record<string, string>): Promise<{ sizeBytes: number; rowGroups: number }> {
  const schema = (f: ParquetFooter) => JSON.stringify(f.metadata.schema.map((e) => [e.name, e.type, e.repetition_type, e.num_children]));
  for (const r of ranges) {
    if (schema(r.footer) !== schema(ranges[0].footer)) throw new Error(`cannot join Parquet files with different schemas: ${schema(ranges[0].footer)} / ${schema(r.footer)}`);
  }
  const out = await open(outPath, 'w');
  try {
    let at = 0;
    const write = async (bytes: Uint8Array) => {
      await out.write(bytes, 0, bytes.length, at);
      at += bytes.length;
    };
    await write(MAGIC);
    const groups: RowGroup[] = [];
    let rows = 0n;
    for (const r of ranges) {
      const selected = r.footer.metadata.row_groups.slice(r.from, r.to);
      if (selected.length === 0) continue;
      const spans = selected.map(groupSpan);
      const start = spans[0].start;
      const end = spans[spans.length - 1].end;
      const shift = at - start;
      for (const g of selected) groups.push(movedGroup(g, shift));
      rows += selected.reduce((n, g) => n + BigInt(g.num_rows), 0n);
      await copyRange(r.path, start, end, write);
    }
    const metadata: FileMetaData = {
      ...ranges[0].footer.metadata,
      num_rows: rows,
      row_groups: groups,
      key_value_metadata: Object.entries(keyValues).map(([key, value]) => ({ key, value })),
    };
    const footer = new ByteWriter();
    writeMetadata(footer, metadata);
    await write(new Uint8Array(footer.getBuffer()));
    await write(MAGIC);
    return { sizeBytes: at, rowGroups: groups.length };
  } finally {
    await out.close();
  }
}

type RowGroup = FileMetaData['row_groups'][number];

/** The bytes a row group's column chunks occupy (contiguous, as Parquet writers lay them out). */
function groupSpan(g: RowGroup): { start: number; end: number } {
  let start = Number.POSITIVE_INFINITY;
  let end = 0;
  for (const c of g.columns) {
    if (!c.meta_data || c.offset_index_offset !== undefined || c.column_index_offset !== undefined || c.meta_data.bloom_filter_offset !== undefined) {
      throw new Error('cannot move a Parquet row group with page indexes or bloom filters');
    }
    const first = Number(c.meta_data.dictionary_page_offset ?? c.meta_data.data_page_offset);
    start = Math.min(start, first);
    end = Math.max(end, first + Number(c.meta_data.total_compressed_size));
  }
  return { start, end };
}

function movedGroup(g: RowGroup, shift: number): RowGroup {
  return {
    ...g,
    file_offset: add(g.file_offset, shift),
    columns: g.columns.map((c) => ({
      ...c,
      file_offset: add(c.file_offset, shift) ?? c.file_offset,
      meta_data: c.meta_data && {
        ...c.meta_data,
        data_page_offset: add(c.meta_data.data_page_offset, shift)!,
        dictionary_page_offset: add(c.meta_data.dictionary_page_offset, shift),
        index_page_offset: add(c.meta_data.index_page_offset, shift),
      },
    })),
  };
}

function add<T extends number | bigint | undefined>(offset: T, shift: number): T {
  if (offset === undefined) return offset;
  return (typeof offset === 'bigint' ? offset + BigInt(shift) : (offset as number) + shift) as T;
}

async function copyRange(path: string, start: number, end: number, write: (bytes: Uint8Array) => Promise<void>): Promise<void> {
  const file: FileHandle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(COPY_BYTES, Math.max(1, end - start)));
    for (let at = start; at < end; ) {
      const { bytesRead } = await file.read(buffer, 0, Math.min(buffer.length, end - at), at);
      if (bytesRead === 0) throw new Error(`${path} ended before byte ${end}`);
      await write(buffer.subarray(0, bytesRead));
      at += bytesRead;
    }
  } finally {
    await file.close();
  }
}
