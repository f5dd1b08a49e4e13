import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { summariseCycles, type CycleSummary } from '../domain/cycle-summary.js';
import type { TablePlan } from '../parsers/cycler-parser.js';
import { cycleSeriesOf } from '../parsers/parse-file.js';
import { planFromFile } from '../parsers/stream/plan-from-file.js';
import { streamTable } from '../parsers/stream/stream-table.js';
import type { ParseOutline } from './parse-output.js';

/** The table plan of a file on disk of `minBytes` or more, or null when it is smaller or its format is read whole. */
export async function streamPlanFor(path: string, format: string | undefined, minBytes: number): Promise<TablePlan | null> {
  const handle = await open(path);
  try {
    const { size } = await handle.stat();
    if (size < minBytes) return null;
    return await planFromFile(basename(path), size, async (offset, length) => {
      const bytes = new Uint8Array(length);
      await handle.read(bytes, 0, length, offset);
      return bytes;
    }, { format });
  } finally {
    await handle.close();
  }
}

/**
 * `liionsden parse` of a big delimited-text file in batches (memory flat in file size): the cycle
 * summary, and the normalised series written to `outParquet` when asked.
 */
export async function parseStreamed(path: string, plan: TablePlan, outParquet?: string): Promise<{ result: ParseOutline; cycles: CycleSummary[] }> {
  const cycles: CycleSummary[] = [];
  // Loaded only when needed: DuckDB's native module costs start-up time.
  const writer = outParquet ? new (await import('../storage/series-spool.js')).SeriesSpool() : undefined;
  try {
    const source = { open: async (start: number) => createReadStream(path, { start, highWaterMark: 1 << 20 }) };
    const result = await streamTable(plan, source, basename(path), {
      begin: () => {},
      block: async (block) => {
        cycles.push(...summariseCycles(cycleSeriesOf(block)));
        await writer?.add(block.columns);
      },
    });
    if (writer && outParquet) {
      await writer.finish(result.columns, { sourceSha256: await sha256OfFile(path), parser: result.format, parserVersion: result.parserVersion }, outParquet);
    }
    return { result, cycles };
  } finally {
    await writer?.discard();
  }
}

/** The hex sha256 of a file, read in 1 MiB pieces. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
