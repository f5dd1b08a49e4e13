import type { z } from '@hono/zod-openapi';
import type { FadeFiguresSchema, SpreadSchema } from './batch-statistics.schemas.js';

/** One device's discharge capacity (in the shown unit) and coulombic efficiency per cycle, cycles ascending. */
export interface DeviceCycles {
  deviceId: number;
  cycles: number[];
  dischargeCapacity: number[];
  coulombicEfficiency: (number | null)[];
}

/** The API's shapes (batch-statistics.schemas.ts), so the figures computed here are the ones it documents. */
export type Spread = z.infer<typeof SpreadSchema>;
export type FadeFigures = z.infer<typeof FadeFiguresSchema>;

export type DeviceFigures = FadeFigures & { deviceId: number };

export function spreadOf(values: readonly (number | null)[]): Spread {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length === 0) return { n: 0, mean: null, std: null, min: null, max: null };
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const std = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { n: xs.length, mean, std, min: Math.min(...xs), max: Math.max(...xs) };
}

/** Least-squares line y = intercept + slope·x over the finite points; null with < 2 distinct x. */
export function fitLine(xs: readonly number[], ys: readonly number[]): { slope: number; intercept: number } | null {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
    n++;
    sx += xs[i];
    sy += ys[i];
    sxx += xs[i] * xs[i];
    sxy += xs[i] * ys[i];
  }
  const d = n * sxx - sx * sx;
  if (n < 2 || d === 0) return null;
  const slope = (n * sxy - sx * sy) / d;
  return { slope, intercept: (sy - slope * sx) / n };
}

/** Figures of one device. */
export function deviceFigures(d: DeviceCycles): DeviceFigures {
  return { deviceId: d.deviceId, ...fadeFigures(d) };
}

/** Figures of cycles: cycles with no discharge (formation rests, partial cycles) are left out of the fade fit. */
export function fadeFigures(d: Omit<DeviceCycles, 'deviceId'>): FadeFigures {
  const used = d.cycles.map((c, i) => ({ c, q: d.dischargeCapacity[i] })).filter((p) => Number.isFinite(p.q) && p.q > 0);
  const fit = fitLine(used.map((p) => p.c), used.map((p) => p.q));
  const reference = fit && used.length > 0 ? fit.intercept + fit.slope * used[0].c : null;
  return {
    cycleCount: d.cycles.length,
    initialDischargeCapacity: used.length > 0 ? used[0].q : null,
    finalDischargeCapacity: used.length > 0 ? used[used.length - 1].q : null,
    meanCoulombicEfficiency: spreadOf(d.coulombicEfficiency).mean,
    fadePercentPer100Cycles: fit && reference && reference > 0 ? (-fit.slope * 100 * 100) / reference : null,
  };
}

/** Batch figures: each device's figures, their spread across devices, and the per-cycle capacity band. */
export function batchStatistics(devices: readonly DeviceCycles[]) {
  const figures = devices.map(deviceFigures);
  const byCycle = new Map<number, number[]>();
  for (const d of devices) {
    d.cycles.forEach((c, i) => {
      if (!Number.isFinite(d.dischargeCapacity[i])) return;
      const list = byCycle.get(c) ?? [];
      list.push(d.dischargeCapacity[i]);
      byCycle.set(c, list);
    });
  }
  const cycles = [...byCycle.keys()].sort((a, b) => a - b);
  const band = cycles.map((c) => spreadOf(byCycle.get(c)!));
  return {
    devices: figures,
    spread: {
      initialDischargeCapacity: spreadOf(figures.map((f) => f.initialDischargeCapacity)),
      finalDischargeCapacity: spreadOf(figures.map((f) => f.finalDischargeCapacity)),
      meanCoulombicEfficiency: spreadOf(figures.map((f) => f.meanCoulombicEfficiency)),
      fadePercentPer100Cycles: spreadOf(figures.map((f) => f.fadePercentPer100Cycles)),
      cycleCount: spreadOf(figures.map((f) => f.cycleCount)),
    },
    dischargeCapacityByCycle: {
      cycle: cycles,
      n: band.map((s) => s.n),
      mean: band.map((s) => s.mean),
      std: band.map((s) => s.std),
      min: band.map((s) => s.min),
      max: band.map((s) => s.max),
    },
  };
}
