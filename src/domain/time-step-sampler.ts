/** Samples kept at most before the sample is thinned. */
const MAX_SAMPLES = 20_000;

/**
 * The median positive time step of a series seen in pieces, from an evenly spaced sample: every
 * step while the series is short; past 20,000 samples every other one is dropped and the stride
 * doubles, so memory stays small for any length and the sample still spans the whole series.
 */
export class TimeStepSampler {
  private readonly samples: number[] = [];
  private stride = 1;
  private index = 0;
  private prev = NaN;

  add(time: Float64Array): void {
    for (let i = 0; i < time.length; i++) {
      const t = time[i];
      if (this.index++ % this.stride === 0) {
        const dt = t - this.prev;
        if (dt > 0) this.samples.push(dt);
        if (this.samples.length > MAX_SAMPLES) this.thin();
      }
      this.prev = t;
    }
  }

  /** The median of the sampled positive steps; 0 when there are none. */
  median(): number {
    if (this.samples.length === 0) return 0;
    const sorted = Float64Array.from(this.samples).sort();
    return sorted[sorted.length >> 1];
  }

  private thin(): void {
    let w = 0;
    for (let r = 0; r < this.samples.length; r += 2) this.samples[w++] = this.samples[r];
    this.samples.length = w;
    this.stride *= 2;
    this.index = 0;
  }
}
