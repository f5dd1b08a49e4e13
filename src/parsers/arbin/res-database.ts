import MDBReader from 'mdb-reader';
import { gunzipSync } from 'node:zlib';
import { ParseError } from '../cycler-parser.js';

/** Largest .res accepted after gunzip (bounds memory on a hostile .res.gz). */
export const maxResBytes = 2 * 1024 * 1024 * 1024 - 1;

/** Opens an Arbin .res (Access/Jet) database, gunzipping `.res.gz` bytes first. */
export function openResDatabase(format: string, fileName: string, bytes: Uint8Array): MDBReader {
  let buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      buffer = gunzipSync(buffer, { maxOutputLength: maxResBytes });
    } catch (e) {
      throw new ParseError({ format, fileName, byte: 0, message: `cannot gunzip: ${(e as Error).message}`, cause: e });
    }
  }
  // Jet stores whole pages (2 KiB for Jet 3, version byte 0 at 0x14; 4 KiB for Jet 4 and ACE):
  // any other size is a cut or padded file, and its last page cannot be read.
  const pageSize = buffer.length > 0x14 && buffer[0x14] === 0 ? 2048 : 4096;
  if (buffer.length % pageSize !== 0) {
    throw new ParseError({
      format,
      fileName,
      byte: buffer.length - (buffer.length % pageSize),
      field: 'page',
      message: `the database is ${buffer.length} bytes, not a whole number of ${pageSize}-byte pages: truncated or corrupt`,
    });
  }
  try {
    return new MDBReader(buffer);
  } catch (e) {
    throw new ParseError({ format, fileName, byte: 0, message: `not a readable Access (Jet) database: ${(e as Error).message}`, cause: e });
  }
}

/** A table read column-wise: numeric columns as Float64Array (NaN for null), others as raw values. */
export interface ResTable {
  rows: number;
  numeric: Map<string, Float64Array>;
  columnTypes: Map<string, string>;
}

const numericTypes = new Set(['byte', 'integer', 'long', 'float', 'double', 'numeric', 'currency', 'boolean', 'bigint']);

/** Reads every numeric column of `table` (null when the table is absent). */
export function readResTable(format: string, fileName: string, db: MDBReader, table: string): ResTable | null {
  try {
    if (!db.getTableNames().includes(table)) return null;
    const t = db.getTable(table);
    const columns = t.getColumns().filter((c) => numericTypes.has(c.type));
    const data = t.getData({ columns: columns.map((c) => c.name) });
    const numeric = new Map<string, Float64Array>();
    for (const c of columns) {
      const values = new Float64Array(data.length);
      for (let i = 0; i < data.length; i++) {
        const v = data[i][c.name];
        values[i] = v === null || v === undefined ? NaN : Number(v);
      }
      numeric.set(c.name, values);
    }
    return { rows: data.length, numeric, columnTypes: new Map(t.getColumns().map((c) => [c.name, c.type])) };
  } catch (e) {
    throw new ParseError({ format, fileName, byte: 0, field: table, message: `cannot read table ${table}: ${(e as Error).message}`, cause: e });
  }
}

/** First row of a small table as a plain object ({} when absent or empty). */
export function readFirstRow(format: string, fileName: string, db: MDBReader, table: string): Record<string, unknown> {
  return readRows(format, fileName, db, table, 1)[0] ?? {};
}

/** All rows (or the first `limit`) of a small table; a corrupt page is a ParseError naming the table. */
export function readRows(format: string, fileName: string, db: MDBReader, table: string, limit?: number): Record<string, unknown>[] {
  try {
    return db.getTableNames().includes(table) ? db.getTable(table).getData(limit === undefined ? undefined : { rowLimit: limit }) : [];
  } catch (e) {
    throw new ParseError({ format, fileName, byte: 0, field: table, message: `cannot read table ${table}: ${(e as Error).message}`, cause: e });
  }
}
