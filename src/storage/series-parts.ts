import { randomUUID } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedColumn } from '../parsers/cycler-parser.js';
import {
  appendColumns, duckdbConnection, int32Kind, quoteIdent, quoteString, seriesCopyOptions, SERIES_ROW_GROUP_ROWS, uniqueColumnNames,
  type SeriesProvenance,
} from './series-store.js';

/**
 * Writes a series that arrives in blocks (a streamed parse) to one Parquet file without holding it:
 * blocks are gathered to a row group's worth and written as part files (DOUBLE, light zstd) in a
 * private temporary folder; `finish` has DuckDB copy the parts, in order, into the series file with
 * the same types, encodings, row groups and footer as writeSeriesParquet. Every block must have the
 * same columns in the same order.
 */
export class SeriesPartsWriter {
  private readonly dir = join(tmpdir(), 'liionsden-series', `parts-${randomUUID()}`);
  private readonly parts: string[] = [];
  private pending: ParsedColumn[][] = [];
  private pendingRows = 0;
  private names: string[] = [];
  /** Per column: 'int32' while every value so far is a whole int32, 'empty' while none was present. */
  private kinds: ('int32' | 'empty' | 'double')[] = [];

  async add(columns: ParsedColumn[]): Promise<void> {
    if (this.parts.length === 0 && this.pending.length === 0) {
      this.names = uniqueColumnNames(columns);
      this.kinds = columns.map(() => 'empty');
      await mkdir(this.dir, { recursive: true });
    }
    columns.forEach((c, k) => {
      if (this.kinds[k] === 'double') return;
      const kind = int32Kind(c.values);
      if (kind !== 'empty') this.kinds[k] = kind;
    });
    this.pending.push(columns);
    this.pendingRows += columns[0]?.values.length ?? 0;
    if (this.pendingRows >= SERIES_ROW_GROUP_ROWS) await this.flush();
  }

  /**
   * Writes the series file: the columns named in `keep` (descriptors, in output order), with
   * provenance in the footer. Removes the parts.
   */
  async finish(keep: readonly Omit<ParsedColumn, 'values'>[], provenance: SeriesProvenance, outPath: string): Promise<{ sizeBytes: number }> {
    try {
      await this.flush();
      if (this.parts.length === 0) throw new Error('no rows were added to the series');
      const con = await duckdbConnection();
      const outNames = uniqueColumnNames(keep);
      const select = keep.map((c, i) => {
        const k = this.names.indexOf(outNames[i]);
        if (k < 0) throw new Error(`column '${outNames[i]}' is not in the series parts`);
        return `cast(${quoteIdent(this.names[k])} as ${this.kinds[k] === 'int32' ? 'integer' : 'double'}) as ${quoteIdent(outNames[i])}`;
      });
      const files = `[${this.parts.map(quoteString).join(', ')}]`;
      await con.run(`copy (select ${select.join(', ')} from read_parquet(${files})) to ${quoteString(outPath)} (${seriesCopyOptions(keep, outNames, provenance)})`);
      return { sizeBytes: (await stat(outPath)).size };
    } finally {
      await this.discard();
    }
  }

  /** Removes the parts written so far (a failed parse). */
  async discard(): Promise<void> {
    this.pending = [];
    await rm(this.dir, { recursive: true, force: true });
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const blocks = this.pending;
    this.pending = [];
    this.pendingRows = 0;
    const columns = blocks.length === 1 ? blocks[0] : blocks[0].map((c, k) => ({ ...c, values: joined(blocks.map((b) => b[k].values)) }));
    const con = await duckdbConnection();
    const table = `part_${randomUUID().replaceAll('-', '')}`;
    const path = join(this.dir, `${String(this.parts.length).padStart(6, '0')}.parquet`);
    await con.run(`create temp table ${table} (${this.names.map((n) => `${quoteIdent(n)} double`).join(', ')})`);
    try {
      await appendColumns(con, table, columns, columns.map(() => false));
      await con.run(`copy ${table} to ${quoteString(path)} (format parquet, compression zstd, compression_level 1, row_group_size ${SERIES_ROW_GROUP_ROWS})`);
    } finally {
      await con.run(`drop table if exists ${table}`);
    }
    this.parts.push(path);
  }
}

function joined(arrays: Float64Array[]): Float64Array {
  const out = new Float64Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}
