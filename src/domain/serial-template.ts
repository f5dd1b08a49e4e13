import { ValidationError } from './errors.js';

// printf-style integer directive: %d, %3d, %03d. '%%' is a literal percent sign.
const directive = /%(%|(0?)(\d*)d)/g;

/** Checks a batch serial template: at most one integer directive and no other '%' conversions. */
export function validateSerialTemplate(template: string, field = 'serial_template'): void {
  const directives = [...template.matchAll(directive)].filter((m) => m[1] !== '%');
  const stripped = template.replace(directive, '');
  if (stripped.includes('%')) {
    throw new ValidationError(`Invalid serial template "${template}": only %d, %0Nd and %% are allowed`, [
      { field, message: 'only %d, %0Nd and %% are allowed' },
    ]);
  }
  if (directives.length > 1) {
    throw new ValidationError(`Invalid serial template "${template}": more than one number directive`, [
      { field, message: 'more than one number directive' },
    ]);
  }
}

/**
 * The serial of device `sequence` of a batch: `ABC-%03d` + 7 → `ABC-007`. A template with no
 * directive is the batch's own serial, so its devices get `<template>-<sequence>`.
 */
export function formatDeviceSerial(template: string, sequence: number): string {
  validateSerialTemplate(template);
  let used = false;
  const serial = template.replace(directive, (_all, body: string, zero: string, width: string) => {
    if (body === '%') return '%';
    used = true;
    const digits = String(Math.abs(sequence));
    const sign = sequence < 0 ? '-' : '';
    const w = width === '' ? 0 : Number(width);
    return zero ? sign + digits.padStart(w - sign.length, '0') : (sign + digits).padStart(w, ' ');
  });
  return used ? serial : `${serial}-${sequence}`;
}
