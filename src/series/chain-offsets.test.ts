import { describe, expect, it } from 'vitest';
import { placeChain, type SeriesEdges } from './chain-offsets.js';

const edges = (e: Partial<SeriesEdges>): SeriesEdges => ({
  firstTimeS: 0, lastTimeS: 100, firstUnixS: Number.NaN, lastUnixS: Number.NaN, firstCycle: 1, lastCycle: 3,
  firstVendorCycle: Number.NaN, lastVendorCycle: Number.NaN, firstStep: 1, lastStep: 6,
  firstAccumulated: { 'Charging Capacity / Ah': 0, 'Net Capacity / Ah': 0 }, lastAccumulated: { 'Charging Capacity / Ah': 2, 'Net Capacity / Ah': 0.5 }, ...e,
});

describe('placeChain', () => {
  it('starts a restarted clock after the pause between the files, cycles and steps after the last', () => {
    const [, b] = placeChain([edges({ firstUnixS: 1000, lastUnixS: 1100 }), edges({ firstUnixS: 1160, lastUnixS: 1260 })]);
    expect(b).toMatchObject({ timeOffsetS: 160, cycleOffset: 3, stepOffset: 6, mergesOpenCycle: false });
  });

  it('keeps a clock that already goes on, and adds no pause without Unix time', () => {
    expect(placeChain([edges({}), edges({ firstTimeS: 130, lastTimeS: 200 })])[1].timeOffsetS).toBe(0);
    expect(placeChain([edges({}), edges({ firstTimeS: 5 })])[1].timeOffsetS).toBe(95);
  });

  it('continues an open cycle, its restarted charge going on, over three files', () => {
    const open = { firstVendorCycle: 7, lastVendorCycle: 7, firstCycle: 1, lastCycle: 1 };
    const [, b, c] = placeChain([edges({ lastVendorCycle: 7 }), edges(open), edges(open)]);
    expect(b).toMatchObject({ cycleOffset: 2, mergesOpenCycle: true });
    expect(b.shifts).toContainEqual({ column: 'Charging Capacity / Ah', add: 2, throughCycle: 1 });
    // The third file goes on from the second's joined values: 2 + 2 Ah charged, 0.5 + 0.5 net.
    expect(c.shifts).toContainEqual({ column: 'Charging Capacity / Ah', add: 4, throughCycle: 1 });
    expect(c.shifts).toContainEqual({ column: 'Net Capacity / Ah', add: 1 });
    expect(c.cycleOffset).toBe(2);
  });

  it('leaves a charge that already goes on as it is', () => {
    const [, b] = placeChain([edges({ lastVendorCycle: 7 }), edges({ firstVendorCycle: 7, firstAccumulated: { 'Charging Capacity / Ah': 2.1 } })]);
    expect(b.shifts.map((s) => s.column)).not.toContain('Charging Capacity / Ah');
  });
});
