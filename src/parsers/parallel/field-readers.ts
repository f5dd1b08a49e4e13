import { arbinDateTimeReader } from '../arbin/arbin-csv-columns.js';
import { readBasytecCommand } from '../basytec/basytec.parser.js';
import type { DateOrder } from '../common/date-time.js';
import { dateTimeReader, durationReader } from '../common/named-readers.js';
import type { FieldReader, FieldReaderRef, TableField } from '../common/table-reader.js';
import { readMaccorState } from '../maccor/maccor-columns.js';
import { readNewareStepType } from '../neware/neware-text-columns.js';

/** Every named field reader a worker thread can rebuild, by `FieldReaderRef.id`. */
export const fieldReaderFactories: Readonly<Record<string, (arg: string | undefined) => FieldReader>> = {
  'arbin-date-time': (arg) => arbinDateTimeReader(arg as DateOrder),
  'basytec-command': () => readBasytecCommand,
  'date-time': (arg) => dateTimeReader(arg as DateOrder),
  duration: () => durationReader,
  'maccor-state': () => readMaccorState,
  'neware-step-type': () => readNewareStepType,
};

/** A table field as plain data: the reader by name instead of a function. */
export interface FieldSpec {
  index: number;
  name: string;
  lenient?: boolean;
  reader?: FieldReaderRef;
}

/** The fields as plain data, or null when one has a reader worker threads cannot rebuild. */
export function toFieldSpecs(fields: readonly TableField[]): FieldSpec[] | null {
  const specs: FieldSpec[] = [];
  for (const f of fields) {
    if (f.read && !(f.read.ref && f.read.ref.id in fieldReaderFactories)) return null;
    specs.push({ index: f.index, name: f.name, lenient: f.lenient, reader: f.read?.ref });
  }
  return specs;
}

// One reader per id and argument for the life of the thread: a new closure per table would make
// the optimised row scanner, which inlines the reader it has seen, deoptimise on every range.
const rebuilt = new Map<string, FieldReader>();

/** The fields back with their readers (in a worker thread). */
export function fromFieldSpecs(specs: readonly FieldSpec[]): TableField[] {
  return specs.map((s) => ({ index: s.index, name: s.name, lenient: s.lenient, read: s.reader ? rebuild(s.reader) : undefined }));
}

function rebuild(ref: FieldReaderRef): FieldReader {
  const key = `${ref.id}\u0000${ref.arg ?? ''}`;
  let reader = rebuilt.get(key);
  if (!reader) rebuilt.set(key, (reader = fieldReaderFactories[ref.id](ref.arg)));
  return reader;
}
