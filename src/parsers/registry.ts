import type { CyclerParser } from './cycler-parser.js';
import { newareNdaParser } from './neware/nda.parser.js';
import { newareNdaxParser } from './neware/ndax.parser.js';
import { newareCsvParser } from './neware/btsda-csv.parser.js';
import { newareXlsParser } from './neware/bts-xls.parser.js';
import { biologicMprParser } from './biologic/mpr.parser.js';
import { biologicMpsParser } from './biologic/mps.parser.js';
import { biologicMptParser } from './biologic/mpt.parser.js';
import { arbinResParser } from './arbin/res.parser.js';
import { arbinXlsxParser } from './arbin/xlsx.parser.js';
import { maccorTextParser } from './maccor/maccor-text.parser.js';
import { maccorExcelParser } from './maccor/maccor-excel.parser.js';
import { arbinCsvParser } from './arbin/arbin-csv.parser.js';
import { pecParser } from './pec/pec.parser.js';
import { basytecParser } from './basytec/basytec.parser.js';
import { novonixParser } from './novonix/novonix.parser.js';
import { bdfCsvParser } from './bdf/bdf-csv.parser.js';
import { bdfParquetParser } from './bdf/bdf-parquet.parser.js';
import { batteryArchiveParser } from './batteryarchive/batteryarchive.parser.js';
import { genericCsvParser } from './generic-csv/generic-csv.parser.js';
import { unitSuffixCsvParser } from './unit-suffix-csv/unit-suffix-csv.parser.js';
import { digatronParser } from './digatron/digatron.parser.js';
import { gamryDtaParser } from './gamry/gamry-dta.parser.js';
import { iviumParser } from './ivium/ivium.parser.js';
import { landtParser } from './landt/landt.parser.js';
import { arrowIpcParser } from './arrow/arrow-ipc.parser.js';

/** Every known cycler format. Add a format by adding its folder and one entry here. */
export const parsers: readonly CyclerParser[] = [
  newareNdaParser,
  newareNdaxParser,
  newareCsvParser,
  newareXlsParser,
  biologicMprParser,
  biologicMpsParser,
  biologicMptParser,
  arbinResParser,
  arbinXlsxParser,
  maccorTextParser,
  maccorExcelParser,
  pecParser,
  basytecParser,
  arbinCsvParser,
  novonixParser,
  bdfCsvParser,
  bdfParquetParser,
  batteryArchiveParser,
  genericCsvParser,
  unitSuffixCsvParser,
  digatronParser,
  gamryDtaParser,
  iviumParser,
  landtParser,
  arrowIpcParser,
];
