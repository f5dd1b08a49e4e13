/** Delimiter and decimal-separator detection for delimited text exports. */
export type Delimiter = '\t' | ',' | ';';

/** Picks the delimiter that splits the header and the sample lines into the same, largest field count. */
export function detectDelimiter(header: string, samples: string[] = []): Delimiter {
  let best: Delimiter = ',';
  let bestScore = -1;
  for (const d of ['\t', ';', ','] as const) {
    const n = header.split(d).length;
    if (n < 2) continue;
    const consistent = samples.filter((s) => s.split(d).length >= n - 1).length;
    const score = n * (1 + consistent);
    if (score > bestScore) { best = d; bestScore = score; }
  }
  return best;
}

const commaNumber = /^\s*[-+]?\d+,\d+([eE][-+]?\d+)?\s*$/;
const dotNumber = /^\s*[-+]?\d*\.\d+([eE][-+]?\d+)?\s*$/;

/** True when the data lines write numbers with a decimal comma ('0,000000' with a tab or ';' delimiter). */
export function detectDecimalComma(samples: string[], delimiter: Delimiter): boolean {
  if (delimiter === ',') return false;
  let comma = 0;
  let dot = 0;
  for (const line of samples) {
    for (const f of line.split(delimiter)) {
      if (commaNumber.test(f)) comma++;
      else if (dotNumber.test(f)) dot++;
    }
  }
  return comma > 0 && comma > dot;
}

/** The delimiter as a byte for readTable. */
export function delimiterByte(d: Delimiter): number {
  return d.charCodeAt(0);
}
