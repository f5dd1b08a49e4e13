import type { CyclerParser, DetectInput, ParseInput, ParseResult } from '../cycler-parser.js';
import { headText } from '../common/text-lines.js';
import { readHeaderTable } from '../generic-csv/header-table.js';
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

async function parse(input: ParseInput): Promise<ParseResult> {
  let hasStepIndex = false;
  const table = readHeaderTable({
    format: FORMAT,
    fileName: input.fileName,
    bytes: input.bytes,
    onProgress: input.onProgress,
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
  const warnings = table.warnings;
  const dirCol = table.columns.find((c) => c.originalName === DIRECTION);
  fixCurrentSign(table.columns, dirCol?.values, warnings);
  return {
    format: FORMAT,
    parserVersion: '1',
    rows: table.rows,
    columns: table.columns.filter((c) => c !== dirCol),
    metadata: {},
    warnings,
    // BDF files seen restart capacity per step or per cycle; the reset-aware per-cycle rule reads both.
    counters: { capacity: 'per-cycle', energy: 'per-cycle' },
  };
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
};
