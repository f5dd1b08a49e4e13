import { describe, expect, it } from 'vitest';
import { parseIntegerList } from './query-params.js';

describe('parseIntegerList', () => {
  it('reads integers and ranges', () => {
    expect(parseIntegerList('1,3, 5-7')).toEqual([1, 3, 5, 6, 7]);
    expect(parseIntegerList('2147483647')).toEqual([2147483647]);
  });

  // 1e20 + 1 === 1e20: the range loop never ended and grew its array until V8 aborted the process.
  it.each(['99999999999999999999', '1-99999999999999999999', '2147483648', '1-5,x', '', '9-1'])('refuses %j', (text) => {
    expect(parseIntegerList(text)).toBeNull();
  });
});
