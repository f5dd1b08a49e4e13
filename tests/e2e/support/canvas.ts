/// <reference lib="dom" />
import type { Locator } from 'playwright-core';

/** Counts the canvas pixels close to an RGB colour, and all non-background pixels, inside a plot. */
export async function countPlotPixels(plot: Locator, rgb: [number, number, number]): Promise<{ matching: number; inked: number }> {
  return plot.locator('canvas').first().evaluate((canvas: HTMLCanvasElement, target: [number, number, number]) => {
    const ctx = canvas.getContext('2d');
    if (!ctx) return { matching: 0, inked: 0 };
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let matching = 0;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] < 40) continue;
      inked++;
      if (Math.abs(data[i] - target[0]) < 40 && Math.abs(data[i + 1] - target[1]) < 40 && Math.abs(data[i + 2] - target[2]) < 40) matching++;
    }
    return { matching, inked };
  }, rgb);
}
