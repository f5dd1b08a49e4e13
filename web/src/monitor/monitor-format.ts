/** "42 s", "7 min", "3.5 h", "2.1 d": how long ago, or how long, for the monitor's tables. */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}

/** A wall-clock instant in the reader's locale. */
export function formatInstant(iso: string): string {
  return new Date(iso).toLocaleString();
}
