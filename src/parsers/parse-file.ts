import { CanonicalColumn } from '../domain/canonical-columns.js';
import type { CycleSeries } from '../domain/cycle-series.js';
import { summariseCycles, type CycleSummary } from '../domain/cycle-summary.js';
import { AppError } from '../domain/errors.js';
import { ParseError, type ColumnMapping, type CyclerParser, type ParseInput, type ParseResult } from './cycler-parser.js';
import { detectParser, type DetectOptions } from './detect.js';
import { gunzipFile, isGzip } from './gunzip.js';
import { findColumn, findValues } from './normalise/columns.js';
import { normalise } from './normalise/normalise.js';
import { normaliseCheckpointed, type NormaliseFacts } from './normalise/normalise-checkpointed.js';
import type { NormaliseCheckpoint } from './normalise/normalise-stream.js';
import { defaultTableReader } from './parallel/default-table-reader.js';
import { parsers as registeredParsers } from './registry.js';

export interface ParsedFile {
  /** Normalised: canonical columns, per-cycle counters. */
  result: ParseResult;
  cycles: CycleSummary[];
  /** With `checkpoint`: where normalisation stands before the open cycle, to go on with appended rows. */
  resume?: { checkpoint: NormaliseCheckpoint; facts: NormaliseFacts };
}

export interface NormaliseChoice {
  /** Normalise through a stream and keep its checkpoint (a file that grows: ADR 0010). */
  checkpoint?: boolean;
}

/**
 * The one entry point for a data file: (gunzip →) detect → parse → normalise → summarise.
 * Big delimited tables are read on worker threads (defaultTableReader) unless the input brings a reader.
 * Failures are ParseError, UnsupportedFormatError / NotDataFileError or ValidationError (unknown
 * forced format); an unexpected exception inside a parser is reported as a ParseError naming it.
 */
export async function parseFile(input: ParseInput & NormaliseChoice & Omit<DetectOptions, 'columnMapping'>, parsers: readonly CyclerParser[] = registeredParsers): Promise<ParsedFile> {
  let { fileName, bytes } = input;
  if (isGzip(bytes)) ({ fileName, bytes } = gunzipFile(fileName, bytes));
  const { parser, columnMapping } = detectParser(parsers, fileName, bytes, { format: input.format, preferredFormat: input.preferredFormat, columnMapping: input.columnMapping, columnMappings: input.columnMappings });
  let raw: ParseResult;
  try {
    raw = await parser.parse({ ...input, fileName, bytes, columnMapping, readTable: input.readTable ?? defaultTableReader() });
  } catch (err) {
    throw asParseError(err, parser.name, fileName);
  }
  return normaliseAndSummarise(raw, fileName, input);
}

/** The last steps of every parse: canonical columns and counters, then the per-cycle summary. */
export function normaliseAndSummarise(raw: ParseResult, fileName: string, choice: NormaliseChoice = {}): ParsedFile {
  if (choice.checkpoint && raw.rows > 0) {
    const { result, checkpoint, facts } = normaliseCheckpointed(raw, fileName);
    return { result, cycles: summariseCycles(cycleSeriesOf(result)), resume: { checkpoint, facts } };
  }
  const result = normalise(raw, fileName);
  return { result, cycles: summariseCycles(cycleSeriesOf(result)) };
}

/** An unexpected exception inside a parser, as a ParseError naming the format (ours pass through). */
export function asParseError(err: unknown, format: string, fileName: string): Error {
  if (err instanceof ParseError || err instanceof AppError) return err;
  return new ParseError({ format, fileName, message: `parser failed: ${err instanceof Error ? err.message : String(err)}`, cause: err });
}

/** The columns the cycle and step tables need, from a normalised result. */
export function cycleSeriesOf(result: Pick<ParseResult, 'columns'>): CycleSeries {
  const need = (name: string): Float64Array => {
    const c = findColumn(result, name);
    if (!c) throw new Error(`normalised result lacks '${name}'`);
    return c.values;
  };
  const temperature = result.columns.find((c) => c.unit === 'degC' && findValues(result, c.name));
  return {
    testTimeS: need(CanonicalColumn.TestTime),
    voltageV: need(CanonicalColumn.Voltage),
    currentA: need(CanonicalColumn.Current),
    cycle: need(CanonicalColumn.CycleCount),
    vendorCycle: findValues(result, CanonicalColumn.CycleVendor),
    stepCount: need(CanonicalColumn.StepCount),
    stepIndex: findValues(result, CanonicalColumn.StepIndex),
    stepType: need(CanonicalColumn.StepType),
    chargeCapacityAh: need(CanonicalColumn.ChargingCapacity),
    dischargeCapacityAh: need(CanonicalColumn.DischargingCapacity),
    chargeEnergyWh: need(CanonicalColumn.ChargingEnergy),
    dischargeEnergyWh: need(CanonicalColumn.DischargingEnergy),
    temperatureC: temperature?.values,
    internalResistanceOhm: findValues(result, CanonicalColumn.InternalResistance),
  };
}
