/** The arrays one after the other (a single array is returned as it is, not copied). */
export function concatValues(arrays: readonly Float64Array[]): Float64Array {
  if (arrays.length === 1) return arrays[0];
  const out = new Float64Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}
