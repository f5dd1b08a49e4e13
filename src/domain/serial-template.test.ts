import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { formatDeviceSerial, validateSerialTemplate } from './serial-template.js';

describe('formatDeviceSerial', () => {
  it('fills printf-style integer directives', () => {
    expect(formatDeviceSerial('ABC-%03d', 7)).toBe('ABC-007');
    expect(formatDeviceSerial('ABC-%03d', 1234)).toBe('ABC-1234');
    expect(formatDeviceSerial('%d', 42)).toBe('42');
    expect(formatDeviceSerial('%04d', 5)).toBe('0005');
    expect(formatDeviceSerial('X%3dY', 5)).toBe('X  5Y');
    expect(formatDeviceSerial('LOT7/%02d', 3)).toBe('LOT7/03');
    expect(formatDeviceSerial('100%%-%d', 3)).toBe('100%-3');
  });

  it('appends the sequence to a plain batch serial', () => {
    expect(formatDeviceSerial('BATCH-2024-A', 12)).toBe('BATCH-2024-A-12');
  });

  it.each(['A-%s', 'A-%d-%d', 'A-%x', '50%'])('rejects template %j', (template) => {
    expect(() => validateSerialTemplate(template)).toThrow(ValidationError);
  });
});
