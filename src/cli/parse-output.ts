import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { CycleSummary } from '../domain/cycle-summary.js';
import type { ParsedColumn, ParseResult } from '../parsers/cycler-parser.js';

/** A parse's result without the values (a streamed parse never holds them all). */
export type ParseOutline = Omit<ParseResult, 'columns'> & { columns: Omit<ParsedColumn, 'values'>[] };

/** The `--json` object: one per file. */
export function parseJson(result: ParseOutline, cycles: CycleSummary[]): Record<string, unknown> {
  return {
    format: result.format,
    parserVersion: result.parserVersion,
    rows: result.rows,
    columns: result.columns.map((c) => ({ name: c.name, unit: c.unit, originalName: c.originalName, originalUnit: c.originalUnit })),
    metadata: result.metadata,
    warnings: result.warnings,
    cycles,
  };
}

const fmt = (v: number | null, digits: number): string => (v === null || !Number.isFinite(v) ? '-' : v.toFixed(digits));

/** A readable summary for a terminal. */
export function parseSummaryText(fileName: string, result: ParseOutline, cycles: CycleSummary[], opts: { streamed?: boolean } = {}): string {
  const lines = [`${fileName}: ${result.format} (parser ${result.parserVersion}), ${result.rows} rows, ${cycles.length} cycles${opts.streamed ? ' (read in batches)' : ''}`];
  lines.push('columns:');
  for (const c of result.columns) lines.push(`  ${c.name}${c.originalName !== c.name ? `  ← ${c.originalName}${c.originalUnit ? ` [${c.originalUnit}]` : ''}` : ''}`);
  for (const w of result.warnings) lines.push(`warning ${w.code}: ${w.message}`);
  lines.push('cycle  charge/Ah  discharge/Ah  charge/Wh  discharge/Wh  CE      Vmin   Vmax   duration/s');
  const shown = cycles.length > 40 ? [...cycles.slice(0, 20), null, ...cycles.slice(-20)] : cycles;
  for (const c of shown) {
    if (c === null) { lines.push('  ...'); continue; }
    lines.push([String(c.cycle).padStart(5), fmt(c.chargeCapacityAh, 5).padStart(10), fmt(c.dischargeCapacityAh, 5).padStart(13), fmt(c.chargeEnergyWh, 4).padStart(10),
      fmt(c.dischargeEnergyWh, 4).padStart(13), fmt(c.coulombicEfficiency, 4).padStart(7), fmt(c.minVoltageV, 3).padStart(6), fmt(c.maxVoltageV, 3).padStart(6), fmt(c.durationS, 0).padStart(12)].join(' '));
  }
  return lines.join('\n');
}

/** Writes the columns as CSV (header 'Name / unit', NaN → empty field), streaming in blocks. */
export async function writeColumnsCsv(result: ParseResult, path: string): Promise<void> {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  const cols = result.columns;
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  out.write(cols.map((c) => quote(c.name)).join(',') + '\n');
  let block: string[] = [];
  for (let i = 0; i < result.rows; i++) {
    let line = '';
    for (let k = 0; k < cols.length; k++) {
      const v = cols[k].values[i];
      if (k > 0) line += ',';
      if (v === v) line += String(v);
    }
    block.push(line);
    if (block.length === 8192) {
      if (!out.write(block.join('\n') + '\n')) await once(out, 'drain');
      block = [];
    }
  }
  if (block.length > 0) out.write(block.join('\n') + '\n');
  out.end();
  await once(out, 'finish');
}
