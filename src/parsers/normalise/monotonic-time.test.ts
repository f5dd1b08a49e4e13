import { describe, expect, it } from 'vitest';
import { makeMonotonic, newMonotonicTimeState } from './monotonic-time.js';

describe('makeMonotonic', () => {
  it('hands back an axis that is already non-decreasing as it is, and carries the state as a full pass would', () => {
    const time = Float64Array.of(0, 1, 1, 3, 3.5, 3.5);
    const state = newMonotonicTimeState();
    const { timeS, resume } = makeMonotonic(time, state);
    expect(timeS).toBe(time);
    expect([...resume]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(state).toEqual({ ...newMonotonicTimeState(), prev: 3.5, lastDt: 0.5, rows: 6 });
    // The next stretch goes on from there: a step back is shifted by the last positive step.
    const next = makeMonotonic(Float64Array.of(4, 1), state);
    expect([...next.timeS]).toEqual([4, 4.5]);
    expect(state).toMatchObject({ resets: 1, firstReset: 7, rows: 8 });
  });

  it('copies (never modifies) an axis with a gap, a step back or -0', () => {
    for (const values of [[0, NaN, 2], [0, 2, 1], [-0, 1, 2]]) {
      const time = Float64Array.from(values);
      const { timeS } = makeMonotonic(time, newMonotonicTimeState());
      expect(timeS).not.toBe(time);
      expect([...time]).toEqual(values);
      for (let i = 1; i < timeS.length; i++) expect(timeS[i]).toBeGreaterThanOrEqual(timeS[i - 1]);
      expect(Object.is(timeS[0], -0)).toBe(false);
    }
  });
});
