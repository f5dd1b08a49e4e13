import { CanonicalColumn } from '../../domain/canonical-columns.js';
import { ParseError, type CyclerParser, type DetectInput, type ParsedColumn, type ParseInput, type ParseResult, type ParseWarning } from '../cycler-parser.js';
import { decodeText } from '../common/decode-text.js';
import { parseNumberText } from '../common/fast-number.js';
import { toParsedColumn } from '../common/parsed-column.js';
import { headText } from '../common/text-lines.js';

const FORMAT = 'gamry-dta';

/** Gamry column names → canonical ('Vf' = measured potential, 'Im' = measured current, 'T' = time). */
const names: Record<string, string> = { T: CanonicalColumn.TestTime, Vf: CanonicalColumn.Voltage, Im: CanonicalColumn.Current, Temp: CanonicalColumn.SurfaceTemperature };
const units: Record<string, string> = { T: 's', Vf: 'V', Im: 'A' };

function detect({ head }: DetectInput): number {
  return headText(head, 64).startsWith('EXPLAIN') ? 0.95 : 0;
}

/**
 * EXPLAIN files: 'KEY<TAB>TYPE<TAB>value' lines, then tables ('CURVE<TAB>TABLE', 'CURVE1 TABLE'),
 * each a name row, a unit row and rows that start with a TAB. Every CURVE table of the file is
 * joined in order (OCVCURVE / ZCURVE tables are not cycling data and are skipped). No table plan
 * (planTable): the tables are found line by line through the whole file, each with its own header.
 */
async function parse(input: ParseInput): Promise<ParseResult> {
  const { fileName } = input;
  const lines = decodeText(input.bytes).text.split(/\r?\n/);
  const metadata: Record<string, unknown> = { verified: false, zoneUnknown: true };
  const warnings: ParseWarning[] = [{ code: 'UNVERIFIED_FORMAT', message: 'Gamry .DTA reader written from documentation only' }];
  const data = new Map<string, number[]>();
  let rows = 0;
  for (let i = 0; i < lines.length; i++) {
    const cells = lines[i].split('\t');
    if (/^CURVE\d*$/.test(cells[0].split(' ')[0]) && /TABLE/.test(lines[i])) {
      const head = (lines[i + 1] ?? '').split('\t');
      const decimalComma = /^\t[-\d]+\t-?\d+,\d/.test(lines[i + 3] ?? '');
      const declared = Number(cells[2]);
      let k = i + 3;
      for (; k < lines.length && lines[k].startsWith('\t'); k++) {
        const f = lines[k].split('\t');
        head.forEach((name, c) => {
          if (name === '' || !(name in names)) return;
          const v = parseNumberText(f[c] ?? '', decimalComma);
          const list = data.get(name) ?? new Array<number>(rows).fill(NaN);
          list.push(v);
          data.set(name, list);
        });
        rows++;
        for (const list of data.values()) while (list.length < rows) list.push(NaN);
      }
      const read = k - (i + 3);
      if (Number.isInteger(declared) && declared > read) warnings.push(shortTable(cells[0].split(' ')[0], declared, read, k));
      i = k - 1;
    } else if (cells.length >= 2 && /^[A-Z][A-Z0-9_]*$/.test(cells[0])) {
      if (cells[0] === 'TAG') metadata.technique = cells[1];
      if (cells[0] === 'DATE') metadata.date = cells[2];
      if (cells[0] === 'TIME') metadata.time = cells[2];
      if (cells[0] === 'TITLE') metadata.title = cells[2];
    }
  }
  if (rows === 0) throw new ParseError({ format: FORMAT, fileName, line: lines.length, message: 'no CURVE table with data rows' });
  const columns: ParsedColumn[] = [];
  for (const [name, list] of data) columns.push(toParsedColumn(Float64Array.from(list), name, units[name] ?? 'degC', names[name], warnings));
  return { format: FORMAT, parserVersion: '1', rows, columns, metadata, warnings, counters: { capacity: 'none', energy: 'none' } };
}

/**
 * A table that holds fewer points than its header declares ('CURVE<TAB>TABLE<TAB>61'): the run was
 * stopped early or the file is cut. Its rows are kept; the warning says how many are missing and where.
 */
function shortTable(table: string, declared: number, read: number, line: number): ParseWarning {
  return { code: 'POINT_COUNT_SHORT', line, message: `${table}: the header declares ${declared} points, the file holds ${read} (table ends at line ${line}): stopped early or the file is cut` };
}

/** UNVERIFIED: implemented from formats.md §8; no sample file. Current sign as Gamry writes it (anodic +). */
export const gamryDtaParser: CyclerParser = {
  name: FORMAT,
  vendor: 'Gamry',
  label: 'Gamry EXPLAIN .DTA',
  version: '1',
  extensions: ['.dta'],
  verified: false,
  detect,
  parse,
};
