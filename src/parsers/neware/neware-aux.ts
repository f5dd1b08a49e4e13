import { temperatureChannelName } from '../../domain/canonical-columns.js';
import type { NewareAuxColumn } from './neware-records.js';

/** Canonical column for an aux quantity ('T' °C, 'V' volts, 't' set-point °C, 'H' humidity %) of aux channel `id`; anything else keeps its letter. */
export function auxColumnName(quantity: string, id: number): { name: string; unit: string; originalUnit: string } {
  if (quantity === 'T') return { name: temperatureChannelName(id), unit: 'degC', originalUnit: 'degC' };
  if (quantity === 'V') return { name: `Aux Voltage V${id} / V`, unit: 'V', originalUnit: 'V' };
  if (quantity === 't') return { name: `Temperature Setpoint t${id} / degC`, unit: 'degC', originalUnit: 'degC' };
  if (quantity === 'H') return { name: `Humidity H${id} / %`, unit: '%', originalUnit: '%' };
  return { name: `Aux ${quantity}${id} / 1`, unit: '1', originalUnit: '?' };
}

/**
 * Aligns aux values (long format: one row per record index and aux channel) to the main
 * records by index. Quantities that are all zero or missing are dropped (unconnected inputs).
 */
export function pivotAux(
  mainIndex: Float64Array,
  auxIndex: Float64Array,
  auxId: Float64Array,
  quantities: Record<string, Float64Array>,
): NewareAuxColumn[] {
  const rowOf = new Map<number, number>();
  for (let i = 0; i < mainIndex.length; i++) if (!rowOf.has(mainIndex[i])) rowOf.set(mainIndex[i], i);
  const ids = [...new Set(auxId)].sort((a, b) => a - b);
  const out: NewareAuxColumn[] = [];
  for (const id of ids) {
    for (const [q, values] of Object.entries(quantities)) {
      const col = new Float64Array(mainIndex.length).fill(NaN);
      let informative = false;
      for (let k = 0; k < auxIndex.length; k++) {
        if (auxId[k] !== id) continue;
        const row = rowOf.get(auxIndex[k]);
        if (row === undefined || !Number.isNaN(col[row])) continue;
        col[row] = values[k];
        if (values[k] !== 0 && !Number.isNaN(values[k])) informative = true;
      }
      if (!informative) continue;
      const { name, unit, originalUnit } = auxColumnName(q, id);
      out.push({ name, unit, originalName: `${q}${id}`, originalUnit, values: col });
    }
  }
  return out;
}
