import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { parseLocalFile } from '../parsers/parse-local-file.js';
import { parseJson, parseSummaryText, writeColumnsCsv } from './parse-output.js';
import { parseStreamed, sha256OfFile, streamPlanFor } from './parse-streamed.js';

interface ParseOptions {
  format?: string;
  json?: boolean;
  out?: string;
}

async function assertReadable(path: string): Promise<void> {
  try {
    await access(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError('file', path);
    throw err;
  }
}

export function registerParseCommand(program: Command): void {
  program
    .command('parse')
    .description('Parse a cycler file: detect the format, normalise to canonical columns, summarise each cycle')
    .argument('<file>', 'cycler data file (.gz accepted)')
    .option('--format <name>', 'use this parser instead of detecting (registry name, e.g. maccor-txt)')
    .option('--json', 'print one JSON object: format, rows, columns, metadata, warnings, cycles')
    .option('--out <file>', 'write the normalised columns to FILE.parquet (zstd) or FILE.csv')
    .action(async (file: string, opts: ParseOptions) => {
      if (opts.out && !/\.(parquet|csv)$/i.test(opts.out)) throw new ValidationError('--out must end in .parquet or .csv', [{ field: 'out', message: 'FILE.parquet or FILE.csv' }]);
      await assertReadable(file);
      // Big text files are read in batches (flat memory); CSV output needs the whole-file path.
      const plan = opts.out?.toLowerCase().endsWith('.csv') ? null : await streamPlanFor(file, opts.format, loadConfig().streamIngestMinBytes);
      if (plan) {
        const { result, cycles } = await parseStreamed(file, plan, opts.out);
        process.stdout.write(opts.json ? JSON.stringify(parseJson(result, cycles)) + '\n' : parseSummaryText(file, result, cycles, { streamed: true }) + '\n');
        return;
      }
      const { result, cycles } = await parseLocalFile(file, { format: opts.format, spreadsheetLimits: loadConfig().spreadsheetLimits });
      if (opts.out?.toLowerCase().endsWith('.parquet')) {
        // Loaded only when needed: DuckDB's native module costs start-up time.
        const { writeSeriesParquet } = await import('../storage/series-store.js');
        const sourceSha256 = await sha256OfFile(file);
        await writeSeriesParquet(result.columns, { sourceSha256, parser: result.format, parserVersion: result.parserVersion }, opts.out);
      } else if (opts.out) {
        await writeColumnsCsv(result, opts.out);
      }
      process.stdout.write(opts.json ? JSON.stringify(parseJson(result, cycles)) + '\n' : parseSummaryText(file, result, cycles) + '\n');
    });
}
