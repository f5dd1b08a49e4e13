import { randomUUID } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type { ParsedColumn } from '../parsers/cycler-parser.js';
import { appendColumnsTo, int32Kind, quoteIdent, quoteString, seriesCopyOptions, uniqueColumnNames, type SeriesProvenance } from './series-store.js';
import { removeOrphanScratch, scratchRoot } from './temp-file.js';

/**
 * DuckDB's memory for a spool of `columns` columns (the rest of the table waits on disk): DuckDB holds a
 * row group per column while appending and copying, so the need grows with the width. Measured minimum:
 * 20 columns 56 MB, 60 columns 160 MB, 120 columns under 316 MB.
 */
function spoolMemoryLimit(columns: number): string {
  return `${Math.ceil(16 + 2.5 * columns)}MB`;
}

/**
 * Writes a series that arrives in blocks (a streamed parse) to one Parquet file without holding it:
 * blocks are appended to a table in a DuckDB database file of their own (one thread, a small memory
 * limit, so the rows wait on disk), and `finish` copies that table into the series file with the
 * same types, encodings, row groups and footer as writeSeriesParquet. Every block must have the same
 * columns in the same order.
 */
export class SeriesSpool {
  /** The spool's own folder (removed by finish and discard). */
  readonly dir = join(scratchRoot(), `spool-${process.pid}-${randomUUID()}`);
  private instance: DuckDBInstance | undefined;
  private con: DuckDBConnection | undefined;
  /** One appender for all blocks: one transaction, not one per block. */
  private appender: DuckDBAppender | undefined;
  private names: string[] = [];
  /** Per column: 'int32' while every value so far is a whole int32, 'empty' while none was present. */
  private kinds: ('int32' | 'empty' | 'double')[] = [];
  private rows = 0;

  async add(columns: ParsedColumn[]): Promise<void> {
    const appender = this.appender ?? (await this.open(columns));
    columns.forEach((c, k) => {
      if (this.kinds[k] === 'double') return;
      const kind = int32Kind(c.values);
      if (kind !== 'empty') this.kinds[k] = kind;
    });
    appendColumnsTo(appender, columns, columns.map(() => false));
    this.rows += columns[0]?.values.length ?? 0;
  }

  /**
   * Writes the series file: the columns named in `keep` (descriptors, in output order), with
   * provenance in the footer. Removes the spool.
   */
  async finish(keep: readonly Omit<ParsedColumn, 'values'>[], provenance: SeriesProvenance, outPath: string): Promise<{ sizeBytes: number }> {
    try {
      if (!this.con || !this.appender || this.rows === 0) throw new Error('no rows were added to the series');
      // Reopened for the copy: the appender's and the buffer pool's memory go back before the Parquet writer's comes.
      this.appender.closeSync();
      this.appender = undefined;
      this.con.closeSync();
      this.instance?.closeSync();
      this.instance = await this.createInstance();
      this.con = await this.instance.connect();
      const outNames = uniqueColumnNames(keep);
      const select = keep.map((c, i) => {
        const k = this.names.indexOf(outNames[i]);
        if (k < 0) throw new Error(`column '${outNames[i]}' is not in the series spool`);
        return `cast(${quoteIdent(this.names[k])} as ${this.kinds[k] === 'int32' ? 'integer' : 'double'}) as ${quoteIdent(outNames[i])}`;
      });
      await this.con.run(`copy (select ${select.join(', ')} from series) to ${quoteString(outPath)} (${seriesCopyOptions(keep, outNames, provenance)})`);
      return { sizeBytes: (await stat(outPath)).size };
    } finally {
      await this.discard();
    }
  }

  /** Removes the spool (also after a failed parse). */
  async discard(): Promise<void> {
    try {
      this.appender?.closeSync();
    } catch {
      // a half-filled spool of a failed parse: its rows are thrown away below
    }
    this.appender = undefined;
    this.con?.closeSync();
    this.instance?.closeSync();
    this.con = undefined;
    this.instance = undefined;
    await rm(this.dir, { recursive: true, force: true });
  }

  private createInstance(): Promise<DuckDBInstance> {
    return DuckDBInstance.create(join(this.dir, 'spool.duckdb'), {
      threads: '1', memory_limit: spoolMemoryLimit(this.names.length), preserve_insertion_order: 'true', temp_directory: join(this.dir, 'tmp'),
    });
  }

  private async open(columns: ParsedColumn[]): Promise<DuckDBAppender> {
    await removeOrphanScratch();
    await mkdir(this.dir, { recursive: true });
    this.names = uniqueColumnNames(columns);
    this.kinds = columns.map(() => 'empty');
    this.instance = await this.createInstance();
    this.con = await this.instance.connect();
    await this.con.run(`create table series (${this.names.map((n) => `${quoteIdent(n)} double`).join(', ')})`);
    this.appender = await this.con.createAppender('series');
    return this.appender;
  }
}
