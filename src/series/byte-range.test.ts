import { describe, expect, it } from 'vitest';
import { parseByteRange } from './byte-range.js';

describe('parseByteRange', () => {
  it('reads the three forms of one range', () => {
    expect(parseByteRange('bytes=0-99', 1000)).toEqual({ offset: 0, length: 100 });
    expect(parseByteRange('bytes=900-', 1000)).toEqual({ offset: 900, length: 100 });
    expect(parseByteRange('bytes=-8', 1000)).toEqual({ offset: 992, length: 8 });
    expect(parseByteRange('bytes=990-2000', 1000)).toEqual({ offset: 990, length: 10 });
  });
  it('sends the whole body for no, odd or multiple ranges', () => {
    expect(parseByteRange(undefined, 10)).toBeNull();
    expect(parseByteRange('bytes=0-1,5-6', 10)).toBeNull();
    expect(parseByteRange('items=0-1', 10)).toBeNull();
  });
  it('refuses ranges past the end', () => {
    expect(parseByteRange('bytes=10-', 10)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=5-4', 10)).toBe('unsatisfiable');
  });
});
