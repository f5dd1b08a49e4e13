import type { CyclerParser, DetectInput, ParseInput, ParseResult, PlanInput, TablePlan } from '../cycler-parser.js';
import { parsePlannedTable } from '../common/column-plan.js';
import { readHeadLines } from '../common/text-lines.js';
import { planHeaderTable } from '../generic-csv/header-table.js';
import { canonicalOfDigatron, isDigatronHeader } from './digatron-columns.js';

const FORMAT = 'digatron-csv';

function detect({ head }: DetectInput): number {
  const lines = readHeadLines(head, 60, head.length);
  const header = lines.findIndex((l) => isDigatronHeader(l.text));
  if (header < 0) return 0;
  return lines.slice(0, header).some((l) => /Start Time|Startzeit/i.test(l.text)) ? 0.85 : 0.6;
}

/** Units sit on the line after the names, in brackets: '[s]', '[V]', '[ms]'. */
function unitsOf(line: string | undefined, delimiter: string): string[] {
  return (line ?? '').split(delimiter).map((u) => u.trim().replace(/^"|"$/g, '').replace(/^\[|\]$/g, '').trim());
}

function planTable({ fileName, head }: PlanInput): TablePlan {
  const lines = readHeadLines(head, 400);
  const startLine = lines.find((l) => /Start Time|Startzeit/i.test(l.text));
  // DATTES: the character right after 'Start Time' is the column separator.
  const sepChar = startLine ? startLine.text.charAt(startLine.text.search(/Start Time|Startzeit/i) + (/Start Time/i.test(startLine.text) ? 10 : 9)) : '';
  const delimiter = sepChar === ';' || sepChar === ',' || sepChar === '\t' ? sepChar : undefined;
  const headerLine = lines.find((l) => isDigatronHeader(l.text));
  const units = unitsOf(headerLine ? lines[headerLine.number]?.text : undefined, delimiter ?? (headerLine?.text.includes(';') ? ';' : ','));
  const table = planHeaderTable({
    format: FORMAT,
    fileName,
    bytes: head,
    lines,
    delimiter,
    isHeader: (text) => isDigatronHeader(text),
    skipAfterHeader: 1,
    planCell: (cell, index) => {
      const canonical = canonicalOfDigatron(cell.text.replace(/"/g, ''));
      if (canonical === 'Unix Time / s') return { canonical, unit: 's' };
      return canonical ? { canonical, unit: units[index] || null } : null;
    },
  });
  return {
    format: FORMAT, parserVersion: '1', columns: table.columns, syntax: table.syntax, dataStart: table.dataStart, dataLine: table.dataLine,
    metadata: { startTime: startLine ? startLine.text.replace(/^.*?(Start Time|Startzeit)\W*/i, '').replace(/[;,\t]+$/, '') : null, zoneUnknown: true, verified: false },
    warnings: [{ code: 'UNVERIFIED_FORMAT', message: 'Digatron reader written from documentation only; check the result against the cycler software' }],
    counters: { capacity: 'signed-net', energy: 'signed-net' },
  };
}

async function parse(input: ParseInput): Promise<ParseResult> {
  return parsePlannedTable(planTable({ ...input, head: input.bytes }), input, { noRowsMessage: null });
}

/** UNVERIFIED: implemented from formats.md §9 (DATTES, RWTH documentation); no sample file. */
export const digatronParser: CyclerParser = {
  name: FORMAT,
  vendor: 'Digatron',
  label: 'Digatron BTS-600 CSV export',
  version: '1',
  extensions: ['.csv', '.txt'],
  verified: false,
  detect,
  parse,
  planTable,
};
