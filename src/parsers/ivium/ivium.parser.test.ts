import { describe, expect, it } from 'vitest';
import { CanonicalColumn as C } from '../../domain/canonical-columns.js';
import { findColumn } from '../normalise/columns.js';
import { parseFile } from '../parse-file.js';
import { parsers } from '../registry.js';
import { iviumParser } from './ivium.parser.js';

const e = (x: number) => x.toExponential(5).replace(/e([+-])(\d)$/, 'E$10$2').toUpperCase().padStart(12);

/** An .idf written from the documented structure (formats.md §9): binary prefix, key=value lines, 40-char rows. */
function idf(): Uint8Array {
  const text = ['Version=11', 'Tasks=2', 'Tasks.Mode[1]=CC', 'Tasks.Mode[2]=CC', 'starttime=13/02/2024 10:00:00', 'primary_data'];
  for (let k = 0; k <= 120; k++) {
    const current = k === 0 ? 0 : k <= 60 ? 1e-3 : -1e-3;
    text.push(`${e(k * 60)} ${e(current)} ${e(3.6 + (k <= 60 ? k : 120 - k) * 0.005)}`);
  }
  const body = new TextEncoder().encode(text.join('\r\n'));
  const out = new Uint8Array(body.length + 4);
  out.set([0x02, 0x00, 0x8f, 0x01]);
  out.set(body, 4);
  return out;
}

describe('Ivium (unverified)', () => {
  it('reads an .idf data block and the day-first start time', async () => {
    expect(iviumParser.verified).toBe(false);
    const bytes = idf();
    expect(iviumParser.detect({ fileName: 'run.idf', head: bytes })).toBeGreaterThan(0.8);
    const { result, cycles } = await parseFile({ fileName: 'run.idf', bytes }, parsers);
    expect(result.format).toBe('ivium');
    expect(result.rows).toBe(121);
    expect(findColumn(result, C.TestTime)!.values[120]).toBe(7200);
    expect(findColumn(result, C.Current)!.values[61]).toBe(-1e-3);
    expect(result.metadata.startEpochS).toBe(Date.UTC(2024, 1, 13, 10) / 1000);
    expect(cycles[0].chargeCapacityAh).toBeCloseTo(0.001 * 59.5 / 60 + 0.001 * 0.5 / 60, 9);
  });

  it('reads the tab text export with mA', async () => {
    const rows = ['time /s\tI /mA\tE /V', ...Array.from({ length: 11 }, (_, k) => `${k * 360}\t${k === 0 ? 0 : 1}\t${3.6 + k * 0.01}`)];
    const { result, cycles } = await parseFile({ fileName: 'export.txt', bytes: new TextEncoder().encode(rows.join('\n')) }, parsers);
    expect(result.format).toBe('ivium');
    expect(findColumn(result, C.Current)!.values[1]).toBe(0.001);
    expect(cycles[0].chargeCapacityAh).toBeCloseTo(0.001 * 0.95, 9);
  });
});
