import { temperatureChannelName } from '../../domain/canonical-columns.js';
import type { ParsedColumn } from '../cycler-parser.js';
import type { ResTable } from './res-database.js';

/** Canonical name and unit of Arbin aux channel `index` (0-based) of `dataType` (0 voltage, 1 temperature). */
function auxName(dataType: number, index: number, unit: string | null): { name: string; unit: string | null } {
  const n = index + 1;
  if (dataType === 1) return { name: temperatureChannelName(n), unit: 'degC' };
  if (dataType === 0) return { name: `Aux Voltage V${n} / V`, unit: 'V' };
  return { name: `Aux Type${dataType} ${n}`, unit };
}

/**
 * Pivots the long Auxiliary_Table (one row per point per channel) into one column per
 * (Data_Type, Auxiliary_Index), aligned to the data rows by (Test_ID, Data_Point).
 */
export function pivotResAux(aux: ResTable, rowOf: Map<string, number>, rows: number, units: Map<string, string>): ParsedColumn[] {
  const testId = aux.numeric.get('Test_ID');
  const point = aux.numeric.get('Data_Point');
  const index = aux.numeric.get('Auxiliary_Index');
  const type = aux.numeric.get('Data_Type');
  const x = aux.numeric.get('X');
  const dx = aux.numeric.get('dX_dt');
  if (!testId || !point || !index || !type || !x) return [];
  const channels = new Map<string, { type: number; index: number; x: Float64Array; dx: Float64Array | null }>();
  for (let k = 0; k < aux.rows; k++) {
    const key = `${type[k]}:${index[k]}`;
    let ch = channels.get(key);
    if (!ch) {
      ch = { type: type[k], index: index[k], x: new Float64Array(rows).fill(NaN), dx: dx ? new Float64Array(rows).fill(NaN) : null };
      channels.set(key, ch);
    }
    const row = rowOf.get(`${testId[k]}:${point[k]}`);
    if (row === undefined) continue;
    ch.x[row] = x[k];
    if (ch.dx && dx) ch.dx[row] = dx[k];
  }
  const out: ParsedColumn[] = [];
  for (const ch of [...channels.values()].sort((a, b) => a.type - b.type || a.index - b.index)) {
    const unit = units.get(`${ch.type}:${ch.index}`) ?? null;
    const { name, unit: canonicalUnit } = auxName(ch.type, ch.index, unit);
    const original = `Aux X (type ${ch.type}, index ${ch.index})`;
    out.push({ name, unit: canonicalUnit, originalName: original, originalUnit: unit, values: ch.x });
    if (ch.dx) out.push({ name: `${name.replace(/ \/ .*$/, '')} rate / ${canonicalUnit ?? '1'}/s`, unit: `${canonicalUnit ?? '1'}/s`, originalName: `Aux dX_dt (type ${ch.type}, index ${ch.index})`, originalUnit: null, values: ch.dx });
  }
  return out;
}
