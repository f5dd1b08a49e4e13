import { describe, expect, it } from 'vitest';
import { isCalendarDate } from './calendar-date.js';

describe('isCalendarDate', () => {
  it.each(['2024-02-29', '2023-12-31T23:59:59Z', '2024-01-01 00:00', '0001-01-01'])('takes %s', (text) => {
    expect(isCalendarDate(text)).toBe(true);
  });

  it.each(['2024-02-30', '2023-02-29', '2024-04-31T10:00', '0000-01-01', '2024-01-01T24:00', '2024-13-01', '2024-00-10', 'x'])('refuses %s', (text) => {
    expect(isCalendarDate(text)).toBe(false);
  });
});
