import { StepType } from '../domain/step-types.js';
import type { MonitorSettings } from '../config.js';

export type ChannelState = 'running' | 'stalled' | 'finished' | 'failed';

/** One logged send of a channel's file: when it landed, and the rows the file had once it was parsed (null: not parsed). */
export interface AppendPoint {
  at: Date;
  rows: number | null;
}

export interface ChannelFacts {
  /** Oldest first; never empty (a file's upload is its first point). */
  appends: AppendPoint[];
  /** The data file's parse state: 'failed' when its last parse failed. */
  fileState: string;
  /** StepType code of the file's last step, if it was parsed. */
  lastStepType: number | null;
}

export interface ChannelStatus {
  state: ChannelState;
  /** Median of the recent intervals between appends, never below `minIntervalS`. */
  usualIntervalS: number;
  /** Rows per hour over the recent parsed appends; null with fewer than two of them. */
  rateRowsPerHour: number | null;
  idleS: number;
}

/** How many of the latest appends the usual interval and the rate are taken over. */
export const RECENT_APPENDS = 10;

/**
 * A channel's state at `now` from its own history: failed when its last parse failed; stalled when
 * no append came for longer than `stallFactor` × its usual interval; finished when, stalled so, it
 * has been idle for `finishedAfterS` and its last step is a rest; else running.
 */
export function computeChannelStatus(facts: ChannelFacts, settings: MonitorSettings, now: Date): ChannelStatus {
  const recent = facts.appends.slice(-(RECENT_APPENDS + 1));
  const last = recent[recent.length - 1];
  const intervalsS = recent.slice(1).map((p, i) => (p.at.getTime() - recent[i].at.getTime()) / 1000);
  const usualIntervalS = Math.max(median(intervalsS) ?? 0, settings.minIntervalS);
  const idleS = Math.max(0, (now.getTime() - last.at.getTime()) / 1000);
  const status = { usualIntervalS, rateRowsPerHour: rateOf(recent), idleS };
  if (facts.fileState === 'failed') return { state: 'failed', ...status };
  if (idleS <= settings.stallFactor * usualIntervalS) return { state: 'running', ...status };
  const finished = idleS > settings.finishedAfterS && facts.lastStepType === StepType.Rest;
  return { state: finished ? 'finished' : 'stalled', ...status };
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function rateOf(points: AppendPoint[]): number | null {
  const parsed = points.filter((p): p is { at: Date; rows: number } => p.rows !== null);
  if (parsed.length < 2) return null;
  const first = parsed[0];
  const last = parsed[parsed.length - 1];
  const hours = (last.at.getTime() - first.at.getTime()) / 3_600_000;
  return hours > 0 ? (last.rows - first.rows) / hours : null;
}
