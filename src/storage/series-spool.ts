import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { ParsedColumn } from '../parsers/cycler-parser.js';
import { PlainParquetWriter } from './plain-parquet.js';
import { copyStagedSeries, int32Kind, uniqueColumnNames, type SeriesProvenance } from './series-store.js';
import { removeOrphanScratch, scratchRoot } from './temp-file.js';

/**
 * DuckDB's memory for copying a spool of `columns` columns into the series file: its Parquet writer holds a
 * row group per column. Measured minimum: 20 columns 56 MB, 60 columns 160 MB, 120 columns under 316 MB.
 */
function spoolMemoryLimit(columns: number): string {
  return `${Math.ceil(16 + 2.5 * columns)}MB`;
}

/**
 * Writes a series that arrives in blocks (a streamed parse) to one Parquet file without holding it:
 * each block is written at once as row groups of a staging file (PlainParquetWriter: raw doubles, so
 * the rows wait on disk while the parse goes on), and `finish` copies that file into the series file
 * with the same types, encodings, row groups and footer as writeSeriesParquet (the same copy). Every
 * block must have the same columns in the same order.
 */
export class SeriesSpool {
  /** The spool's own folder (removed by finish and discard). */
  readonly dir = join(scratchRoot(), `spool-${process.pid}-${randomUUID()}`);
  private writer: PlainParquetWriter | undefined;
  private names: string[] = [];
  /** Per column: 'int32' while every value so far is a whole int32, 'empty' while none was present. */
  private kinds: ('int32' | 'empty' | 'double')[] = [];
  private rows = 0;

  async add(columns: ParsedColumn[]): Promise<void> {
    const writer = this.writer ?? (await this.open(columns));
    columns.forEach((c, k) => {
      if (this.kinds[k] === 'double') return;
      const kind = int32Kind(c.values);
      if (kind !== 'empty') this.kinds[k] = kind;
    });
    writer.add(columns.map((c) => c.values));
    this.rows += columns[0]?.values.length ?? 0;
  }

  /**
   * Writes the series file: the columns named in `keep` (descriptors, in output order), with
   * provenance in the footer. Removes the spool.
   */
  async finish(keep: readonly Omit<ParsedColumn, 'values'>[], provenance: SeriesProvenance, outPath: string): Promise<{ sizeBytes: number }> {
    try {
      if (!this.writer || this.rows === 0) throw new Error('no rows were added to the series');
      const writer = this.writer;
      this.writer = undefined; // finish closes the file, whatever happens
      writer.finish();
      const staged = uniqueColumnNames(keep).map((name) => {
        const k = this.names.indexOf(name);
        if (k < 0) throw new Error(`column '${name}' is not in the series spool`);
        return k;
      });
      const instance = await DuckDBInstance.create(':memory:', {
        threads: '2', memory_limit: spoolMemoryLimit(keep.length), preserve_insertion_order: 'true', temp_directory: join(this.dir, 'tmp'),
      });
      try {
        const selection = { staged: staged.map((k) => this.names[k]), integer: staged.map((k) => this.kinds[k] === 'int32'), keep };
        return await copyStagedSeries(await instance.connect(), join(this.dir, STAGE), selection, provenance, outPath);
      } finally {
        instance.closeSync();
      }
    } finally {
      await this.discard();
    }
  }

  /** Removes the spool (also after a failed parse). */
  async discard(): Promise<void> {
    this.writer?.close();
    this.writer = undefined;
    await rm(this.dir, { recursive: true, force: true });
  }

  private async open(columns: ParsedColumn[]): Promise<PlainParquetWriter> {
    await removeOrphanScratch();
    await mkdir(this.dir, { recursive: true });
    this.names = uniqueColumnNames(columns);
    this.kinds = columns.map(() => 'empty');
    this.writer = new PlainParquetWriter(join(this.dir, STAGE), this.names, stageGroupRows(columns.length));
    return this.writer;
  }
}

const STAGE = 'stage.parquet';

/**
 * Rows per staging row group: at most 16 MiB of doubles, so that the copy's readers (one group per thread)
 * stay inside the spool's memory limit beside the Parquet writer's row group, however long a block's cycles.
 */
function stageGroupRows(columns: number): number {
  return Math.max(1024, Math.min(131_072, Math.floor((16 << 20) / (8 * Math.max(1, columns)))));
}
