import type { CyclerParser, DetectInput, ParseInput, ParseResult, PlanInput, TablePlan } from '../cycler-parser.js';
import { parsePlannedTable } from '../common/column-plan.js';
import { headText } from '../common/text-lines.js';
import { planHeaderTable } from '../generic-csv/header-table.js';
import { canonicalOfBdfQuantity, splitBdfHeader } from './bdf-names.js';
import { fixCurrentSign, readDirectionLabel } from './bdf-direction.js';

const FORMAT = 'bdf-csv';
const DIRECTION = '(step label direction)';

/** How many cells of a header line look like BDF 'Quantity / unit'. */
function bdfCells(line: string): { bdf: number; total: number; hasCore: boolean } {
  const cells = line.split(/[,;\t]/);
  const bdf = cells.filter((c) => splitBdfHeader(c.replace(/^"|"$/g, '')) !== null).length;
  const hasCore = /(^|[,;\t]"?)Test Time \/ /.test(line) && /Voltage \/ /.test(line) && /Current \/ /.test(line);
  return { bdf, total: cells.length, hasCore };
}

function detect({ head }: DetectInput): number {
  const first = headText(head, 4096).split(/\r?\n/, 1)[0] ?? '';
  const { bdf, total, hasCore } = bdfCells(first);
  if (!hasCore) return 0;
  return bdf === total ? 0.95 : 0.7;
}

function describe({ fileName, head }: PlanInput): { plan: TablePlan; labels: boolean } {
  let hasStepIndex = false;
  const table = planHeaderTable({
    format: FORMAT,
    fileName,
    bytes: head,
    isHeader: (text, line) => {
      hasStepIndex = /Step Index \/ /.test(text);
      return line.number === 1;
    },
    planCell: (cell) => {
      const parts = splitBdfHeader(cell.text.replace(/^"|"$/g, ''));
      if (!parts) return null;
      if (/^step type$/i.test(parts.quantity)) {
        // Labels ('charge', 'rest') only check the current sign; step types are derived from the data.
        return { canonical: null, unit: null, read: readDirectionLabel, name: DIRECTION };
      }
      const canonical = canonicalOfBdfQuantity(parts.quantity, hasStepIndex);
      return canonical ? { canonical, unit: parts.unit } : null;
    },
  });
  const plan: TablePlan = {
    format: FORMAT, parserVersion: '1', columns: table.columns, syntax: table.syntax, dataStart: table.dataStart, dataLine: table.dataLine,
    metadata: {}, warnings: [],
    // BDF files seen restart capacity per step or per cycle; the reset-aware per-cycle rule reads both.
    counters: { capacity: 'per-cycle', energy: 'per-cycle' },
  };
  return { plan, labels: table.columns.some((c) => c.originalName === DIRECTION) };
}

/**
 * A file with step labels has no plan: whether current and power are flipped is decided by the labels
 * and the current of every row of the file (fixCurrentSign).
 */
function planTable(input: PlanInput): TablePlan | null {
  const { plan, labels } = describe(input);
  return labels ? null : plan;
}

async function parse(input: ParseInput): Promise<ParseResult> {
  const { plan, labels } = describe({ ...input, head: input.bytes });
  const result = await parsePlannedTable(plan, input, { noRowsMessage: null });
  if (!labels) return result;
  const dirCol = result.columns.find((c) => c.originalName === DIRECTION);
  fixCurrentSign(result.columns, dirCol?.values, result.warnings);
  return { ...result, columns: result.columns.filter((c) => c !== dirCol) };
}

export const bdfCsvParser: CyclerParser = {
  name: FORMAT,
  vendor: 'Battery Data Alliance',
  label: 'Battery Data Format CSV',
  version: '1',
  extensions: ['.csv', '.bdf'],
  verified: true,
  detect,
  parse,
  planTable,
};
