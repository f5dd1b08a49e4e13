import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import type { Viewer } from '../access/viewer.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { ValidationError } from '../domain/errors.js';
import { findReadySeriesKey } from '../series/data-file-access.js';
import { openSeriesExport, SERIES_EXPORT_FORMATS, type SeriesExportFormat } from '../series/export-source.js';
import { createSeriesEngine } from '../series/series-engine.js';
import { openBlobStore } from '../storage/open-blob-store.js';

// Whoever runs the CLI holds the database and blob store credentials: they act as the operator
// (every record except deleted ones), like a maintainer through the API.
const operator: Viewer = { userId: null, role: 'administrator', institutionId: null, anonymousRead: false };

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('Write a data file\'s normalised series to a file: CSV (all columns), Parquet (as stored) or BDF CSV')
    .argument('<datafile>', 'data file id')
    .requiredOption('--format <format>', SERIES_EXPORT_FORMATS.join(' | '))
    .requiredOption('--out <file>', 'output path (written under a temporary name, then renamed)')
    .action(async (dataFile: string, opts: { format: string; out: string }) => {
      const id = Number(dataFile);
      if (!Number.isInteger(id) || id <= 0) throw new ValidationError(`DATAFILE must be a data file id, not '${dataFile}'`);
      if (!(SERIES_EXPORT_FORMATS as readonly string[]).includes(opts.format)) throw new ValidationError(`--format must be one of ${SERIES_EXPORT_FORMATS.join(', ')}`);
      const config = loadConfig();
      const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      const temp = `${opts.out}.${process.pid}.part`;
      try {
        await migrateToLatest(database.db);
        const { seriesKey } = await findReadySeriesKey(database.db, operator, id);
        const engine = createSeriesEngine({ blobStore: openBlobStore(config), dataDir: config.dataDir });
        const { body } = await openSeriesExport(engine, seriesKey, opts.format as SeriesExportFormat);
        await pipeline(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), createWriteStream(temp));
        await rename(temp, opts.out);
        process.stdout.write(`Wrote data file ${id} as ${opts.format} to ${opts.out} (${(await stat(opts.out)).size} bytes)\n`);
      } finally {
        await rm(temp, { force: true });
        await database.close();
      }
    });
}
