import { describe, expect, it } from 'vitest';
import { CanonicalColumn as C } from '../../domain/canonical-columns.js';
import { findColumn } from '../normalise/columns.js';
import { parseFile } from '../parse-file.js';
import { parsers } from '../registry.js';
import { gamryDtaParser } from './gamry-dta.parser.js';

/** Written from the documented structure (formats.md §8): two CURVE tables (charge, discharge) and an OCV table. */
function dta(cutLines = 0): Uint8Array {
  const out = ['EXPLAIN', 'TAG\tCHRONOP', 'TITLE\tLABEL\tCycling\tTest &Identifier', 'DATE\tLABEL\t3/10/2019\tDate', 'TIME\tLABEL\t12:00:00\tTime',
    'OCVCURVE\tTABLE\t2', '\tPt\tT\tVf', '\t#\ts\tV vs. Ref.', '\t0\t0\t3.6', '\t1\t1\t3.6'];
  for (const [table, sign, t0] of [['CURVE', 1, 0], ['CURVE2', -1, 3600]] as const) {
    out.push(`${table}\tTABLE\t61`, '\tPt\tT\tVf\tIm\tVu\tSig\tAch\tIERange\tOver', '\t#\ts\tV vs. Ref.\tA\tV\tV\tV\t#\tbits');
    for (let k = 0; k <= 60; k++) out.push(`\t${k}\t${t0 + k * 60}\t${(3.7 + sign * k * 0.005).toFixed(4)}\t${k === 0 && sign > 0 ? 0 : sign * 0.001}\t0\t0\t0\t7\t...........`);
  }
  return new TextEncoder().encode(out.slice(0, out.length - cutLines).join('\r\n'));
}

describe('Gamry .DTA (unverified)', () => {
  it('joins the CURVE tables and integrates capacity', async () => {
    expect(gamryDtaParser.verified).toBe(false);
    const { result, cycles } = await parseFile({ fileName: 'cycle.DTA', bytes: dta() }, parsers);
    expect(result.format).toBe('gamry-dta');
    expect(result.rows).toBe(122);
    expect(findColumn(result, C.TestTime)!.values[121]).toBe(7200);
    expect(findColumn(result, C.Current)!.values[61]).toBe(-0.001);
    expect(result.metadata).toMatchObject({ technique: 'CHRONOP', date: '3/10/2019' });
    expect(cycles[0].chargeCapacityAh).toBeCloseTo(0.001 * 0.5 * 60 / 3600 + 0.001 * 59 * 60 / 3600, 9);
  });

  it('warns when a table holds fewer points than its header declares, and keeps the rows', async () => {
    const whole = await parseFile({ fileName: 'cycle.DTA', bytes: dta() }, parsers);
    expect(whole.result.warnings.map((w) => w.code)).not.toContain('POINT_COUNT_SHORT');
    const { result } = await parseFile({ fileName: 'cut.DTA', bytes: dta(21) }, parsers);
    expect(result.rows).toBe(101);
    const short = result.warnings.filter((w) => w.code === 'POINT_COUNT_SHORT');
    expect(short).toHaveLength(1);
    expect(short[0].message).toMatch(/^CURVE2: the header declares 61 points, the file holds 40 \(table ends at line \d+\)/);
  });
});
