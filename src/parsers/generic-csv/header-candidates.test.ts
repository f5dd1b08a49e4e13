import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guessHeaderCandidates } from './header-candidates.js';

const text = (s: string) => new TextEncoder().encode(s);

describe('guessHeaderCandidates', () => {
  it('skips a preamble and takes the text line above the numbers', () => {
    const found = guessHeaderCandidates(text('Cell: A1\nDate: 2024-01-02\n\n"time_s","U (V)","I (A)",\n0.0,3.51,0.5,\n1.0,3.52,0.5,\n'));
    expect(found).toEqual({ lineIndex: 3, cells: ['time_s', 'U (V)', 'I (A)'], delimiter: ',', decimalComma: false, sampleRows: [['0.0', '3.51', '0.5', ''], ['1.0', '3.52', '0.5', '']] });
  });

  it('finds the header of a real tab-separated export', () => {
    const bytes = readFileSync(join('..', 'shared', 'fixtures', 'biologic', 'biologic_example_Ewe.tsv'));
    const found = guessHeaderCandidates(bytes);
    expect(found?.lineIndex).toBe(0);
    expect(found?.delimiter).toBe('\t');
    expect(found?.cells).toContain('Ewe/V');
  });

  it('gives nothing for binary content or text without a table', () => {
    expect(guessHeaderCandidates(new Uint8Array([1, 0, 2, 3, 10, 4, 0]))).toBeNull();
    expect(guessHeaderCandidates(text('just some notes\nand more notes\n'))).toBeNull();
  });
});
