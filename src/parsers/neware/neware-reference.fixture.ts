import { readFileSync } from 'node:fs';
import type { ParseResult } from '../cycler-parser.js';
import { newareStatusLabel } from './neware-status.js';
import { stepTypeOfNewareStatus } from './neware-status.js';

/** Test support: compares a parse result with NewareNDA's reference CSV (units V, mA, mAh, mWh, s). */
export interface ColumnMismatch {
  column: string;
  bad: number;
  firstRow: number;
  expected: number;
  actual: number;
}

const statusCode = new Map(Object.entries(newareStatusLabel).map(([code, label]) => [label, Number(code)]));

function parseTimestamp(s: string): number {
  if (!s) return NaN;
  const iso = s.replace(' ', 'T');
  return Date.parse(/[+-]\d\d:\d\d$|Z$/.test(iso) ? iso : `${iso}Z`) / 1000;
}

/** Reads `neware/reference/<name>.csv` into numeric columns keyed by header. */
export function readNewareReference(name: string): Map<string, Float64Array> {
  const text = readFileSync(`../shared/fixtures/neware/reference/${name}.csv`, 'utf8').trimEnd();
  const lines = text.split('\n');
  const header = lines[0].split(',');
  const cols = header.map(() => new Float64Array(lines.length - 1));
  for (let r = 1; r < lines.length; r++) {
    const f = lines[r].split(',');
    for (let c = 0; c < header.length; c++) {
      const h = header[c];
      const v = f[c] ?? '';
      cols[c][r - 1] = h === 'Status' ? stepTypeOfNewareStatus(statusCode.get(v) ?? -1) : h === 'Timestamp' ? parseTimestamp(v) : v === '' ? NaN : Number(v);
    }
  }
  return new Map(header.map((h, i) => [h, cols[i]]));
}

/** Reference column → [our column, factor from reference units to ours]. */
export const referenceColumnMap: Record<string, [string, number]> = {
  Index: ['Record Index / 1', 1],
  Cycle: ['Cycle Vendor / 1', 1],
  Step: ['Step Count / 1', 1],
  Step_Index: ['Step Index / 1', 1],
  Status: ['Step Type / 1', 1],
  Time: ['Step Time / s', 1],
  Voltage: ['Voltage / V', 1],
  'Current(mA)': ['Current / A', 1e-3],
  'Charge_Capacity(mAh)': ['Charging Capacity / Ah', 1e-3],
  'Discharge_Capacity(mAh)': ['Discharging Capacity / Ah', 1e-3],
  'Charge_Energy(mWh)': ['Charging Energy / Wh', 1e-3],
  'Discharge_Energy(mWh)': ['Discharging Energy / Wh', 1e-3],
  Timestamp: ['Unix Time / s', 1],
  T1: ['Temperature T1 / degC', 1],
  T2: ['Temperature T2 / degC', 1],
  V1: ['Aux Voltage V1 / V', 1],
};

/**
 * Every reference column compared row by row; float32 reference values allow a relative error of
 * 2e-6 (plus `absTol` in our units). Returns one entry per column that has mismatching rows.
 */
export function compareWithReference(result: ParseResult, ref: Map<string, Float64Array>, absTol: Record<string, number> = {}): ColumnMismatch[] {
  const out: ColumnMismatch[] = [];
  for (const [refName, refValues] of ref) {
    const [ours, factor] = referenceColumnMap[refName];
    const col = result.columns.find((c) => c.name === ours);
    if (refValues.every((v) => Number.isNaN(v)) && !col) continue;
    if (!col) {
      out.push({ column: refName, bad: refValues.length, firstRow: 0, expected: refValues[0], actual: NaN });
      continue;
    }
    const tol = absTol[refName] ?? 1e-9;
    let bad = 0;
    let first = -1;
    for (let i = 0; i < refValues.length; i++) {
      const e = refValues[i] * factor;
      const a = col.values[i];
      const ok = (Number.isNaN(e) && Number.isNaN(a)) || Math.abs(a - e) <= tol + 2e-6 * Math.abs(e);
      if (!ok) {
        bad++;
        if (first < 0) first = i;
      }
    }
    if (bad > 0) out.push({ column: refName, bad, firstRow: first, expected: refValues[first] * factor, actual: col.values[first] });
  }
  return out;
}
