import { describe, expect, it } from 'vitest';
import { CanonicalColumn as C } from '../../domain/canonical-columns.js';
import { findColumn } from '../normalise/columns.js';
import { parseFile } from '../parse-file.js';
import { parsers } from '../registry.js';
import { digatronParser } from './digatron.parser.js';

/** A file written from the documented structure (formats.md §9): German channels, ';', decimal comma, ms. */
function germanExport(): Uint8Array {
  const lines = ['Digatron Firing Circuits', 'Start Time;15.01.2024 09:00:00', 'Programm;ageing.pgm', '',
    'Programmdauer;Schrittdauer;Schritt;Zyklus;Zustand;Spannung;Strom;AhAkku;Energie',
    '[ms];[ms];[];[];[];[V];[A];[Ah];[Wh]'];
  let ah = 0;
  for (let k = 0; k <= 240; k++) {
    const phase = k === 0 ? 0 : k <= 120 ? 1 : -1;
    ah += (phase * 60) / 3600;
    const v = 3.6 + ah * 0.3;
    lines.push([k * 60000, (k % 120) * 60000, phase > 0 ? 2 : 3, 1, phase > 0 ? 'LAD' : 'ENT', v.toFixed(4), (phase * 1).toFixed(3), ah.toFixed(5), (ah * 3.7).toFixed(5)].join(';').replace(/\./g, ','));
  }
  return new TextEncoder().encode(lines.join('\r\n'));
}

describe('Digatron CSV (unverified)', () => {
  it('is flagged unverified and reads the documented German layout', async () => {
    expect(digatronParser.verified).toBe(false);
    const bytes = germanExport();
    expect(digatronParser.detect({ fileName: 'x.csv', head: bytes })).toBeGreaterThan(0.8);
    const { result, cycles } = await parseFile({ fileName: 'digatron.csv', bytes }, parsers);
    expect(result.format).toBe('digatron-csv');
    expect(result.rows).toBe(241);
    expect(findColumn(result, C.TestTime)!.values[240]).toBe(14400);
    expect(findColumn(result, C.Voltage)!.values[1]).toBeCloseTo(3.6 + 0.3 / 60, 4);
    expect(result.warnings[0].code).toBe('UNVERIFIED_FORMAT');
    expect(cycles).toHaveLength(1);
    expect(cycles[0].chargeCapacityAh).toBeCloseTo(2, 3);
    expect(cycles[0].dischargeCapacityAh).toBeCloseTo(2, 3);
  });
});
