import type { ScanSummary } from '../harvest/harvester.js';

/** One line for the terminal: when, how many files, what was done. */
export function describeScan(s: ScanSummary): string {
  const parts = (['uploaded', 'appended', 'replaced', 'adopted', 'waiting', 'unassigned', 'failed'] as const).filter((k) => s[k] > 0).map((k) => `${s[k]} ${k}`);
  return `${new Date().toISOString()} scanned ${s.files} files in ${s.ms} ms: ${parts.length ? parts.join(', ') : 'nothing new'}`;
}
