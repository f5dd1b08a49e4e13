import type { ColumnMapping, CompanionFile, TablePlan } from '../cycler-parser.js';
import { detectParser } from '../detect.js';
import { isGzip } from '../gunzip.js';
import { parsers } from '../registry.js';

/**
 * Bytes of a file's head that a table plan is made from: one more than the 1 MiB the header readers look
 * at (readHeadLines), so that a line cut at 1 MiB is left out as it is when `parse` plans from the whole file.
 */
export const PLAN_HEAD_BYTES = (1 << 20) + 1;

/**
 * The table plan for a file from its first PLAN_HEAD_BYTES, when its format can be read in batches
 * (the detected parser has `planTable` and the file is not compressed); null otherwise. Detection is
 * the same as parseFile's, so a file gets the same parser whichever way it is read.
 */
export function planFromHead(
  fileName: string, head: Uint8Array,
  opts: { format?: string; companions?: CompanionFile[]; columnMapping?: ColumnMapping; columnMappings?: readonly ColumnMapping[] } = {},
): TablePlan | null {
  if (isGzip(head)) return null;
  const { parser, columnMapping } = detectParser(parsers, fileName, head, opts);
  return parser.planTable?.({ fileName, head, companions: opts.companions, columnMapping }) ?? null;
}
