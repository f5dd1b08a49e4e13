import { ParseError, type CyclerParser, type ParseResult, type ParseWarning } from '../cycler-parser.js';
import { startsWithAscii } from '../binary/byte-view.js';
import { formatLocalIso, oleDateToEpochSeconds } from '../common/date-time.js';
import { openResDatabase, readFirstRow, readResTable, readRows } from './res-database.js';
import { toResColumns } from './res-columns.js';
import { pivotResAux } from './res-aux.js';
import { keepPlausiblePrefix } from '../binary/plausible-prefix.js';
import { RequiredColumns } from '../../domain/canonical-columns.js';

const FORMAT = 'arbin-res';
const VERSION = '1.1.0';

function isJet(head: Uint8Array): boolean {
  return startsWithAscii(head, 'Standard Jet DB', 4) || startsWithAscii(head, 'Standard ACE DB', 4);
}

/** Row order by (Test_ID, Data_Point): .res tables are not guaranteed to be stored in order. */
function sortOrder(testId: Float64Array | undefined, point: Float64Array): Int32Array {
  const order = Int32Array.from({ length: point.length }, (_, i) => i);
  let sorted = true;
  for (let i = 1; i < point.length && sorted; i++) {
    const t0 = testId ? testId[i - 1] : 0;
    const t1 = testId ? testId[i] : 0;
    if (t1 < t0 || (t1 === t0 && point[i] < point[i - 1])) sorted = false;
  }
  if (!sorted) order.sort((a, b) => (testId ? testId[a] - testId[b] : 0) || point[a] - point[b]);
  return order;
}

function readMetadata(globals: Record<string, unknown>, version: Record<string, unknown>): Record<string, unknown> {
  const start = typeof globals.Start_DateTime === 'number' ? formatLocalIso(oleDateToEpochSeconds(globals.Start_DateTime)) : null;
  const meta: Record<string, unknown> = {
    vendor: 'Arbin',
    fileVersion: version.Version_Schema_Field ?? null,
    testName: globals.Test_Name ?? null,
    startTime: start,
    channel: globals.Channel_Index ?? null,
    channelNumber: globals.Channel_Number ?? null,
    schedule: globals.Schedule_File_Name ?? null,
    scheduleVersion: globals.Schedule_Version ?? null,
    software: globals.Software_Version ?? null,
    serial: globals.Serial_Number ?? null,
    creator: globals.Creator || null,
    comments: globals.Comments || null,
    itemId: globals.Item_ID || null,
    timeZone: 'unknown (local wall-clock time stored; Unix Time reads it as UTC)',
  };
  if (typeof globals.MASS === 'number' && globals.MASS > 0) meta.massG = globals.MASS;
  if (typeof globals.Capacity === 'number' && globals.Capacity > 0) meta.nominalCapacityAh = globals.Capacity;
  return meta;
}

/** Arbin MITS Pro / MITS 7 .res result file (MS Access Jet 4), plain or gzip-compressed. */
export const arbinResParser: CyclerParser = {
  name: FORMAT,
  vendor: 'Arbin',
  label: 'Arbin .res (Access database)',
  version: VERSION,
  extensions: ['.res', '.res.gz'],
  verified: true,
  detect({ fileName, head }) {
    if (isJet(head)) return 1;
    // gzip: only ours when the name says .res (the registry may also gunzip and sniff again).
    return head[0] === 0x1f && head[1] === 0x8b && /\.res\.gz$/i.test(fileName) ? 0.9 : 0;
  },
  async parse({ fileName, bytes }): Promise<ParseResult> {
    const db = openResDatabase(FORMAT, fileName, bytes);
    const normal = readResTable(FORMAT, fileName, db, 'Channel_Normal_Table');
    if (!normal) throw new ParseError({ format: FORMAT, fileName, byte: 0, message: 'no Channel_Normal_Table: not an Arbin result file' });
    const point = normal.numeric.get('Data_Point');
    if (!point) throw new ParseError({ format: FORMAT, fileName, byte: 0, field: 'Channel_Normal_Table', message: 'Channel_Normal_Table has no Data_Point column' });
    const testId = normal.numeric.get('Test_ID');
    const order = sortOrder(testId, point);
    const warnings: ParseWarning[] = [];
    const columns = toResColumns(normal.numeric, order);
    // Arbin writes every field of every row: a null is a damaged row (no page checksum tells us).
    for (const c of columns) {
      const empty = c.values.reduce((n, v) => (Number.isNaN(v) ? n + 1 : n), 0);
      if (empty > 0) warnings.push({ code: 'EMPTY_VALUES', message: `${c.originalName}: ${empty} empty (null) values in Channel_Normal_Table` });
    }
    const rowOf = new Map<string, number>();
    for (let i = 0; i < order.length; i++) rowOf.set(`${testId ? testId[order[i]] : 1}:${point[order[i]]}`, i);
    const aux = readResTable(FORMAT, fileName, db, 'Auxiliary_Table');
    if (aux && aux.rows > 0) {
      const units = new Map(readRows(FORMAT, fileName, db, 'Aux_Global_Data_Table').map((r) => [`${r.Data_Type}:${r.Auxiliary_Index}`, String(r.Unit ?? '')]));
      const auxColumns = pivotResAux(aux, rowOf, order.length, units);
      // Aux rows are joined by (Test_ID, Data_Point): a damaged key leaves its point empty.
      for (const c of auxColumns) {
        const empty = c.values.reduce((n, v) => (Number.isNaN(v) ? n + 1 : n), 0);
        if (empty > 0) warnings.push({ code: 'AUX_MISSING', message: `${c.name}: ${empty} of ${c.values.length} points have no Auxiliary_Table row (left empty)` });
      }
      columns.push(...auxColumns);
    }
    const tests = testId ? new Set(testId).size : 1;
    if (tests > 1) warnings.push({ code: 'MULTIPLE_TESTS', message: `${tests} Test_IDs (a resumed test): rows ordered by Test_ID then Data_Point` });
    // Access pages carry no checksum: a value no cycler can write means a corrupt page. Rows are in
    // (Test_ID, Data_Point) order, so the rows kept are the test up to that point.
    const rowSource = {
      format: FORMAT,
      fileName,
      byteOf: () => undefined,
      describeRow: (row: number) => `Channel_Normal_Table Data_Point ${point[order[row]]}`,
      allowsMissing: (name: string) => !(RequiredColumns as readonly string[]).includes(name),
    };
    const rows = keepPlausiblePrefix(rowSource, columns, order.length, warnings);
    return {
      format: FORMAT,
      parserVersion: VERSION,
      rows,
      columns,
      metadata: readMetadata(readFirstRow(FORMAT, fileName, db, 'Global_Table'), readFirstRow(FORMAT, fileName, db, 'Version_Table')),
      warnings,
      counters: { capacity: 'per-cycle', energy: 'per-cycle' },
    };
  },
};
