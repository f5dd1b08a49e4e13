import { closeSync, openSync, writeSync } from 'node:fs';
import type { FileMetaData } from 'hyparquet';
import { ByteWriter } from 'hyparquet-writer';
import { writePageHeader } from 'hyparquet-writer/src/datapage.js';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';

const MAGIC = Buffer.from('PAR1');
/** Rows per page (and at most per row group) unless given: 1 MiB pages of doubles. */
const PAGE_ROWS = 131_072;

type RowGroup = FileMetaData['row_groups'][number];

/**
 * A staging Parquet file DuckDB reads back once (`read_parquet`): every column a REQUIRED DOUBLE, PLAIN,
 * uncompressed, so a page is the column's Float64Array bytes as they are (little-endian, as Node runs)
 * and a missing value stays NaN (the reader maps it to null). Row groups are written as they are added,
 * so a streamed series waits on disk, not in memory; writing costs a copy into the page cache instead of
 * DuckDB's appender (ADR 0008, bench/README.md "Ingest end to end").
 */
export class PlainParquetWriter {
  private readonly fd: number;
  private at = 0;
  private rows = 0n;
  private readonly groups: RowGroup[] = [];

  /** `groupRows`: most rows per row group (one page per column chunk); DuckDB's reader holds a group per thread. */
  constructor(path: string, private readonly names: readonly string[], private readonly groupRows = PAGE_ROWS) {
    this.fd = openSync(path, 'w');
    this.write(MAGIC);
  }

  /** Appends the rows of `columns` (one Float64Array per name, equal lengths) as one or more row groups. */
  add(columns: readonly Float64Array[]): void {
    if (columns.length !== this.names.length) throw new Error(`${columns.length} columns given to a staging file of ${this.names.length}`);
    const rows = columns[0]?.length ?? 0;
    for (let from = 0; from < rows; from += this.groupRows) {
      const n = Math.min(this.groupRows, rows - from);
      this.addGroup(columns.map((c) => c.subarray(from, from + n)), n);
    }
  }

  /** Writes the footer and closes the file. */
  finish(): void {
    try {
      const metadata: FileMetaData = {
        version: 1,
        schema: [{ name: 'schema', num_children: this.names.length }, ...this.names.map((name) => ({ name, type: 'DOUBLE' as const, repetition_type: 'REQUIRED' as const }))],
        num_rows: this.rows,
        row_groups: this.groups,
        metadata_length: 0,
      };
      const footer = new ByteWriter();
      writeMetadata(footer, metadata);
      const bytes = new Uint8Array(footer.getBuffer());
      this.write(bytes);
      const length = Buffer.alloc(4);
      length.writeUInt32LE(bytes.length);
      this.write(length);
      this.write(MAGIC);
    } finally {
      this.close();
    }
  }

  /** Closes the file without a footer (a failed parse: the caller removes it). */
  close(): void {
    closeSync(this.fd);
  }

  private addGroup(parts: readonly Float64Array[], rows: number): void {
    const start = this.at;
    const columns = parts.map((values, k) => {
      const offset = this.at;
      const size = this.writePage(values);
      return {
        file_offset: BigInt(offset),
        meta_data: {
          type: 'DOUBLE' as const, encodings: ['PLAIN' as const], path_in_schema: [this.names[k]], codec: 'UNCOMPRESSED' as const,
          num_values: BigInt(rows), total_uncompressed_size: BigInt(size), total_compressed_size: BigInt(size), data_page_offset: BigInt(offset),
        },
      };
    });
    this.groups.push({ columns, total_byte_size: BigInt(this.at - start), num_rows: BigInt(rows) });
    this.rows += BigInt(rows);
  }

  private writePage(values: Float64Array): number {
    const bytes = values.byteLength;
    const header = new ByteWriter(64);
    writePageHeader(header, {
      type: 'DATA_PAGE', uncompressed_page_size: bytes, compressed_page_size: bytes,
      data_page_header: { num_values: values.length, encoding: 'PLAIN', definition_level_encoding: 'RLE', repetition_level_encoding: 'RLE' },
    });
    const head = new Uint8Array(header.getBuffer());
    this.write(head);
    this.write(new Uint8Array(values.buffer, values.byteOffset, bytes));
    return head.length + bytes;
  }

  private write(bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, this.at + done);
    this.at += bytes.length;
  }
}
