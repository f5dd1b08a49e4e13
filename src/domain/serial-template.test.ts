import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { formatDeviceSerial, MAX_SERIAL_LENGTH, validateSerialTemplate } from './serial-template.js';

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

  // Counted, not built: the widest serial any sequence up to MAX_DEVICE_SEQUENCE (9 digits) gives.
  it.each([
    ['%0400000000d', '%0400000000d'],
    ['%0100000d', '%0100000d'],
    ['X%0200d', 'X%0200d'],
    ['191 letters', 'a'.repeat(191)],
    ['192 letters and %d', `${'a'.repeat(192)}%d`],
    ['a 400-digit width', `%${'9'.repeat(400)}d`],
  ])('rejects %s, whose serials can pass 200 characters', (_label, template) => {
    expect(() => validateSerialTemplate(template)).toThrow(/at most 200/);
    expect(() => formatDeviceSerial(template, 1)).toThrow(ValidationError);
  });

  it.each([
    ['%0200d', '%0200d'],
    ['190 letters', 'a'.repeat(190)],
    ['191 letters and %d', `${'a'.repeat(191)}%d`],
    ['190 %% and %d', `${'%%'.repeat(190)}-%9d`],
  ])('accepts %s, whose serials reach 200 characters', (_label, template) => {
    validateSerialTemplate(template);
    expect(formatDeviceSerial(template, 100_000_000).length).toBeLessThanOrEqual(MAX_SERIAL_LENGTH);
    expect(formatDeviceSerial(template, 1).length).toBeLessThanOrEqual(MAX_SERIAL_LENGTH);
  });
});
