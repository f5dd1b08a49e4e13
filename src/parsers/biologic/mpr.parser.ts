import { CanonicalColumn } from '../../domain/canonical-columns.js';
import { ParseError, type CyclerParser, type ParseResult, type ParseWarning } from '../cycler-parser.js';
import { createByteSource, startsWithAscii } from '../binary/byte-view.js';
import { formatLocalIso, oleDateToEpochSeconds } from '../common/date-time.js';
import { MPR_MAGIC, parseMprModuleDate, readMprModules } from './mpr-modules.js';
import { readMprData } from './mpr-data-module.js';
import { toCanonicalMprColumns } from './mpr-canonical.js';
import { readMprLog } from './mpr-log-module.js';
import { readMprSettings } from './mpr-settings-module.js';
import { keepPlausiblePrefix, truncationWarning } from '../binary/plausible-prefix.js';

const FORMAT = 'biologic-mpr';
const VERSION = '1.3.0';

/** BioLogic EC-Lab / BT-Lab .mpr binary (data module versions 0, 2, 3). */
export const biologicMprParser: CyclerParser = {
  name: FORMAT,
  vendor: 'BioLogic',
  label: 'BioLogic EC-Lab .mpr',
  version: VERSION,
  extensions: ['.mpr'],
  verified: true,
  detect({ head }) {
    return startsWithAscii(head, MPR_MAGIC) ? 1 : 0;
  },
  async parse({ fileName, bytes }): Promise<ParseResult> {
    const src = createByteSource(bytes, FORMAT, fileName);
    const modules = readMprModules(src);
    const dataModule = modules.find((m) => m.shortName === 'VMP data');
    if (!dataModule) throw new ParseError({ format: FORMAT, fileName, byte: 52, message: "no 'VMP data' module (a settings-only file?)" });
    const data = readMprData(src, dataModule);
    const { columns: raw, recordsStart, recordSize } = data;
    const warnings: ParseWarning[] = [...data.warnings];
    if (data.declaredRows !== undefined) {
      const byte = recordsStart + data.rows * recordSize;
      warnings.push(truncationWarning(data.rows, byte, `the file ends inside the 'VMP data' module, which declares ${data.declaredRows} records of ${recordSize} bytes`));
    }
    const { columns, hasHalfCycleCounter, energy } = toCanonicalMprColumns(raw, warnings);
    const settings = modules.find((m) => m.shortName === 'VMP Set');
    const logModule = modules.find((m) => m.shortName === 'VMP LOG');
    const { startOle, metadata: logMetadata } = logModule ? readMprLog(src, logModule) : { startOle: null, metadata: {} };
    const metadata: Record<string, unknown> = {
      vendor: 'BioLogic',
      software: 'EC-Lab / BT-Lab',
      dataModuleVersion: dataModule.version,
      modules: modules.map((m) => m.shortName),
      settingsDate: settings ? parseMprModuleDate(settings.date) : null,
      ...(settings ? readMprSettings(src, settings) : {}),
      ...logMetadata,
      currentSign: 'BioLogic I is positive for oxidation at the working electrode; emitted unchanged as Current (positive on charge): right for full cells and positive-electrode half cells, inverted for negative-electrode (graphite, Li metal) half cells',
      timeZone: 'unknown (local wall-clock time stored; Unix Time reads it as UTC)',
    };
    const time = columns.find((c) => c.name === CanonicalColumn.TestTime);
    if (startOle !== null) {
      const start = oleDateToEpochSeconds(startOle);
      metadata.startTime = formatLocalIso(start);
      if (time) {
        const unix = new Float64Array(data.rows);
        for (let i = 0; i < data.rows; i++) unix[i] = start + time.values[i];
        columns.push({ name: CanonicalColumn.UnixTime, unit: 's', originalName: 'LOG start + time/s', originalUnit: null, values: unix });
      }
    } else {
      warnings.push({ code: 'NO_START_TIME', message: "no acquisition start time found in the 'VMP LOG' module" });
    }
    // Records in file order: the first with a non-finite or implausible value ends the clean prefix.
    const byteOf = (row: number) => recordsStart + row * recordSize;
    const rows = keepPlausiblePrefix({ format: FORMAT, fileName, byteOf }, columns, data.rows, warnings);
    const hasNet = columns.some((c) => c.name === CanonicalColumn.NetCapacity);
    return {
      format: FORMAT,
      parserVersion: VERSION,
      rows,
      columns,
      metadata,
      warnings,
      counters: {
        capacity: hasNet ? 'signed-net' : hasHalfCycleCounter ? 'per-half-cycle' : 'none',
        // 'Energy charge' / 'Energy discharge' when the file has them ('|Energy|' has no sign and
        // keeps its own name); else energy is integrated from V·I within steps.
        energy,
      },
    };
  },
};
