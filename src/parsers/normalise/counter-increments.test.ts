import { describe, expect, it } from 'vitest';
import { accumulatePerCycleInPlace, counterIncrements, integrateIncrements, newCycleSums } from './counter-increments.js';

// The kernels run over fixed row ranges (32,768 rows): their state must carry across a range edge,
// and a counter reset or a new cycle just before or after one must give what one row at a time gives.
const n = 100_000;
const edges = [32_767, 32_769, 65_535, 98_305];

function counterWithResets(): { counter: Float64Array; boundary: Uint8Array } {
  const counter = new Float64Array(n);
  const boundary = new Uint8Array(n);
  let v = 0;
  for (let i = 0; i < n; i++) {
    if (edges.includes(i) || i % 7_001 === 0) { v = 0; boundary[i] = 1; }
    v += 0.001 * (1 + (i % 5));
    counter[i] = i % 9_973 === 0 ? NaN : v;
  }
  return { counter, boundary };
}

describe('counter kernels over row ranges', () => {
  it('counterIncrements over all rows equals the same call made row by row', () => {
    const { counter, boundary } = counterWithResets();
    const resets = { boundary, always: true, firstCounts: true };
    const whole = counterIncrements(counter, resets);
    const state = { value: NaN };
    for (let i = 0; i < n; i++) {
      const one = counterIncrements(counter.subarray(i, i + 1), { ...resets, boundary: boundary.subarray(i, i + 1) }, state);
      if (!Object.is(one[0], whole[i])) expect([i, whole[i]]).toEqual([i, one[0]]);
    }
    expect(whole.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('accumulatePerCycleInPlace restarts at each cycle whatever the range', () => {
    const charge = new Float64Array(n).fill(0.5);
    const discharge = new Float64Array(n).fill(0.25);
    const cycle = new Float64Array(n);
    for (let i = 0, c = 1; i < n; i++) { if (edges.includes(i)) c++; cycle[i] = c; }
    const sums = newCycleSums();
    const net = accumulatePerCycleInPlace({ charge, discharge }, cycle, true, sums)!;
    // Rows since the cycle's first row, counted one at a time.
    for (let i = 0, since = 0; i < n; i++) {
      since = i > 0 && cycle[i] === cycle[i - 1] ? since + 1 : 1;
      if (charge[i] !== 0.5 * since) expect([i, charge[i]]).toEqual([i, 0.5 * since]);
    }
    for (const e of edges) expect(charge[e]).toBe(0.5);
    expect(net[n - 1]).toBeCloseTo(0.25 * n, 6);
    expect(sums).toMatchObject({ charge: charge[n - 1], discharge: discharge[n - 1], cycle: edges.length + 1 });
  });
});

describe('integrateIncrements', () => {
  // 1 A charge sampled every second, a step change at row 3 and a 2 h hole in the record at row 6.
  const timeS = Float64Array.of(0, 1, 2, 3, 4, 5, 7205, 7206);
  const currentA = Float64Array.of(1, 1, 1, -1, -1, -1, -1, -1);
  const stepStart = Uint8Array.of(1, 0, 0, 1, 0, 0, 0, 0);

  it('integrates within steps only and never across a gap', () => {
    const { charge, discharge } = integrateIncrements(currentA, timeS, stepStart);
    expect([...charge].map((v) => v * 3600)).toEqual([0, 1, 1, 0, 0, 0, 0, 0]);
    expect([...discharge].map((v) => v * 3600)).toEqual([0, 0, 0, 0, 1, 1, 0, 1]);
  });

  it('gives the same increments row by row as in one call (the usual step carries over)', () => {
    const whole = integrateIncrements(currentA, timeS, stepStart);
    const state = { rate: NaN, timeS: NaN };
    const parts = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => integrateIncrements(currentA.subarray(i, i + 1), timeS.subarray(i, i + 1), stepStart.subarray(i, i + 1), state));
    expect(parts.map((p) => p.discharge[0])).toEqual([...whole.discharge]);
  });
});
