import type { CompanionFile, TablePlan } from '../cycler-parser.js';
import { detectParser, type DetectOptions } from '../detect.js';
import { isGzip } from '../gunzip.js';
import { parsers } from '../registry.js';

/**
 * Bytes of a file's head that a table plan is made from: one more than the 1 MiB the header readers look
 * at (readHeadLines), so that a line cut at 1 MiB is left out as it is when `parse` plans from the whole file.
 */
export const PLAN_HEAD_BYTES = (1 << 20) + 1;
/** Bytes of a file's end given as `PlanInput.tail`: one more than tailLines reads, so its first (cut) line is dropped the same way. */
export const PLAN_TAIL_BYTES = (1 << 14) + 1;

/** Reads `length` bytes of the file from `offset`. */
export type ReadRange = (offset: number, length: number) => Promise<Uint8Array>;

/**
 * The table plan for a file from its first PLAN_HEAD_BYTES (and last PLAN_TAIL_BYTES), when its format can
 * be read in batches (the detected parser has `planTable` and the file is not compressed); null otherwise.
 * Detection is the same as parseFile's, so a file gets the same parser whichever way it is read.
 */
export async function planFromFile(
  fileName: string, size: number, read: ReadRange,
  opts: DetectOptions & { companions?: CompanionFile[] } = {},
): Promise<TablePlan | null> {
  const head = await read(0, Math.min(PLAN_HEAD_BYTES, size));
  if (isGzip(head)) return null;
  const { parser, columnMapping } = detectParser(parsers, fileName, head, opts);
  if (!parser.planTable) return null;
  const tailLength = Math.min(PLAN_TAIL_BYTES, size);
  const tail = await read(size - tailLength, tailLength);
  return parser.planTable({ fileName, head, tail, companions: opts.companions, columnMapping });
}
