import { describe, expect, it } from 'vitest';
import { StepType } from '../domain/step-types.js';
import { computeChannelStatus, type AppendPoint } from './channel-state.js';

const settings = { stallFactor: 3, minIntervalS: 60, finishedAfterS: 3600 };
const t0 = Date.parse('2026-12-01T00:00:00Z');
const at = (s: number) => new Date(t0 + s * 1000);
/** Appends every `everyS` seconds, each adding 100 rows. */
const every = (everyS: number, n: number): AppendPoint[] => Array.from({ length: n }, (_, i) => ({ at: at(i * everyS), rows: (i + 1) * 100 }));

describe('channel state', () => {
  it('is running within N × its usual interval and stalled after, measured from its own appends', () => {
    const appends = every(300, 6); // last append at 1500 s
    const facts = { appends, fileState: 'ready', lastStepType: StepType.CCCharge };
    expect(computeChannelStatus(facts, settings, at(1500 + 899))).toMatchObject({ state: 'running', usualIntervalS: 300 });
    expect(computeChannelStatus(facts, settings, at(1500 + 901)).state).toBe('stalled');
    expect(computeChannelStatus(facts, { ...settings, stallFactor: 5 }, at(1500 + 901)).state).toBe('running');
  });

  it('takes the usual interval as the median of recent appends, never below the minimum', () => {
    const irregular = [0, 100, 200, 1200, 1300].map((s, i) => ({ at: at(s), rows: i * 10 }));
    expect(computeChannelStatus({ appends: irregular, fileState: 'ready', lastStepType: null }, settings, at(1300)).usualIntervalS).toBe(100);
    expect(computeChannelStatus({ appends: every(5, 4), fileState: 'ready', lastStepType: null }, settings, at(15)).usualIntervalS).toBe(60);
    expect(computeChannelStatus({ appends: [{ at: at(0), rows: null }], fileState: 'queued', lastStepType: null }, settings, at(181))).toMatchObject({ state: 'stalled', usualIntervalS: 60, rateRowsPerHour: null });
  });

  it('gives the rate in rows per hour over the parsed appends', () => {
    const appends: AppendPoint[] = [...every(360, 3), { at: at(1000), rows: null }];
    expect(computeChannelStatus({ appends, fileState: 'queued', lastStepType: null }, settings, at(1000)).rateRowsPerHour).toBe(1000);
  });

  it('is finished only when stalled past the idle time with a final rest', () => {
    const facts = { appends: every(60, 3), fileState: 'ready', lastStepType: StepType.Rest };
    expect(computeChannelStatus(facts, settings, at(120 + 1000)).state).toBe('stalled');
    expect(computeChannelStatus(facts, settings, at(120 + 3601)).state).toBe('finished');
    expect(computeChannelStatus({ ...facts, lastStepType: StepType.CCDischarge }, settings, at(120 + 3601)).state).toBe('stalled');
  });

  it('is failed when the last parse failed, whatever its timing', () => {
    expect(computeChannelStatus({ appends: every(60, 3), fileState: 'failed', lastStepType: null }, settings, at(121)).state).toBe('failed');
  });
});
