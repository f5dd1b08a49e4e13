import { ParseError, type CyclerParser, type DetectInput, type ParsedColumn, type ParseInput, type ParseResult, type ParseWarning } from '../cycler-parser.js';
import { headText } from '../common/text-lines.js';
import { readHeaderTable } from '../generic-csv/header-table.js';
import { planNovonixCell } from './novonix-columns.js';
import { isNovonixHeader, readNovonixHeadLines } from './novonix-header.js';
import { splitNovonixBlocks } from './novonix-sections.js';

const FORMAT = 'novonix-csv';
const VERSION = '1.1.0';

function detect({ head }: DetectInput): number {
  const text = headText(head, 2048);
  if (!text.startsWith('[Summary]')) return 0;
  return /Novonix/i.test(text) ? 0.98 : 0.6;
}

/*
 * No table plan (planTable): a resumed test appends another [Summary]/[Data] block anywhere in the file,
 * with a header of its own; the blocks' columns are joined by name and counted in the metadata and a
 * warning, so the rows cannot be read from the head's layout alone.
 */
async function parse(input: ParseInput): Promise<ParseResult> {
  const { fileName, bytes } = input;
  const blocks = splitNovonixBlocks(bytes);
  const warnings: ParseWarning[] = [];
  const parts: { rows: number; columns: ParsedColumn[] }[] = [];
  for (const block of blocks) {
    const blockBytes = bytes.subarray(block.start, block.end);
    const table = readHeaderTable({
      format: FORMAT,
      fileName,
      bytes: blockBytes,
      lines: readNovonixHeadLines({ format: FORMAT, fileName, bytes: blockBytes, firstLine: block.firstLine }),
      isHeader: isNovonixHeader,
      planCell: planNovonixCell,
      delimiter: ',',
    });
    warnings.push(...table.warnings);
    parts.push({ rows: table.rows, columns: table.columns });
  }
  if (blocks.length > 1) warnings.push({ code: 'RESUMED_TEST', message: `${blocks.length} [Summary]/[Data] blocks (resumed test); tables joined in file order` });
  const columns = concatColumns(parts, fileName);
  const summary = blocks[0].summary;
  return {
    format: FORMAT,
    parserVersion: VERSION,
    rows: parts.reduce((s, p) => s + p.rows, 0),
    columns,
    metadata: {
      startTime: summary['Started'] ?? null,
      zoneUnknown: true,
      channel: summary['Channel'] ?? null,
      cell: summary['Cell'] ?? null,
      description: summary['Description'] ?? null,
      nominalCapacityAh: numberOrNull(summary['Capacity (Ah)']),
      massG: numberOrNull(summary['Mass (g)']),
      software: summary['Version'] ?? null,
      blocks: blocks.length,
    },
    warnings,
    counters: { capacity: 'signed-net', energy: 'signed-net' },
  };
}

function numberOrNull(text: string | undefined): number | null {
  const n = text === undefined || text.trim() === '' ? NaN : Number(text);
  return Number.isFinite(n) ? n : null;
}

/** Joins the blocks' tables column by column (by name); a column missing from a block is NaN there. */
function concatColumns(parts: { rows: number; columns: ParsedColumn[] }[], fileName: string): ParsedColumn[] {
  if (parts.length === 1) return parts[0].columns;
  const total = parts.reduce((s, p) => s + p.rows, 0);
  const out = new Map<string, ParsedColumn>();
  let offset = 0;
  for (const part of parts) {
    for (const c of part.columns) {
      let target = out.get(c.name);
      if (!target) {
        target = { ...c, values: new Float64Array(total).fill(NaN) };
        out.set(c.name, target);
      }
      if (c.values.length !== part.rows) throw new ParseError({ format: FORMAT, fileName, message: `column '${c.name}' length mismatch` });
      target.values.set(c.values, offset);
    }
    offset += part.rows;
  }
  return [...out.values()];
}

export const novonixParser: CyclerParser = {
  name: FORMAT,
  vendor: 'Novonix',
  label: 'Novonix UHPC/HPC CSV',
  version: VERSION,
  extensions: ['.csv'],
  verified: true,
  detect,
  parse,
};
