import { CanonicalColumn } from '../../domain/canonical-columns.js';
import { ParseError, type ParsedColumn, type ParseResult, type ParseWarning } from '../cycler-parser.js';
import { planCanonicalCounters, type CanonicalCounters, type CanonicalCountersPlan } from './canonical-counters-columns.js';

/** The raw time column normalise() keeps, beside the monotonic one, when time went backwards. */
export const OriginalTimeColumn = 'Test Time (original) / s';

export type ColumnDescriptor = Omit<ParsedColumn, 'values'>;

/** Values made by normalisation rather than read from an input column. */
export type DerivedKey = 'recordIndex' | 'originalTime' | 'testTime' | 'cycleCount' | 'stepCount' | 'stepType' | keyof CanonicalCounters;

/** One output column: its descriptor, and either the input column it passes on or what derives it. */
export interface OutputSlot {
  column: ColumnDescriptor;
  input?: number;
  derived?: DerivedKey;
  /** The raw time column: only there when time went backwards; else this slot (an input column it displaced), if any. */
  onlyWhenTimeResets?: { otherwise?: OutputSlot };
}

/** What normalisation does with a file's columns, decided from their descriptors and which hold values. */
export interface NormalisePlan {
  outputs: OutputSlot[];
  /** The file has no 'Record Index / 1': number the rows from 1. */
  deriveRecordIndex: boolean;
  /** Input column indices. */
  voltage: number;
  current: number;
  /** The time source: 'Test Time / s' when it holds values, else 'Unix Time / s' (made relative to its first value). */
  time: { input: number; fromUnix: boolean };
  vendorCycle?: number;
  stepIndex?: number;
  /** A vendor step type column with values (then no step type is derived). */
  stepType?: number;
  restThresholdA: number;
  counters: CanonicalCountersPlan;
  /** Warnings known from the plan alone (counters declared but absent). */
  warnings: ParseWarning[];
}

export interface NormalisePlanInput {
  format: string;
  fileName: string;
  columns: readonly ColumnDescriptor[];
  /** Names of the columns with at least one finite value. */
  present: ReadonlySet<string>;
  counters: ParseResult['counters'];
  restThresholdA: number;
}

/** Plans normalisation; throws a ParseError when voltage, current or every time column is missing. */
export function planNormalise(input: NormalisePlanInput): NormalisePlan {
  const { columns, present } = input;
  const fail = (message: string): never => {
    throw new ParseError({ format: input.format, fileName: input.fileName, message });
  };
  const has = (name: string): number | undefined => {
    const i = columns.findIndex((c) => c.name === name);
    return i < 0 ? undefined : i;
  };
  const find = (name: string): number | undefined => (present.has(name) ? has(name) : undefined);
  const voltage = has(CanonicalColumn.Voltage) ?? fail('no voltage column');
  const current = has(CanonicalColumn.Current) ?? fail('no current column');
  const testTime = find(CanonicalColumn.TestTime);
  const time = testTime !== undefined
    ? { input: testTime, fromUnix: false }
    : { input: find(CanonicalColumn.UnixTime) ?? fail('no test time or date-time column'), fromUnix: true };
  const stepType = find(CanonicalColumn.StepType);
  const warnings: ParseWarning[] = [];
  const counters = planCanonicalCounters(input.counters, find, (name) => has(name) !== undefined, warnings);
  const outputs = outputSlots(columns, time, stepType === undefined, counters.withNet);
  return {
    outputs, deriveRecordIndex: outputs[0].derived === 'recordIndex',
    voltage, current, time, vendorCycle: find(CanonicalColumn.CycleVendor), stepIndex: find(CanonicalColumn.StepIndex), stepType,
    restThresholdA: input.restThresholdA, counters, warnings,
  };
}

const counterColumns: [name: string, unit: string, key: keyof CanonicalCounters][] = [
  [CanonicalColumn.ChargingCapacity, 'Ah', 'chargingCapacity'],
  [CanonicalColumn.DischargingCapacity, 'Ah', 'dischargingCapacity'],
  [CanonicalColumn.ChargingEnergy, 'Wh', 'chargingEnergy'],
  [CanonicalColumn.DischargingEnergy, 'Wh', 'dischargingEnergy'],
  [CanonicalColumn.NetCapacity, 'Ah', 'netCapacity'],
];

// The input columns in order, derived ones replacing those of the same name or appended; vendor
// counters are kept under '(vendor)' names.
function outputSlots(columns: readonly ColumnDescriptor[], time: NormalisePlan['time'], deriveStepType: boolean, withNet: boolean): OutputSlot[] {
  const slots: OutputSlot[] = columns.map((c, input) => ({ column: descriptorOf(c), input }));
  const named = (name: string): OutputSlot | undefined => slots.find((s) => s.column.name === name);
  if (!named(CanonicalColumn.RecordIndex)) slots.unshift({ column: derivedDescriptor(CanonicalColumn.RecordIndex, '1'), derived: 'recordIndex' });
  const timeColumn = time.fromUnix ? derivedDescriptor(CanonicalColumn.TestTime, 's') : descriptorOf(columns[time.input]);
  putSlot(slots, {
    column: { ...timeColumn, name: OriginalTimeColumn, unit: 's' },
    ...(time.fromUnix ? { derived: 'originalTime' } : { input: time.input }),
    onlyWhenTimeResets: { otherwise: named(OriginalTimeColumn) },
  });
  putSlot(slots, { column: named(CanonicalColumn.TestTime)?.column ?? derivedDescriptor(CanonicalColumn.TestTime, 's'), derived: 'testTime' });
  putSlot(slots, { column: derivedDescriptor(CanonicalColumn.CycleCount, '1'), derived: 'cycleCount' });
  putSlot(slots, { column: derivedDescriptor(CanonicalColumn.StepCount, '1'), derived: 'stepCount' });
  if (deriveStepType) putSlot(slots, { column: derivedDescriptor(CanonicalColumn.StepType, '1'), derived: 'stepType' });
  for (const [name, unit, key] of counterColumns) {
    if (key === 'netCapacity' && !withNet) continue;
    const vendor = columns.findIndex((c) => c.name === name);
    if (vendor >= 0) slots.push({ column: { ...descriptorOf(columns[vendor]), name: name.replace(' / ', ' (vendor) / ') }, input: vendor });
    putSlot(slots, { column: vendor >= 0 ? descriptorOf(columns[vendor]) : derivedDescriptor(name, unit), derived: key });
  }
  return slots;
}

function descriptorOf(c: ColumnDescriptor): ColumnDescriptor {
  return { name: c.name, unit: c.unit, originalName: c.originalName, originalUnit: c.originalUnit };
}

/** A column derived by normalisation (no original header in the file). */
function derivedDescriptor(name: string, unit: string): ColumnDescriptor {
  return { name, unit, originalName: name, originalUnit: null };
}

/** Replaces the slot of that name (keeping its position), or appends it. */
function putSlot(slots: OutputSlot[], slot: OutputSlot): void {
  const i = slots.findIndex((s) => s.column.name === slot.column.name);
  if (i >= 0) slots[i] = slot;
  else slots.push(slot);
}
